// The executor through its ports: a virtual clock, scripted Chat answers and credentials
// (test/support/fake-env.ts). Times are virtual milliseconds from 0; with random() at 0.5 (the fake's
// default) the backoffs are 750, 1500, 3000 and 6000 ms.
import { explain } from '../../src/chat/errors';
import { op, type Auth, type ChatOp, type ChatResult } from '../../src/chat/ops';
import { Executor, MARK_AHEAD, type Outcome, type Task, type WaveHooks } from '../../src/engine/executor';
import { Pacer } from '../../src/engine/pacing';
import { fail, fakeEnv, ok, type FakeEnv } from '../support/fake-env';

const DEADLINE = 300_000;
const NOT_POSTED = 'Not posted: its row was gone when the post was to leave.';

/** The row each op was made for, so calls and waves read as row numbers. */
const rowOf = new WeakMap<ChatOp, number>();

interface Row {
  row: number;
  task: Task;
  /** What the task was sent back, in order. */
  got: ChatResult[];
  /** Closed with return() before it reached its end (its row left for later, or settled by the executor). */
  closed: boolean;
}

/** A row's task: its calls in order, stopping at the first failure (ERROR, or UNCERTAIN for no answer). */
function row(n: number, ...ops: ChatOp[]): Row {
  for (const o of ops) rowOf.set(o, n);
  const state = { row: n, got: [] as ChatResult[], closed: false };
  let ended = false;
  function* task(): Task {
    try {
      for (const o of ops) {
        const got: ChatResult = yield o;
        state.got.push(got);
        if (!got.ok) {
          ended = true;
          return got.error.code === 0
            ? { status: 'UNCERTAIN', detail: 'No answer.' }
            : { status: 'ERROR', detail: `Chat ${got.error.code}` };
        }
      }
      ended = true;
      return { status: 'DONE', detail: `${ops.length} call(s)` };
    } finally {
      if (!ended) state.closed = true;
    }
  }
  return Object.assign(state, { task: task() });
}

const send = (space: string, n: number, auth: Auth = 'user') =>
  op.createMessage(space, { text: `row ${n}` }, { messageId: `client-${n}`, requestId: `r${n}` }, auth);
const url = (space: string, n: number) =>
  `https://chat.googleapis.com/v1/${space}/messages?key=k&token=t${n}`;
const post = (space: string, n: number) =>
  op.postWebhook(`h${n}`, url(space, n), space, { text: `row ${n}` });

const callsAt = (env: FakeEnv) => env.chat.calls.map((c) => c.at);

interface ManyOpts {
  deadline?: number;
  pacer?: Pacer;
  /** Answers for the rows beforeSend announces (all marked by default). */
  beforeSend?: (rows: number[]) => boolean[];
  /** Asked before each wave, with the outcomes settled so far. */
  stop?: (settled: { row: number }[]) => boolean;
  /** Rows that join after each wave (the rows a settled row released), given the outcomes so far. */
  more?: (settled: { row: number }[]) => Row[];
  /** The tab of each row (Messages when not said). */
  tabs?: Record<number, string>;
}

/** runMany over the rows, with a timeline of the hooks and waves: "<ms> call 2,3", "<ms> settled 2 DONE". */
function runMany(env: FakeEnv, rows: Row[], opts: ManyOpts = {}) {
  const timeline: string[] = [];
  const at = () => env.clock.now();
  env.chat.onCall = (sent) => timeline.push(`${at()} call ${sent.map((c) => rowOf.get(c.op)).join(',')}`);
  const settled: { row: number; at: number; outcome: Outcome }[] = [];
  const all = [...rows];
  const where = (r: Row) => ({ tab: opts.tabs?.[r.row] ?? 'Messages', row: r.row });
  const hooks: WaveHooks = {
    beforeSend(wheres) {
      const rs = wheres.map((w) => Number(w.row));
      timeline.push(`${at()} beforeSend ${rs.join(',')}`);
      return opts.beforeSend?.(rs) ?? rs.map(() => true);
    },
    unmarked(wheres) {
      timeline.push(`${at()} unmarked ${wheres.map((w) => w.row).join(',')}`);
    },
    settled(i, outcome) {
      settled.push({ row: all[i].row, at: at(), outcome });
      timeline.push(`${at()} settled ${all[i].row} ${outcome.status}`);
    },
    stop: () => opts.stop?.(settled) ?? false,
    more() {
      const more = opts.more?.(settled) ?? [];
      all.push(...more);
      return more.map((r) => ({ task: r.task, where: where(r) }));
    },
  };
  const executor = new Executor(env.deps, env.log, opts.deadline ?? DEADLINE, opts.pacer ?? new Pacer());
  const items = rows.map((r) => ({ task: r.task, where: where(r) }));
  const state = executor.runMany(items, hooks);
  return { state, settled, timeline, calls: timeline.filter((e) => e.includes(' call ')) };
}

