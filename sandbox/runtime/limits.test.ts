import { sandboxFor } from './test-support';

// Writes rows one by one (50 ms each) and swallows every error, as a careless script would.
const WRITER = `
  function writeRows() {
    var sh = SpreadsheetApp.getActive().getSheetByName('T');
    for (var i = 1; i <= 20; i++) {
      try { sh.getRange(i, 1).setValue(i); } catch (e) { Logger.log('caught: ' + e.message); }
    }
    try { PropertiesService.getScriptProperties().setProperty('finished', 'yes'); } catch (e) {}
    return 'returned normally';
  }`;

describe('time limit, cut-offs and counters', () => {
  test('a call starting at the 6-minute limit is cut off and nothing after it takes effect, even if caught', () => {
    const sb = sandboxFor(WRITER, { latency: { sheetData: 60_000 } });
    sb.workbook.addSheet('T');
    const r = sb.run('writeRows');
    expect(r.outcome).toBe('timeout');
    expect(r.error).toBe('Error: Exceeded maximum execution time');
    // Calls start at 0, 60 s, … 300 s: six writes; the seventh would start at 360 s.
    expect(sb.workbook.sheet('T').values.map((row) => row[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sb.properties.script.has('finished')).toBe(false);
    expect(r.logs).toEqual([]); // even Logger is dead after the cut-off
    expect(r.elapsedMs).toBe(360_000);
  });

  test('a sleep that crosses the limit ends the execution at the limit', () => {
    const sb = sandboxFor(`function nap() {
      try { Utilities.sleep(300000); Utilities.sleep(300000); } catch (e) {}
      PropertiesService.getScriptProperties().setProperty('after', 'x');
    }`);
    const r = sb.run('nap');
    expect(r).toMatchObject({ outcome: 'timeout', elapsedMs: 360_000 });
    expect(sb.properties.script.size).toBe(0);
  });

  test('even a zero sleep takes a moment: a script waiting for a sub-millisecond deadline gets there', () => {
    // Polls like a pacer whose deadline carries jitter (fractions of a millisecond), sleeping the rounded gap.
    const sb = sandboxFor(`function poll() {
      var until = Date.now() + 1000.4, sleeps = 0;
      while (Date.now() < until) { Utilities.sleep(Math.round(until - Date.now())); sleeps++; }
      return sleeps;
    }`);
    const r = sb.run('poll');
    expect(r).toMatchObject({ outcome: 'ok', returned: 2, elapsedMs: 1001 });
  });

  test('timeLimitMs shortens the budget', () => {
    const sb = sandboxFor(WRITER, { latency: { sheetData: 1000 } });
    sb.workbook.addSheet('T');
    const r = sb.run('writeRows', { timeLimitMs: 5000 });
    expect(r.outcome).toBe('timeout');
    expect(sb.workbook.sheet('T').values).toHaveLength(5);
  });

  test('cutAfterCalls: N takes effect, N+1 does not', () => {
    const sb = sandboxFor(WRITER);
    sb.workbook.addSheet('T');
    const r = sb.run('writeRows', { cutAfterCalls: 4 });
    expect(r.outcome).toBe('cutoff');
    expect(r.totalCalls).toBe(4);
    expect(sb.workbook.sheet('T').values.map((row) => row[0])).toEqual([1, 2, 3]); // getSheetByName + 3 writes
    expect(sb.properties.script.has('finished')).toBe(false);
  });

  test('counters: calls by kind, data calls and virtual time', () => {
    const sb = sandboxFor(`function f() {
      var ss = SpreadsheetApp.getActive();
      var sh = ss.getSheetByName('T');
      sh.getRange(1, 1, 2, 2).getValues();
      sh.getRange('A1').setValue(1);
      ss.toast('hi');
      PropertiesService.getScriptProperties().getProperty('x');
      Utilities.sleep(1000);
    }`);
    sb.workbook.addSheet('T');
    const r = sb.run('f');
    expect(r.calls).toEqual({
      'SpreadsheetApp.getSheetByName': 1,
      'SpreadsheetApp.getValues': 1,
      'SpreadsheetApp.setValue': 1,
      'SpreadsheetApp.toast': 1,
      'PropertiesService.getProperty': 1,
      'Utilities.sleep': 1,
    });
    expect(r.totalCalls).toBe(6);
    expect(r.sheetDataCalls).toBe(2);
    expect(r.elapsedMs).toBe(50 + 50 + 1000);
    expect(sb.clock.now() - r.startedAt).toBe(1100);
  });

  test('a script that finishes in time is ok, with its return value', () => {
    const sb = sandboxFor(WRITER);
    sb.workbook.addSheet('T');
    expect(sb.run('writeRows')).toMatchObject({ outcome: 'ok', returned: 'returned normally' });
  });
});

// https://developers.google.com/apps-script/guides/triggers#restrictions: simple triggers "cannot run for
// longer than 30 seconds".
describe('simple triggers end at 30 s', () => {
  const SCRIPT = `
    function onOpen() {
      var p = PropertiesService.getDocumentProperties();
      for (var i = 1; i <= 10; i++) { Utilities.sleep(5000); p.setProperty('slept', String(i * 5)); }
    }`;

  test('an onOpen still working at 30 s is stopped with "Exceeded maximum execution time"', () => {
    const sb = sandboxFor(SCRIPT);
    const r = sb.run('onOpen', { trigger: 'simple' });
    expect(r).toMatchObject({ outcome: 'timeout', elapsedMs: 30_000 });
    expect(r.error).toBe('Error: Exceeded maximum execution time');
    expect(sb.properties.document.get('slept')).toBe('25'); // the sixth sleep crossed the limit
  });

  test('the same function from the menu has the usual 6 minutes', () => {
    const sb = sandboxFor(SCRIPT);
    expect(sb.run('onOpen')).toMatchObject({ outcome: 'ok', elapsedMs: 50_000 });
  });
});
