// Live-sheet safety (issue 13): people insert, delete and sort rows, add rows, edit cells, rename a tab
// and move a column while a run works. For each kind of edit, made before the k-th service call of a
// mixed Run all for every k, then the continuations, the schedule and the person's next clicks: every
// row's outputs describe its own operation, nothing is twice in Chat, every row is done or pending with
// a reason, and the person's columns and edits are as they left them.
import { auditEdits, baseline, editKinds, type Expectation } from '../support/edits';
import { mixedWorld, recover, SMALL } from '../support/mixed-workbook';

describe('edit-anywhere sweep over a mixed Run all', () => {
  let calls = 0;
  // The rows as typed before the run: every case starts from a copy.
  let typed: Expectation;
  beforeAll(() => {
    const m = mixedWorld(SMALL);
    typed = baseline(m.w);
    calls = m.w.sb.run('runAll').totalCalls;
  });

  it('an unedited run leaves every row done, in Chat once', () => {
    const m = mixedWorld(SMALL);
    const expected = baseline(m.w);
    m.w.run('runAll');
    expect(auditEdits(m, expected)).toEqual([]);
    expect(calls).toBeGreaterThan(40);
  });

  for (const kind of editKinds()) {
    it(`${kind.name}, before every k-th call: each result on its own row`, () => {
      let applied = 0;
      for (let k = 1; k <= calls; k++) {
        const m = mixedWorld(SMALL);
        const expected = structuredClone(typed);
        kind.expect(expected);
        const r = m.w.sb.run('runAll', {
          beforeCall: (n) => {
            if (n !== k) return;
            kind.apply(m.w, expected);
            applied++;
          },
        });
        expect([k, r.outcome, r.error]).toEqual([k, 'ok', undefined]);
        if (r.totalCalls < k) kind.apply(m.w, expected);
        kind.after?.(m.w);
        recover(m);
        expect([k, auditEdits(m, expected)]).toEqual([k, []]);
      }
      expect(applied).toBeGreaterThan(calls / 2);
    });
  }
});