function runOne(env: FakeEnv, r: Row, opts: { deadline?: number; pacer?: Pacer } = {}) {
  const executor = new Executor(env.deps, env.log, opts.deadline ?? DEADLINE, opts.pacer ?? new Pacer());
  return executor.run(r.task, { tab: 'Messages', row: r.row });
}

/** One row through either entry point: its outcome and when it was known (null: out of time). */
function drive(how: 'run' | 'runMany', env: FakeEnv, r: Row, deadline = DEADLINE) {
  if (how === 'run') {
    const outcome = runOne(env, r, { deadline });
    return { outcome, at: env.clock.now() };
  }
  const { settled } = runMany(env, [r], { deadline });
  return settled.length ? settled[0] : { outcome: null, at: env.clock.now() };
}

describe('runMany: lanes and waves', () => {
  it('a wave holds at most one call per space; a space’s rows go in row order, a write about every second', () => {
    const env = fakeEnv();
    const spaces = { 2: 'a', 3: 'b', 4: 'a', 5: 'c', 6: 'b', 7: 'a' };
    const rows = Object.entries(spaces).map(([n, s]) => row(Number(n), send(`spaces/${s}`, Number(n))));
    const run = runMany(env, rows);
    expect(run.state).toBe('done');
    expect(run.calls).toEqual(['0 call 2,3,5', '1050 call 4,6', '2100 call 7']);
    expect(run.settled.map((s) => [s.row, s.outcome.status])).toEqual([
      [2, 'DONE'],
      [3, 'DONE'],
      [5, 'DONE'],
      [4, 'DONE'],
      [6, 'DONE'],
      [7, 'DONE'],
    ]);
  });

  it('a row waits for the one before it in its space, even while that one backs off; other spaces go on', () => {
    const env = fakeEnv();
    env.chat.answer('spaces/a/messages/1', fail(503));
    const rows = [
      row(2, op.getMessage('spaces/a/messages/1')),
      row(3, op.getMessage('spaces/a/messages/2')),
      row(4, op.getMessage('spaces/b/messages/1')),
      row(5, op.getMessage('spaces/b/messages/2')),
    ];
    const run = runMany(env, rows);
    // The lane keeps row 3 behind row 2's backoff (750 ms); reads of one space are 70 ms apart (Chat
    // allows 15 a second per space), so row 5 follows row 4 and row 3 follows row 2 by 70 ms.
    expect(run.calls).toEqual(['0 call 2,4', '70 call 5', '750 call 2', '820 call 3']);
    expect(run.settled.map((s) => s.row)).toEqual([4, 5, 2, 3]);
  });

  it('a space’s webhook posts, API writes and reads share its lane (webhooks paced with the rest)', () => {
    const env = fakeEnv();
    const rows = [
      row(2, post('spaces/a', 2)),
      row(3, send('spaces/a', 3)),
      row(4, op.getMessage('spaces/a/messages/9')),
      row(5, send('spaces/b', 5)),
    ];
    const run = runMany(env, rows);
    expect(run.calls).toEqual(['0 call 2,5', '1050 call 3', '1050 call 4']);
  });

  it('a wave holds at most 100 writes', () => {
    const env = fakeEnv();
    const rows = Array.from({ length: 250 }, (_, i) => row(i + 2, send(`spaces/s${i}`, i + 2)));
    const run = runMany(env, rows);
    expect(run.state).toBe('done');
    expect(env.chat.waves.map((w) => [w.at, w.calls.length])).toEqual([
      [0, 100],
      [0, 100],
      [0, 50],
    ]);
    expect(env.chat.waves[1].calls.map((c) => rowOf.get(c.op))).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 102),
    );
    expect(run.settled).toHaveLength(250);
  });

  it('a wave of reads holds up to 3000 requests (a minute of read quota); writes among them still at most 100', () => {
    const env = fakeEnv();
    // Under a minute's quota of space reads (3000), so only the wave's size splits them.
    const reads = Array.from({ length: 2950 }, (_, i) => row(i + 2, op.getSpace(`spaces/r${i}`)));
    const writes = Array.from({ length: 150 }, (_, i) => row(i + 3000, send(`spaces/w${i}`, i + 3000)));
    const run = runMany(env, [...writes, ...reads]);
    expect(run.state).toBe('done');
    const kinds = env.chat.waves.map((w) => {
      const n = w.calls.filter((c) => c.op.writes).length;
      return [w.at, n, w.calls.length - n];
    });
    expect(kinds).toEqual([
      [0, 100, 2900],
      [0, 50, 50],
    ]);
    expect(run.settled).toHaveLength(3100);
  });

  it('calls ready within 300 ms of the first join its wave; later ones wait for the next', () => {
    const env = fakeEnv();
    // Earlier writes make b ready at 200 ms, c at 300 ms, d at 301 ms.
    const pacer = new Pacer();
    pacer.record(send('spaces/b', 0), 200 - 1050);
    pacer.record(send('spaces/c', 0), 300 - 1050);
    pacer.record(send('spaces/d', 0), 301 - 1050);
    const rows = ['a', 'b', 'c', 'd'].map((s, i) => row(i + 2, send(`spaces/${s}`, i + 2)));
    const run = runMany(env, rows, { pacer });
    expect(run.calls).toEqual(['300 call 2,3,4', '301 call 5']);
    expect(env.clock.slept).toEqual([200, 100, 1]);
  });

  it('writes to a space are 1050 ms apart, counted from when the requests leave (after beforeSend)', () => {
    const env = fakeEnv();
    env.chat.latencyMs = 400;
    let marks = 0;
    // Marking takes 250 ms: both posts of the lane are marked at once (MARK_AHEAD), the second leaves
    // 1050 ms after the first did.
    const beforeSend = (rs: number[]) => {
      if (marks++ === 0) env.clock.advance(250);
      return rs.map(() => true);
    };
    const run = runMany(env, [row(2, post('spaces/a', 2)), row(3, post('spaces/a', 3))], { beforeSend });
    expect(run.timeline).toEqual([
      '0 beforeSend 2,3',
      '250 call 2',
      '650 settled 2 DONE',
      '1300 call 3',
      '1700 settled 3 DONE',
    ]);
  });

  it('a wave counts its own writes against the per-minute quotas: 34 space creations, the rest a minute later', () => {
    const env = fakeEnv();
    const rows = Array.from({ length: 40 }, (_, i) =>
      row(i + 2, op.createSpace({ displayName: `S${i}`, spaceType: 'SPACE' }, `r${i}`)),
    );
    const run = runMany(env, rows);
    expect(run.state).toBe('done');
    expect(env.chat.waves.map((w) => [w.at, w.calls.length])).toEqual([
      [0, 34],
      [60_000, 6],
    ]);
  });
});

