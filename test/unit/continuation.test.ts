// Continuations through their ports (test/support/fake-world.ts): what is stored in the script's
// properties, which continueRun triggers exist afterwards, and when the job runner is called. The job
// runner is a fake that records what it was given and what the world looked like when it was called.
import {
  continueLater,
  CONTINUE_AFTER_MS,
  dropContinuation,
  LOST_TRIGGER_MS,
  marksOf,
  MAX_ATTEMPTS,
  RESUME_AFTER_MS,
  resume,
  sameRows,
  settleContinuation,
  type JobRunner,
} from '../../src/continuation';
import { MESSAGES } from '../../src/contract/tabs';
import { Run } from '../../src/engine/run';
import type { JobName, Selection } from '../../src/jobs';
import { fakeWorld, PROPERTY_MAX_BYTES, type FakeWorld } from '../support/fake-world';

const KEY = 'sheets-to-chat.continuation';
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);

const stored = (w: FakeWorld) => {
  const raw = w.store.get(KEY);
  return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
};

/** Installs triggers as other executions left them. */
function install(w: FakeWorld, ...handlers: string[]): void {
  for (const h of handlers) w.triggers.after(h, 60_000);
  w.triggers.calls.length = 0;
}

interface Call {
  job: JobName;
  selection?: Selection;
  input?: string;
  after?: string;
  /** The stored continuation and the installed triggers when the runner was called. */
  storedThen: Record<string, unknown> | null;
  triggersThen: string[];
}

/** A job runner that records its calls; `then` says how the job ends (default: finished). */
function runner(
  w: FakeWorld,
  then: (call: Call) => 'finished' | 'unfinished' | 'locked' | 'dies' = () => 'finished',
) {
  const calls: Call[] = [];
  const run: JobRunner = (env, job, args) => {
    const call = {
      job,
      selection: args?.selection,
      input: args?.input,
      after: args?.after,
      storedThen: stored(w),
      triggersThen: w.triggers.describe(),
    };
    calls.push(call);
    const how = then(call);
    if (how === 'dies') throw new Error('Exceeded maximum execution time');
    if (how === 'locked') return null;
    const r = new Run(env);
    r.unfinished = how === 'unfinished';
    return r;
  };
  return { calls, run };
}

describe('continueLater', () => {
  it('stores the selected rows as ranges, with the sheet, marks and when its trigger is due', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    const rows = [905, ...Array.from({ length: 899 }, (_, i) => 900 - i), 3, 2];
    expect(
      continueLater(w.env, {
        job: 'runSelectedRows',
        sheet: 'Messages',
        rows,
        marks: { 2: 'abc', 905: 'def' },
      }),
    ).toBeNull();
    expect(w.store.get(KEY)).toBe(
      JSON.stringify({
        job: 'runSelectedRows',
        sheet: 'Messages',
        rows: '2-900,905',
        marks: { 2: 'abc', 905: 'def' },
        due: T0 + CONTINUE_AFTER_MS,
      }),
    );
  });

  it('a job without a selection stores only the job and when it is due', () => {
    const w = fakeWorld({ start: T0 });
    continueLater(w.env, { job: 'sendMessages' });
    expect(stored(w)).toEqual({ job: 'sendMessages', due: T0 + 60_000 });
  });

  it('leaves exactly one continueRun trigger: the old ones go first, other handlers stay', () => {
    const w = fakeWorld({ start: T0 });
    install(w, 'continueRun', 'onSchedule', 'continueRun');
    expect(continueLater(w.env, { job: 'sendMessages' })).toBeNull();
    expect(w.triggers.describe()).toEqual([
      `t2 onSchedule after ${T0 + 60_000}`,
      `t4 continueRun after ${T0 + CONTINUE_AFTER_MS}`,
    ]);
    // Listed once; removed before the new one is made.
    expect(w.triggers.calls).toEqual(['list', 'remove t1', 'remove t3', 'after continueRun 60000']);
  });

  it('says why when the properties refuse the continuation, and installs no trigger', () => {
    const w = fakeWorld({ start: T0 });
    // Every other row: nothing to merge into ranges, about 6 bytes a row.
    const rows = Array.from({ length: 2000 }, (_, i) => 2 + 2 * i);
    const failed = continueLater(w.env, { job: 'runSelectedRows', sheet: 'Messages', rows });
    expect(failed).toBe('the script’s properties refused to save it: Argument too large: value');
    expect(w.store.get(KEY)).toBeNull();
    expect(w.triggers.installed).toEqual([]);
  });

  it('says why when no trigger can be installed (the continuation is stored)', () => {
    const w = fakeWorld({ start: T0 });
    w.triggers.refuse = 'This script has too many triggers.';
    expect(continueLater(w.env, { job: 'runAll' })).toBe(
      'no trigger could be installed: This script has too many triggers.',
    );
    expect(stored(w)).toEqual({ job: 'runAll', due: T0 + 60_000 });
  });
});

