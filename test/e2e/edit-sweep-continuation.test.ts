// The edit-anywhere sweep (edit-sweep.test.ts) inside a continuation: Chat answers slowly, so Run all
// stops at its time budget and continueRun finishes it; each kind of edit is made before every k-th call
// of that continuation.
import { auditEdits, baseline, editKinds, type Expectation } from '../support/edits';
import { fork, mixedWorld, recover, SMALL, stoppedRunAll, type Mixed } from '../support/mixed-workbook';

describe('edit-anywhere sweep over a continuation', () => {
  let started: Mixed;
  let calls = 0;
  // The rows as typed before Run all: every case starts from a copy.
  let atStart: Expectation;

  beforeAll(() => {
    ({ started, continuationCalls: calls } = stoppedRunAll());
    atStart = baseline(mixedWorld(SMALL).w);
  });

  for (const kind of editKinds()) {
    it(`${kind.name}, before every k-th call of continueRun`, () => {
      for (let k = 1; k <= calls; k++) {
        const m = fork(started);
        const expected = structuredClone(atStart);
        kind.expect(expected);
        m.w.sb.advance(61_000);
        let applied = false;
        const [r] = m.w.sb.runDueTriggers({
          beforeCall: (n) => {
            if (n !== k) return;
            kind.apply(m.w, expected);
            applied = true;
          },
        });
        expect([k, r.fn, r.outcome]).toEqual([k, 'continueRun', 'ok']);
        if (!applied) kind.apply(m.w, expected);
        kind.after?.(m.w);
        // Chat answers at its usual speed again, so the recovery takes a few executions, not dozens.
        m.w.sb.setLatency({ chat: 300, fetch: 250 });
        recover(m);
        expect([k, auditEdits(m, expected)]).toEqual([k, []]);
      }
    });
  }
});