describe('credentials', () => {
  it.each([
    ['app', [{ Authorization: 'Bearer app-1' }, { Authorization: 'Bearer app-2' }]],
    ['user', [undefined, undefined]],
  ] as const)(
    'runMany: a 401 (%s) gets fresh credentials and one more try, paced like any write',
    (auth, headers) => {
      const env = fakeEnv();
      env.chat.answer('spaces/a', fail(401));
      const r = row(2, send('spaces/a', 2, auth));
      const run = runMany(env, [r]);
      expect(env.auth.invalidated).toEqual([auth]);
      expect(env.chat.calls.map((c) => [c.at, c.headers])).toEqual([
        [0, headers[0]],
        [1050, headers[1]],
      ]);
      expect(run.settled.map((s) => s.outcome.status)).toEqual(['DONE']);
      expect(r.got.map((g) => g.status)).toEqual([200]);
      expect(env.log.entries.map((e) => [e.row, e.action, e.result, e.http])).toEqual([
        [2, 'spaces.messages.create', 'UNAUTHENTICATED', 401],
        [2, 'spaces.messages.create', 'OK', 200],
      ]);
    },
  );

  it('runMany: a second 401 is the row’s outcome', () => {
    const env = fakeEnv();
    env.chat.answer('spaces/a', fail(401), fail(401));
    const r = row(2, send('spaces/a', 2, 'app'));
    const run = runMany(env, [r]);
    expect(env.auth.invalidated).toEqual(['app']);
    expect(env.chat.calls).toHaveLength(2);
    expect(r.got.map((g) => g.status)).toEqual([401]);
    expect(run.settled.map((s) => s.outcome)).toEqual([{ status: 'ERROR', detail: 'Chat 401' }]);
  });

  it('runMany: a call whose credentials can’t be had doesn’t leave; the others’ answers reach their own rows', () => {
    const env = fakeEnv();
    const refused = { code: 403, status: 'PERMISSION_DENIED', message: 'the app key was revoked' };
    env.auth.refusing.set('app', refused);
    env.chat.answer('spaces/c', fail(404));
    const rows = [
      row(2, send('spaces/a', 2)),
      row(3, send('spaces/b', 3, 'app')),
      row(4, send('spaces/c', 4)),
    ];
    const run = runMany(env, rows);
    expect(run.calls).toEqual(['0 call 2,4']);
    expect(rows[1].got).toEqual([{ ok: false, status: 403, error: refused }]);
    expect(run.settled.map((s) => [s.row, s.outcome.detail])).toEqual([
      [2, '1 call(s)'],
      [3, 'Chat 403'],
      [4, 'Chat 404'],
    ]);
    expect(env.log.entries.map((e) => [e.row, e.http])).toEqual([
      [2, 200],
      [3, 403],
      [4, 404],
    ]);
  });

  it('run: a 401 on a call with credentials of its own (As APP) gets fresh ones once', () => {
    const env = fakeEnv();
    env.chat.answer('spaces/a/messages/1', fail(401));
    const outcome = runOne(env, row(2, op.getMessage('spaces/a/messages/1', 'app')));
    expect(outcome?.status).toBe('DONE');
    expect(env.auth.invalidated).toEqual(['app']);
    // The second read of the space waits out the per-space read pace (70 ms).
    expect(env.chat.calls.map((c) => [c.at, c.headers?.Authorization])).toEqual([
      [0, 'Bearer app-1'],
      [70, 'Bearer app-2'],
    ]);
  });

  it('run: a second 401 is the row’s outcome', () => {
    const env = fakeEnv();
    env.chat.answer('spaces/a/messages/1', fail(401), fail(401));
    const r = row(2, op.getMessage('spaces/a/messages/1', 'app'));
    expect(runOne(env, r)).toEqual({ status: 'ERROR', detail: 'Chat 401' });
    expect(env.auth.invalidated).toEqual(['app']);
    expect(env.chat.calls).toHaveLength(2);
    expect(r.got.map((g) => g.status)).toEqual([401]);
  });

  it('run: fresh credentials are not one of the five tries: a 401 then 503s still gets five', () => {
    const env = fakeEnv();
    env.chat.answer('spaces/a/messages/1', fail(401));
    env.chat.fallback = () => fail(503);
    const outcome = runOne(env, row(2, op.getMessage('spaces/a/messages/1', 'app')));
    expect(outcome?.status).toBe('RETRY');
    expect(env.chat.calls).toHaveLength(6);
    expect(env.auth.invalidated).toEqual(['app']);
  });

  it('run: a 401 on a call signed by the advanced service (no headers of ours) is the outcome at once', () => {
    const env = fakeEnv();
    env.chat.answer('spaces/a/messages/1', fail(401));
    const outcome = runOne(env, row(2, op.getMessage('spaces/a/messages/1', 'user')));
    expect(outcome).toEqual({ status: 'ERROR', detail: 'Chat 401' });
    expect(env.auth.invalidated).toEqual([]);
    expect(env.chat.calls).toHaveLength(1);
  });
});