describe('the stored rows', () => {
  it.each([
    ['one row', [7], '7'],
    ['a block and a straggler', [2, 3, 4, 5, 9], '2-5,9'],
    ['unsorted, with repeats', [10, 4, 5, 4, 11, 2], '2,4-5,10-11'],
    ['single rows', [2, 4, 6], '2,4,6'],
  ])('%s round-trip through the property (sorted, once each)', (_what, rows, ranges) => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    continueLater(w.env, { job: 'runSelectedRows', sheet: 'Messages', rows, marks: {} });
    expect(stored(w)?.rows).toBe(ranges);
    const r = runner(w);
    resume(w.env, r.run);
    expect(r.calls.map((c) => c.selection)).toEqual([
      { sheet: 'Messages', rows: [...new Set(rows)].sort((a, b) => a - b), marks: {} },
    ]);
  });

  it('a big selection fits in one 9 KB property, and comes back row for row', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    // 40,000 rows with a gap every 100: 400 blocks. As a JSON array this would be some 240 KB.
    const rows = Array.from({ length: 40_000 }, (_, i) => i + 2).filter((r) => r % 100 !== 0);
    expect(JSON.stringify(rows).length).toBeGreaterThan(PROPERTY_MAX_BYTES * 20);
    expect(continueLater(w.env, { job: 'runSelectedRows', sheet: 'Messages', rows })).toBeNull();
    const raw = w.store.get(KEY)!;
    expect(raw.length).toBeLessThan(PROPERTY_MAX_BYTES);
    expect((stored(w)?.rows as string).split(',')).toHaveLength(401);
    expect((stored(w)?.rows as string).startsWith('2-99,101-199,')).toBe(true);
    const r = runner(w);
    resume(w.env, r.run);
    expect(r.calls[0].selection?.rows).toEqual(rows);
  });

  it('an import keeps its prompt’s answer and where it stopped', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    continueLater(w.env, {
      job: 'importMessages',
      sheet: 'Spaces',
      rows: [2, 3],
      marks: {},
      input: '2026-03-02',
      after: 'spaces/AAAA',
    });
    expect(stored(w)).toMatchObject({ input: '2026-03-02', after: 'spaces/AAAA', rows: '2-3' });
    const r = runner(w);
    resume(w.env, r.run);
    expect(r.calls.map((c) => [c.job, c.selection, c.input, c.after])).toEqual([
      ['importMessages', { sheet: 'Spaces', rows: [2, 3], marks: {} }, '2026-03-02', 'spaces/AAAA'],
    ]);
  });

  it('a continuation stored as a plain array (by an older version) is still read', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    w.store.set(KEY, JSON.stringify({ job: 'runSelectedRows', sheet: 'Members', rows: [3, 5], due: T0 }));
    const r = runner(w);
    resume(w.env, r.run);
    expect(r.calls[0].selection).toEqual({ sheet: 'Members', rows: [3, 5], marks: undefined });
  });
});

