import { sandboxFor } from './test-support';

const ALL = `
  function tab() { return SpreadsheetApp.getActive().getSheetByName('T'); }
  function write() {
    tab().getRange(1, 1, 1, 6).setValues([['123', 'TRUE', 'false', '=A1', "'007", '2026-01-05 10:30']]);
  }
  function read() { return tab().getRange('A1:F1').getValues()[0].map(function (v) { return [typeof v, v instanceof Date]; }); }
  function shape() { tab().getRange(1, 1, 2, 2).setValues([[1, 2]]); }
  function cols() { tab().getRange(1, 1, 1, 3).setValues([[1, 2]]); }
  function pad() { return tab().getRange(1, 1, 2, 3).getValues(); }
  function big() { tab().getRange('A1').setValue(new Array(50002).join('x')); }
`;

function withTab() {
  const sb = sandboxFor(ALL, { timeZone: 'Europe/Paris' });
  sb.workbook.addSheet('T');
  return sb;
}

describe('SpreadsheetApp values', () => {
  test('setValues parses strings as Sheets parses user input', () => {
    const sb = withTab();
    expect(sb.run('write').outcome).toBe('ok');
    const row = sb.workbook.sheet('T').values[0];
    expect(row.slice(0, 5)).toEqual([123, true, false, '#ERROR!', '007']);
    expect(row[5]).toEqual(new Date(Date.UTC(2026, 0, 5, 9, 30))); // 10:30 in Paris
    expect(sb.workbook.sheet('T').formulas[0][3]).toBe('=A1');
    expect(sb.run('read').returned).toEqual([
      ['number', false],
      ['boolean', false],
      ['boolean', false],
      ['string', false],
      ['string', false],
      ['object', true],
    ]);
  });

  test('display values follow Sheets automatic formats in the spreadsheet time zone', () => {
    const sb = withTab();
    sb.workbook.setValues('T', 'A1', [[42, 2.5, true, '2026-01-05 10:30', '2026-01-05', 'text', '']]);
    expect(sb.workbook.sheet('T').display[0]).toEqual([
      '42',
      '2.5',
      'TRUE',
      '1/5/2026 10:30:00',
      '1/5/2026',
      'text',
    ]);
  });

  test('a number format changes the display; "@" keeps typed text as text', () => {
    const sb = sandboxFor(`function f() {
      var sh = SpreadsheetApp.getActive().getSheetByName('T');
      sh.getRange('A1').setNumberFormat('yyyy-mm-dd hh:mm').setValue(new Date(Date.UTC(2026, 0, 5, 9, 30)));
      sh.getRange('B1').setNumberFormat('@').setValue('00123');
      return sh.getRange('A1:B1').getDisplayValues()[0].concat([typeof sh.getRange('B1').getValue()]);
    }`);
    sb.workbook.addSheet('T');
    expect(sb.run('f').returned).toEqual(['2026-01-05 10:30', '00123', 'string']);
  });

  test('setValues with the wrong shape fails with Apps Script messages and writes nothing', () => {
    const sb = withTab();
    expect(sb.run('shape').error).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(sb.run('cols').error).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(sb.workbook.sheet('T').values).toEqual([]);
  });

  test('reading beyond the data pads with empty strings', () => {
    const sb = withTab();
    sb.workbook.setValues('T', 'A1', [['x']]);
    expect(sb.run('pad').returned).toEqual([
      ['x', '', ''],
      ['', '', ''],
    ]);
  });

  test('more than 50,000 characters in a cell is refused', () => {
    const sb = withTab();
    expect(sb.run('big').error).toBe(
      'Exception: Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });

  test('getLastRow, getDataRange, appendRow and deleteRows track the content', () => {
    const sb = sandboxFor(`function f() {
      var sh = SpreadsheetApp.getActive().getSheetByName('T');
      sh.appendRow(['a', 1]);
      sh.appendRow(['b', 2]);
      sh.appendRow(['c', 3]);
      sh.deleteRow(2);
      return [sh.getLastRow(), sh.getLastColumn(), sh.getDataRange().getA1Notation()];
    }`);
    sb.workbook.addSheet('T');
    const r = sb.run('f');
    expect(r.returned).toEqual([2, 2, 'A1:B2']);
    expect(sb.workbook.sheet('T').values).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    expect(r.sheetDataCalls).toBe(7);
  });

  test('ranges outside the sheet and empty ranges fail like Apps Script', () => {
    const sb = sandboxFor(`
      function outside() { SpreadsheetApp.getActive().getSheetByName('T').getRange(1001, 1); }
      function empty() { SpreadsheetApp.getActive().getSheetByName('T').getRange(2, 1, 0, 3); }`);
    sb.workbook.addSheet('T');
    expect(sb.run('outside').error).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(sb.run('empty').error).toBe('Exception: The number of rows in the range must be at least 1.');
  });

  test('notes, frozen rows and data validation are stored and read back', () => {
    const sb = sandboxFor(`function f() {
      var sh = SpreadsheetApp.getActive().insertSheet('S');
      sh.getRange(1, 1, 1, 2).setValues([['Status', 'Done']]).setNotes([['the status', '']]).setFontWeight('bold');
      sh.setFrozenRows(1);
      var rule = SpreadsheetApp.newDataValidation().requireValueInList(['DONE', 'ERROR'], true).setAllowInvalid(false).build();
      sh.getRange('A2:A10').setDataValidation(rule);
      sh.getRange('B2').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      var got = sh.getRange('A3').getDataValidation();
      sh.getRange('A2').setValue('DONE');
      try { sh.getRange('A3').setValue('MAYBE'); } catch (e) { Logger.log(e.message); }
      return [got.getCriteriaType(), got.getCriteriaValues(), got.getCriteriaType() === SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST,
        sh.getRange('A1').getNote(), sh.getFrozenRows()];
    }`);
    sb.workbook.addSheet('T');
    const r = sb.run('f');
    expect(r.returned).toEqual(['VALUE_IN_LIST', [['DONE', 'ERROR'], true], true, 'the status', 1]);
    expect(r.logs).toEqual([
      'The data you entered in cell A3 violates the data validation rules set on this cell.',
    ]);
    const view = sb.workbook.sheet('S');
    expect(view.notes[0]).toEqual(['the status', '']);
    expect(view.frozenRows).toBe(1);
    expect(view.validations[1][0]).toMatchObject({ criteria: 'VALUE_IN_LIST', allowInvalid: false });
    expect(view.validations[1][1]).toMatchObject({ criteria: 'CHECKBOX', allowInvalid: true });
    expect(view.values[1][0]).toBe('DONE');
    expect(view.values[2]).toBeUndefined();
  });

  test('cosmetic methods are chainable no-ops; other unknown methods fail loudly', () => {
    const sb = sandboxFor(`
      function style() {
        var sh = SpreadsheetApp.getActive().getSheetByName('T');
        sh.getRange('A1').setBackground('#eee').setFontColor('red').setWrap(true).setValue('x');
        sh.autoResizeColumns(1, 3);
        sh.setColumnWidth(1, 200);
        return sh.getRange('A1').getValue();
      }
      function unknown() { SpreadsheetApp.getActive().getSheetByName('T').getRange('A1').getRichTextValue(); }`);
    sb.workbook.addSheet('T');
    expect(sb.run('style')).toMatchObject({ outcome: 'ok', returned: 'x' });
    expect(sb.run('unknown').error).toBe('Error: not modelled by the sandbox: Range.getRichTextValue');
  });

  test('insertSheet refuses duplicate names and activates the new tab', () => {
    const sb = sandboxFor(`function f() {
      var ss = SpreadsheetApp.getActive();
      ss.insertSheet('New');
      var active = ss.getActiveSheet().getName();
      try { ss.insertSheet('New'); } catch (e) { return [active, e.message]; }
    }`);
    sb.workbook.addSheet('T');
    expect(sb.run('f').returned).toEqual([
      'New',
      'A sheet with the name "New" already exists. Please enter another name.',
    ]);
  });

  test('the selection set by the test is what the script sees', () => {
    const sb = sandboxFor(`function sel() {
      var ss = SpreadsheetApp.getActive();
      var list = ss.getSelection().getActiveRangeList();
      return [ss.getActiveSheet().getName(), list.getRanges().map(function (r) { return r.getA1Notation(); }),
        SpreadsheetApp.getActiveRange().getRow()];
    }`);
    sb.workbook.addSheet('T');
    sb.workbook.addSheet('Messages', [['Key'], ['a'], ['b'], ['c']]);
    sb.selectRange('Messages', 'A2:A3');
    expect(sb.run('sel').returned).toEqual(['Messages', ['A2:A3'], 2]);
    sb.selectRange('Messages', [4, 1]);
    expect(sb.run('sel').returned).toEqual(['Messages', ['A4'], 4]);
    // A time-driven execution has no user, hence no selection.
    expect(sb.run('sel', { trigger: 'time' }).error).toMatch(/^TypeError: Cannot read properties of null/);
  });

  test('toTable prints displayed values with row numbers and column letters', () => {
    const sb = withTab();
    sb.workbook.setValues('T', 'A1', [
      ['Key', 'Done'],
      ['a', 'TRUE'],
    ]);
    expect(sb.workbook.toTable('T')).toBe(
      ['T', '  │ A   │ B', '1 │ Key │ Done', '2 │ a   │ TRUE'].join('\n'),
    );
  });

  test('a new spreadsheet has an empty Sheet1 unless the test gives its tabs', () => {
    const src = `function tabs() { return SpreadsheetApp.getActive().getSheets().map(function (s) { return s.getName(); }); }`;
    expect(sandboxFor(src).run('tabs').returned).toEqual(['Sheet1']);
    const sb = sandboxFor(src, {
      sheets: {
        Spaces: [
          ['Key', 'Send at'],
          ['k1', '2026-01-05 10:00'],
        ],
        Log: [],
      },
    });
    expect(sb.run('tabs').returned).toEqual(['Spaces', 'Log']);
    expect(sb.workbook.sheet('Spaces').values[1]).toEqual(['k1', new Date(Date.UTC(2026, 0, 5, 9, 0))]);
  });
});