describe.each(['run', 'runMany'] as const)('%s: transient failures', (how) => {
  it('429 and 503 are retried with exponential backoff and jitter: half to all of 1, 2, 4, 8 s', () => {
    const env = fakeEnv();
    env.randoms.push(0, 0.5, 0.999, 0.25);
    env.chat.answer('spaces/a', fail(503), fail(429), fail(503), fail(503));
    const r = row(2, op.getSpace('spaces/a'));
    const { outcome, at } = drive(how, env, r);
    expect(outcome?.status).toBe('DONE');
    expect(env.clock.slept).toEqual([500, 1500, 3998, 5000]);
    expect(callsAt(env)).toEqual([0, 500, 2000, 5998, 10_998]);
    expect(at).toBe(10_998);
    // The failures never reached the task.
    expect(r.got.map((g) => g.status)).toEqual([200]);
  });

  it('after five transient failures the row is RETRY with Chat’s reason, without another wait', () => {
    const env = fakeEnv();
    env.chat.fallback = () => fail(503, 'backend unavailable');
    const r = row(2, op.getSpace('spaces/a'));
    const { outcome, at } = drive(how, env, r);
    expect(outcome).toEqual({
      status: 'RETRY',
      detail: explain(fail(503, 'backend unavailable').error, 'spaces.get'),
    });
    expect(outcome?.detail).toMatch(/temporarily unavailable.*\(Chat 503 UNAVAILABLE\)$/);
    expect(callsAt(env)).toEqual([0, 750, 2250, 5250, 11_250]);
    expect(at).toBe(11_250);
    expect(env.clock.now()).toBe(11_250);
    expect(r.got).toEqual([]);
    expect(r.closed).toBe(true);
  });

  it.each([
    // The second backoff (1500 ms from 750) would end at the deadline: RETRY at once, at 750.
    [2250, [0, 750], 750],
    // One ms more and it is slept; the third (3000 ms from 2250) would end after it.
    [2251, [0, 750, 2250], 2250],
  ])(
    'deadline %i: a backoff that would not end before it gives RETRY instead of sleeping',
    (deadline, at, end) => {
      const env = fakeEnv();
      env.chat.fallback = () => fail(429);
      const r = row(2, op.getSpace('spaces/a'));
      const got = drive(how, env, r, deadline);
      expect(got.outcome?.status).toBe('RETRY');
      expect(got.outcome?.detail).toMatch(/rate limit/);
      expect(callsAt(env)).toEqual(at);
      expect(got.at).toBe(end);
      expect(env.clock.now()).toBe(end);
    },
  );
});