describe('resume', () => {
  it('with nothing stored: runs nothing and removes every continueRun trigger', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    install(w, 'continueRun', 'onSchedule');
    const r = runner(w);
    expect(resume(w.env, r.run)).toBe('none');
    expect(r.calls).toEqual([]);
    expect(w.triggers.describe()).toEqual([`t2 onSchedule after ${T0 + 60_000}`]);
  });

  it('re-arms itself for after the 6-minute limit before it runs the job', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    continueLater(w.env, { job: 'sendMessages' });
    w.clock.advance(CONTINUE_AFTER_MS);
    const now = w.clock.now();
    const r = runner(w);
    expect(resume(w.env, r.run, 't1')).toBe('finished');
    expect(RESUME_AFTER_MS).toBeGreaterThan(6 * 60_000);
    expect(r.calls).toEqual([
      {
        job: 'sendMessages',
        selection: undefined,
        input: undefined,
        after: undefined,
        storedThen: { job: 'sendMessages', due: now + RESUME_AFTER_MS, attempts: 1 },
        triggersThen: [`t2 continueRun after ${now + RESUME_AFTER_MS}`],
      },
    ]);
  });

  it('pending when the job is unfinished or could not start', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    continueLater(w.env, { job: 'runAll' });
    expect(resume(w.env, runner(w, () => 'unfinished').run)).toBe('pending');
    expect(resume(w.env, runner(w, () => 'locked').run)).toBe('pending');
  });

  it(`gives up after ${MAX_ATTEMPTS} deaths in a row, says so in the log, and leaves no trigger`, () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    install(w, 'onSchedule');
    continueLater(w.env, { job: 'syncMembers' });
    const r = runner(w, () => 'dies');
    const attempts: unknown[] = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      w.clock.advance(RESUME_AFTER_MS);
      expect(() => resume(w.env, r.run)).toThrow('Exceeded maximum execution time');
      attempts.push(stored(w)?.attempts);
      expect(w.triggers.installed.filter((t) => t.handler === 'continueRun')).toHaveLength(1);
    }
    expect(attempts).toEqual([1, 2, 3]);
    expect(w.logger.lines).toEqual([]);

    w.clock.advance(RESUME_AFTER_MS);
    expect(resume(w.env, r.run)).toBe('none');
    expect(r.calls).toHaveLength(MAX_ATTEMPTS);
    expect(w.store.get(KEY)).toBeNull();
    expect(w.triggers.describe()).toEqual([`t1 onSchedule after ${T0 + 60_000}`]);
    expect(w.logger.lines).toEqual([
      'An unfinished syncMembers run died 3 times in a row before it could save its progress: it is not resumed again. Run it from the Chat menu.',
    ]);
  });

  it('a run that saves where it stopped starts the count again', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    continueLater(w.env, { job: 'sendMessages' });
    let n = 0;
    // Two deaths, then a run that gets through part of the work and stores where it stopped.
    const r = runner(w, () => {
      if (++n <= 2) return 'dies';
      continueLater(w.env, { job: 'sendMessages' });
      return 'unfinished';
    });
    for (let i = 0; i < 2; i++) expect(() => resume(w.env, r.run)).toThrow();
    expect(stored(w)?.attempts).toBe(2);
    expect(resume(w.env, r.run)).toBe('pending');
    expect(stored(w)).toEqual({ job: 'sendMessages', due: w.clock.now() + CONTINUE_AFTER_MS });
    expect(w.triggers.describe()).toEqual([`t5 continueRun after ${w.clock.now() + CONTINUE_AFTER_MS}`]);
  });

  it('when it cannot re-arm: says so, and still runs the job', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    continueLater(w.env, { job: 'sendMessages' });
    w.triggers.refuse = 'Too many triggers.';
    const r = runner(w);
    expect(resume(w.env, r.run, 't1')).toBe('finished');
    expect(r.calls.map((c) => c.job)).toEqual(['sendMessages']);
    expect(w.triggers.installed).toEqual([]);
    expect(w.logger.lines).toEqual([
      'This continuation could not arrange its own resumption: no trigger could be installed: Too many triggers.',
    ]);
  });

  it('an unreadable continuation is taken as none', () => {
    const w = fakeWorld({ mode: 'trigger', start: T0 });
    install(w, 'continueRun');
    w.store.set(KEY, '{"job": "sendMes');
    const r = runner(w);
    expect(resume(w.env, r.run)).toBe('none');
    expect(r.calls).toEqual([]);
    expect(w.triggers.installed).toEqual([]);
  });
});

