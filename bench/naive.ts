// The baseline: what Google's samples do, as an Apps Script project of its own — read the tab once, then
// for each row one advanced-service call and a cell-by-cell write of the result. A user runs it again
// (from the menu) while rows are left that are not DONE. It has no request ids, so a cut-off between the
// call and the cell write sends that row again: the benchmark counts those duplicates too.
export const NAIVE_SCRIPT = `
function naiveRows_(tab) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(tab);
  var data = sheet.getDataRange().getValues();
  var col = {};
  data[0].forEach(function (h, i) { col[h] = i; });
  return { sheet: sheet, data: data, col: col };
}

function naiveEach_(tab, call, output) {
  var t = naiveRows_(tab);
  for (var i = 1; i < t.data.length; i++) {
    var row = t.data[i];
    if (row[t.col.Status] === 'DONE') continue;
    try {
      var made = call(row, t.col);
      t.sheet.getRange(i + 1, t.col.Status + 1).setValue('DONE');
      t.sheet.getRange(i + 1, t.col[output] + 1).setValue(made.name);
    } catch (e) {
      t.sheet.getRange(i + 1, t.col.Status + 1).setValue('ERROR');
      t.sheet.getRange(i + 1, t.col.Detail + 1).setValue(e.message);
    }
  }
}

function naiveMessages() {
  naiveEach_('Messages', function (row, col) {
    return Chat.Spaces.Messages.create({ text: row[col.Text] }, row[col.Space]);
  }, 'Message');
}

function naiveMembers() {
  naiveEach_('Members', function (row, col) {
    return Chat.Spaces.Members.create({ member: { name: 'users/' + row[col.Member], type: 'HUMAN' } }, row[col.Space]);
  }, 'Membership');
}

function naiveSpaces() {
  naiveEach_('Spaces', function (row, col) {
    return Chat.Spaces.create({ spaceType: 'SPACE', displayName: row[col['Display name']] });
  }, 'Space');
}
`;