describe('running out of time', () => {
  it('run: null once the budget is spent, the task closed after the calls it made', () => {
    const env = fakeEnv();
    env.chat.latencyMs = 600;
    const r = row(2, op.getSpace('spaces/a'), op.getSpace('spaces/b'), op.getSpace('spaces/c'));
    expect(runOne(env, r, { deadline: 1000 })).toBeNull();
    expect(callsAt(env)).toEqual([0, 600]);
    expect(r.got).toHaveLength(2);
    expect(r.closed).toBe(true);
  });

  it.each([
    [-51, [999], 'DONE'],
    [-50, [], null],
  ])(
    'run: a write paced from a write at %i ms goes only if it can leave before the deadline (1000)',
    (last, at, status) => {
      const env = fakeEnv();
      const pacer = new Pacer();
      pacer.record(send('spaces/a', 0), last);
      const r = row(2, send('spaces/a', 2));
      const outcome = runOne(env, r, { deadline: 1000, pacer });
      expect(outcome?.status ?? null).toBe(status);
      expect(callsAt(env)).toEqual(at);
      expect(env.clock.slept).toEqual(at);
      expect(r.closed).toBe(status === null);
    },
  );

  it('runMany: outOfTime leaves the rows not done for later, their tasks closed and never settled', () => {
    const env = fakeEnv();
    const rows = [
      row(2, send('spaces/a', 2)),
      row(3, send('spaces/a', 3)),
      row(4, send('spaces/a', 4)),
      row(
        5,
        send('spaces/b', 5),
        op.patchMessage('spaces/b/messages/5', { text: 'edited' }, 'text', 'user'),
        op.deleteMessage('spaces/b/messages/5', 'user'),
      ),
    ];
    const run = runMany(env, rows, { deadline: 2000 });
    expect(run.state).toBe('outOfTime');
    expect(run.calls).toEqual(['0 call 2,5', '1050 call 3,5']);
    expect(run.settled.map((s) => s.row)).toEqual([2, 3]);
    expect(rows.map((r) => r.closed)).toEqual([false, false, true, true]);
    expect(rows[3].got).toHaveLength(2);
    // The wave for 2100 ms would leave after the deadline: no sleep toward it.
    expect(env.clock.now()).toBe(1050);
  });

  it('runMany: stop() ends the waves; the rows not done are closed, not settled', () => {
    const env = fakeEnv();
    const rows = [row(2, send('spaces/a', 2)), row(3, send('spaces/a', 3)), row(4, send('spaces/b', 4))];
    const run = runMany(env, rows, { stop: (settled) => settled.length > 0 });
    expect(run.state).toBe('stopped');
    expect(run.calls).toEqual(['0 call 2,4']);
    expect(run.settled.map((s) => s.row)).toEqual([2, 4]);
    expect(rows.map((r) => r.closed)).toEqual([false, true, false]);
  });
});

