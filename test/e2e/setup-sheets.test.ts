import { TABS } from '../../src/contract/tabs';
import { world } from '../support/world';

describe('setUpSheets', () => {
  it('creates the five tabs with headers, notes, dropdowns and a frozen header row', () => {
    const w = world();
    for (const spec of TABS) {
      const view = w.sb.workbook.sheet(spec.name);
      expect(view.values[0]).toEqual(spec.columns.map((c) => c.header));
      expect(view.frozenRows).toBe(1);
      spec.columns.forEach((c, i) => expect(view.notes[0][i]).toBe(c.note));
      spec.columns.forEach((c, i) => {
        const rule = view.validations[1]?.[i] ?? null;
        if (c.values) expect([rule?.criteria, rule?.values[0]]).toEqual(['VALUE_IN_LIST', c.values]);
        else expect(rule).toBeNull();
      });
    }
    expect(w.sb.workbook.sheet('Spaces').values[0]).toContain('Members mode');
  });

  it('a tab named one typo away ("Message") is named in an alert, not ignored beside a new empty tab', () => {
    const w = world({ setUp: false });
    w.sb.workbook.addSheet('message', [
      ['Key', 'Space', 'Text'],
      ['k1', 'spaces/AAA', 'Hello'],
    ]);
    w.run('setUpSheets');
    expect(w.sb.workbook.find('Messages')).toBeUndefined();
    expect(w.sb.ui.alerts.map((a) => a.prompt)).toEqual([
      'There is no Messages tab, but there is “message”: rename it “Messages” (tabs are found by their exact name). Then run “Set up sheets” again.',
    ]);
    w.run('sendMessages');
    expect(w.sb.ui.alerts.at(-1)?.prompt).toContain('There is no Messages tab, but there is “message”');
    w.sb.workbook.renameSheet('message', 'Messages');
    w.run('setUpSheets');
    expect(w.sb.workbook.sheet('Messages').values[1].slice(0, 3)).toEqual(['k1', 'spaces/AAA', 'Hello']);
  });

  it('a second run changes nothing', () => {
    const w = world();
    const snapshot = () =>
      JSON.stringify(
        TABS.map((t) => {
          const v = w.sb.workbook.sheet(t.name);
          return [v.values, v.notes, v.validations, v.frozenRows];
        }),
      );
    const before = snapshot();
    w.run('setUpSheets');
    expect(snapshot()).toBe(before);
    expect(w.sb.ui.toasts.at(-1)?.message).toMatch(/are in place/);
  });

  it('appends a missing header to a tab with data and keeps the data', () => {
    const w = world({ setUp: false });
    w.sb.workbook.addSheet('Members', [
      ['Member', 'My notes', 'space'],
      ['ada@example.com', 'keep me', 'eng'],
    ]);
    w.run('setUpSheets');
    const view = w.sb.workbook.sheet('Members');
    expect(view.values[0].slice(0, 3)).toEqual(['Member', 'My notes', 'space']);
    expect(view.values[1].slice(0, 3)).toEqual(['ada@example.com', 'keep me', 'eng']);
    expect(view.values[0].slice(3)).toEqual([
      'Role',
      'As',
      'Action',
      'Membership',
      'State',
      'Status',
      'Detail',
      'Updated',
    ]);
    expect(view.values[0]).not.toContain('Space');
  });
});