describe('settleContinuation', () => {
  it("clears the job's own continuation and every continueRun trigger", () => {
    const w = fakeWorld({ start: T0 });
    install(w, 'onSchedule');
    continueLater(w.env, { job: 'sendMessages' });
    install(w, 'continueRun');
    settleContinuation(w.env, 'sendMessages');
    expect(w.store.get(KEY)).toBeNull();
    expect(w.triggers.describe()).toEqual([`t1 onSchedule after ${T0 + 60_000}`]);
  });

  it("leaves another job's continuation as it is, with its one trigger", () => {
    const w = fakeWorld({ start: T0 });
    continueLater(w.env, {
      job: 'runSelectedRows',
      sheet: 'Messages',
      rows: [4, 5],
      marks: { 4: 'x', 5: 'y' },
    });
    const before = w.store.get(KEY);
    w.triggers.calls.length = 0;
    w.clock.advance(30_000);
    settleContinuation(w.env, 'syncSpaces');
    expect(w.store.get(KEY)).toBe(before);
    expect(w.triggers.describe()).toEqual([`t1 continueRun after ${T0 + 60_000}`]);
    expect(w.triggers.calls).toEqual(['list']);
  });

  it('a finished Run all clears any continuation', () => {
    const w = fakeWorld({ start: T0 });
    continueLater(w.env, { job: 'syncMembers' });
    settleContinuation(w.env, 'runAll');
    expect(w.store.get(KEY)).toBeNull();
    expect(w.triggers.installed).toEqual([]);
  });

  it("another job's continuation left with several triggers, or none, gets exactly one", () => {
    const w = fakeWorld({ start: T0 });
    continueLater(w.env, { job: 'syncMembers' });
    install(w, 'continueRun', 'continueRun');
    settleContinuation(w.env, 'sendMessages');
    expect(w.triggers.describe()).toEqual([`t4 continueRun after ${T0 + 60_000}`]);

    w.triggers.remove('t4');
    settleContinuation(w.env, 'sendMessages');
    expect(w.triggers.describe()).toEqual([`t5 continueRun after ${T0 + 60_000}`]);
    expect(stored(w)).toEqual({ job: 'syncMembers', due: T0 + 60_000 });
  });

  it('a lost trigger (the continuation stored long past due) is replaced', () => {
    const w = fakeWorld({ start: T0 });
    continueLater(w.env, { job: 'syncMembers' });
    // Exactly at the limit the trigger is only late: left alone.
    w.clock.advance(CONTINUE_AFTER_MS + LOST_TRIGGER_MS);
    settleContinuation(w.env, 'sendMessages');
    expect(w.triggers.describe()).toEqual([`t1 continueRun after ${T0 + 60_000}`]);

    w.clock.advance(1);
    const now = w.clock.now();
    settleContinuation(w.env, 'sendMessages');
    expect(w.triggers.describe()).toEqual([`t2 continueRun after ${now + CONTINUE_AFTER_MS}`]);
    expect(stored(w)).toEqual({ job: 'syncMembers', due: now + CONTINUE_AFTER_MS });
    expect(w.logger.lines).toEqual([]);
  });

  it('says in the log when a continuation it keeps cannot be rescheduled', () => {
    const w = fakeWorld({ start: T0 });
    continueLater(w.env, { job: 'syncMembers' });
    w.triggers.remove('t1');
    w.triggers.refuse = 'Too many triggers.';
    settleContinuation(w.env, 'sendMessages');
    expect(w.logger.lines).toEqual([
      'An unfinished syncMembers run could not be rescheduled: no trigger could be installed: Too many triggers.',
    ]);
  });
});

describe('dropContinuation', () => {
  it('forgets the continuation; triggers are for the next decision to tidy', () => {
    const w = fakeWorld({ start: T0 });
    continueLater(w.env, { job: 'runSelectedRows', sheet: 'Messages', rows: [2] });
    dropContinuation(w.env);
    expect(w.store.get(KEY)).toBeNull();
    expect(w.triggers.describe()).toEqual([`t1 continueRun after ${T0 + 60_000}`]);
  });
});