describe('webhook posts (idempotent: false)', () => {
  it('beforeSend gets the rows of a wave’s posts before the wave leaves; other calls are not announced', () => {
    const env = fakeEnv();
    const rows = [row(2, post('spaces/a', 2)), row(3, send('spaces/b', 3)), row(4, post('spaces/c', 4))];
    const run = runMany(env, rows);
    expect(run.timeline).toEqual([
      '0 beforeSend 2,4',
      '0 call 2,3,4',
      '0 settled 2 DONE',
      '0 settled 3 DONE',
      '0 settled 4 DONE',
    ]);
  });

  it('a post whose row beforeSend could not mark does not leave: RETRY, saying it was not posted', () => {
    const env = fakeEnv();
    const rows = [row(2, post('spaces/a', 2)), row(3, send('spaces/b', 3)), row(4, post('spaces/c', 4))];
    const run = runMany(env, rows, { beforeSend: (rs) => rs.map((r) => r !== 4) });
    expect(run.timeline).toEqual([
      '0 beforeSend 2,4',
      '0 settled 4 RETRY',
      '0 call 2,3',
      '0 settled 2 DONE',
      '0 settled 3 DONE',
    ]);
    expect(run.settled.find((s) => s.row === 4)?.outcome).toEqual({ status: 'RETRY', detail: NOT_POSTED });
    expect(env.chat.to(url('spaces/c', 4))).toEqual([]);
    expect(rows[2].closed).toBe(true);
  });

  it('a lane’s next posts are marked together (MARK_AHEAD), the next ones while the waves wait', () => {
    const env = fakeEnv();
    const rows = Array.from({ length: 12 }, (_, i) => row(i + 2, post('spaces/a', i + 2)));
    const run = runMany(env, [...rows, row(14, post('spaces/b', 14))]);
    expect(MARK_AHEAD).toBe(10);
    // The first wave's write-back marks ten posts of space a; the last two are marked in the wait
    // before the first of them, so that no wave waits for a write-back.
    expect(run.timeline.filter((e) => e.includes('beforeSend'))).toEqual([
      '0 beforeSend 2,3,4,5,6,7,8,9,10,11,14',
      '9450 beforeSend 12,13',
    ]);
    expect(run.calls).toEqual([
      '0 call 2,14',
      ...Array.from({ length: 11 }, (_, k) => `${(k + 1) * 1050} call ${k + 3}`),
    ]);
  });

  it('marked posts that never left are handed to unmarked when the waves end, and are not settled', () => {
    const env = fakeEnv();
    const rows = Array.from({ length: 4 }, (_, i) => row(i + 2, post('spaces/a', i + 2)));
    const run = runMany(env, rows, { deadline: 1500 });
    expect(run.state).toBe('outOfTime');
    expect(run.timeline).toEqual([
      '0 beforeSend 2,3,4,5',
      '0 call 2',
      '0 settled 2 DONE',
      '1050 call 3',
      '1050 settled 3 DONE',
      '1050 unmarked 4,5',
    ]);
    expect(rows.slice(2).map((r) => r.closed)).toEqual([true, true]);
  });

  it('a marked post whose row is gone by the time it is marked again is not posted; marks are not repeated', () => {
    const env = fakeEnv();
    const rows = [row(2, post('spaces/a', 2)), row(3, post('spaces/a', 3))];
    const run = runMany(env, rows, { beforeSend: (rs) => rs.map((r) => r !== 3) });
    expect(run.timeline).toEqual(['0 beforeSend 2,3', '0 settled 3 RETRY', '0 call 2', '0 settled 2 DONE']);
  });

  it('rows that join while the waves run (more) go in the next wave, in lanes of their own tab', () => {
    const env = fakeEnv();
    const made = row(2, op.createSpace({ displayName: 'S', spaceType: 'SPACE' }, 'r2'));
    // Row 3 of Members and row 4 of Messages wait for the space row 2 makes; row 5 of Messages is there.
    const joined = [row(3, op.getMember('spaces/new/members/a')), row(4, send('spaces/new', 4))];
    const run = runMany(env, [made, row(5, send('spaces/new', 5))], {
      tabs: { 2: 'Spaces', 3: 'Members', 4: 'Messages', 5: 'Messages' },
      more: (settled) => (settled.some((s) => s.row === 2) ? joined.splice(0) : []),
    });
    expect(run.state).toBe('done');
    // Members and Messages of one space are separate lanes: row 3 goes in the wave after row 2's answer;
    // row 4 waits for row 5 (same tab and space, row order) and a second after it (one write a second
    // per space).
    expect(run.calls).toEqual(['0 call 2,5', '0 call 3', '1050 call 4']);
    expect(run.settled.map((s) => s.row)).toEqual([2, 5, 3, 4]);
  });

  it('two tabs’ writes to one space in the same instant go a second apart', () => {
    const env = fakeEnv();
    const rows = [row(2, op.getSpace('spaces/a')), row(3, send('spaces/a', 3)), row(4, send('spaces/a', 4))];
    const run = runMany(env, rows, { tabs: { 2: 'Spaces', 3: 'Messages', 4: 'Webhooks' } });
    expect(run.calls).toEqual(['0 call 2,3', '1050 call 4']);
  });

  it('a wave whose only post could not be marked sends nothing', () => {
    const env = fakeEnv();
    const run = runMany(env, [row(2, post('spaces/a', 2))], { beforeSend: () => [false] });
    expect(run.state).toBe('done');
    expect(env.chat.calls).toEqual([]);
    expect(run.settled.map((s) => s.outcome)).toEqual([{ status: 'RETRY', detail: NOT_POSTED }]);
  });

  it.each(['run', 'runMany'] as const)(
    '%s: a post that got no answer (status 0) is never tried again: the task has it',
    (how) => {
      const env = fakeEnv();
      env.chat.answer(url('spaces/a', 2), fail(0, 'timed out'));
      const r = row(2, post('spaces/a', 2));
      const { outcome } = drive(how, env, r);
      expect(outcome).toEqual({ status: 'UNCERTAIN', detail: 'No answer.' });
      expect(env.chat.calls).toHaveLength(1);
      expect(env.clock.slept).toEqual([]);
      expect(r.got.map((g) => g.status)).toEqual([0]);
    },
  );

  it.each(['run', 'runMany'] as const)(
    '%s: a post Chat refused with 503 five times is RETRY (nothing was posted), not the task’s ERROR',
    (how) => {
      const env = fakeEnv();
      env.chat.fallback = () => fail(503);
      const r = row(2, post('spaces/a', 2));
      const { outcome } = drive(how, env, r);
      expect(outcome?.status).toBe('RETRY');
      expect(env.chat.calls).toHaveLength(5);
      expect(r.got).toEqual([]);
    },
  );

  it('runMany: a post Chat refused with a 503 is posted again a second later, its row still marked SENDING', () => {
    const env = fakeEnv();
    env.chat.answer(url('spaces/a', 2), fail(503));
    const run = runMany(env, [row(2, post('spaces/a', 2))]);
    expect(run.timeline).toEqual(['0 beforeSend 2', '0 call 2', '1050 call 2', '1050 settled 2 DONE']);
  });

  // A post Chat answered with a 503 was not posted (runMany treats it as safe to post again) and waits for
  // its retry: backoff, then the space's 1050 ms gap. If the waves end before that retry (time runs out,
  // or stop()), it is settled RETRY with Chat's refusal, so the SENDING mark beforeSend put on its row does
  // not outlive the run (the next run would otherwise take it for a post in flight: UNCERTAIN).
  const cutOffs: [string, ManyOpts, string][] = [
    ['the deadline', { deadline: 1000 }, 'outOfTime'],
    ['stop()', { stop: (settled) => settled.length > 0 }, 'stopped'],
  ];
  it.each(cutOffs)(
    'a post refused with a 503 whose retry is cut off by %s is settled RETRY, not left SENDING',
    (_, opts, state) => {
      const env = fakeEnv();
      env.chat.answer(url('spaces/a', 2), fail(503));
      env.chat.answer('spaces/b', fail(403));
      const run = runMany(env, [row(2, post('spaces/a', 2)), row(3, send('spaces/b', 3))], opts);
      expect(run.state).toBe(state);
      expect(run.timeline.slice(0, 3)).toEqual(['0 beforeSend 2', '0 call 2,3', '0 settled 3 ERROR']);
      expect(run.settled.map((s) => [s.row, s.outcome.status])).toEqual([
        [3, 'ERROR'],
        [2, 'RETRY'],
      ]);
    },
  );
});

describe('settled', () => {
  it('each outcome is handed over as soon as it is known, with its item’s index', () => {
    const env = fakeEnv();
    env.chat.latencyMs = 100;
    const rows = [
      row(2, send('spaces/a', 2)),
      row(3, send('spaces/b', 3), op.patchMessage('spaces/b/messages/3', { text: 'edited' }, 'text', 'user')),
      row(4),
    ];
    const run = runMany(env, rows);
    expect(run.timeline).toEqual([
      '0 settled 4 DONE',
      '0 call 2,3',
      '100 settled 2 DONE',
      '1050 call 3',
      '1150 settled 3 DONE',
    ]);
    expect(run.settled.map((s) => s.outcome.detail)).toEqual(['0 call(s)', '1 call(s)', '2 call(s)']);
  });
});

describe('run: pacing', () => {
  it('a space the task creates takes its first message at once: a creation is not one of the space’s writes', () => {
    const env = fakeEnv();
    env.chat.answer('spaces.create', ok({ name: 'spaces/AAA' }));
    const r = row(
      2,
      op.createSpace({ displayName: 'Team', spaceType: 'SPACE' }, 'r2'),
      op.createMessage('spaces/AAA', { text: 'hi' }, { messageId: 'client-2', requestId: 'm2' }, 'user'),
      op.getSpace('spaces/AAA'),
    );
    expect(runOne(env, r)?.status).toBe('DONE');
    // Chat's per-space quota counts writes to a space that exists (spaces.patch, messages…), not its
    // creation; reads are not paced either.
    expect(callsAt(env)).toEqual([0, 0, 0]);
  });
});