describe('marksOf and sameRows', () => {
  const messages = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ Key: `k${i + 2}`, Space: 'spaces/S', Text: `Hello ${i + 2}` }));

  function withMessages(n: number) {
    const w = fakeWorld({ start: T0 });
    const sheet = w.workbook.add(MESSAGES, messages(n));
    return { w, sheet };
  }

  const fingerprint = (w: FakeWorld, row: Record<string, string>) =>
    w.crypto
      .sha256Hex(
        JSON.stringify(MESSAGES.columns.filter((c) => c.io === 'in').map((c) => row[c.header] ?? '')),
      )
      .slice(0, 12);

  it('fingerprints the first and last row of each block of selected rows', () => {
    const { w } = withMessages(10);
    const marks = marksOf(new Run(w.env), MESSAGES, [7, 2, 3, 4, 9]);
    expect(Object.keys(marks)).toEqual(['2', '4', '7', '9']);
    expect(marks[2]).toBe(fingerprint(w, { Key: 'k2', Space: 'spaces/S', Text: 'Hello 2' }));
    expect(marks[9]).toBe(fingerprint(w, { Key: 'k9', Space: 'spaces/S', Text: 'Hello 9' }));
    expect(sameRows(new Run(w.env), MESSAGES, marks, [7, 2, 3, 4, 9])).toBe(true);
  });

  it('a row inserted above, a sort or a deleted last row: the rows are not the same', () => {
    const { w, sheet } = withMessages(10);
    const marks = marksOf(new Run(w.env), MESSAGES, [5, 6, 7, 11]);
    sheet.grid.splice(
      1,
      0,
      sheet.grid[1].map(() => ''),
    );
    sheet.grid[1][1] = 'spaces/T';
    expect(sameRows(new Run(w.env), MESSAGES, marks, [5, 6, 7, 11])).toBe(false);
    sheet.grid.splice(1, 1);
    expect(sameRows(new Run(w.env), MESSAGES, marks, [5, 6, 7, 11])).toBe(true);
    sheet.grid.splice(1, 10, ...sheet.grid.slice(1).reverse());
    expect(sameRows(new Run(w.env), MESSAGES, marks, [5, 6, 7, 11])).toBe(false);
    sheet.grid.splice(1, 10, ...sheet.grid.slice(1).reverse());
    sheet.grid.pop();
    expect(sameRows(new Run(w.env), MESSAGES, marks, [5, 6, 7, 11])).toBe(false);
  });

  it('an output cell written meanwhile does not change the rows', () => {
    const { w, sheet } = withMessages(4);
    const marks = marksOf(new Run(w.env), MESSAGES, [2, 3]);
    const status = MESSAGES.columns.findIndex((c) => c.header === 'Status');
    sheet.grid[1][status] = 'DONE';
    expect(sameRows(new Run(w.env), MESSAGES, marks, [2, 3])).toBe(true);
  });

  // Marks are stored beside the ranges, one or two 12-character fingerprints (about 24 bytes each with
  // their row number) per block of selected rows: a selection of a few hundred separate blocks (rows
  // picked one by one, or pairs) would not fit with a mark per block: their edges are fingerprinted together.
  it('a selection of 200 separate pairs of rows fits in the property, its edges fingerprinted together', () => {
    const { w, sheet } = withMessages(800);
    const rows = Array.from({ length: 200 }, (_, i) => [2 + 4 * i, 3 + 4 * i]).flat();
    const marks = marksOf(new Run(w.env), MESSAGES, rows);
    expect(Object.keys(marks)).toEqual(['*']);
    expect(continueLater(w.env, { job: 'runSelectedRows', sheet: 'Messages', rows, marks })).toBeNull();
    expect(sameRows(new Run(w.env), MESSAGES, marks, rows)).toBe(true);
    sheet.grid.splice(
      1,
      0,
      sheet.grid[1].map(() => ''),
    );
    sheet.grid[1][1] = 'spaces/T';
    expect(sameRows(new Run(w.env), MESSAGES, marks, rows)).toBe(false);
  });
});
