import { DAILY_QUOTA, explain, isTransient } from '../chat/errors';
import { spaceOf, type ChatFailure, type ChatOp, type ChatResult, type ChatTransport } from '../chat/ops';
import type { OutcomeStatus } from '../contract/statuses';
import type { Cell } from '../platform/ports';
import type { Env } from './env';
import type { CallLog } from './log';
import { Pacer } from './pacing';

export interface Outcome {
  status: OutcomeStatus;
  detail: string;
  outputs?: Record<string, Cell>;
  /** The failure will repeat for every row (no Chat app configured): the run stops after this row and
   *  tells the person why. */
  stopRun?: string;
}

/** A row's work: yields Chat operations, receives their results, returns the row's outcome. */
export type Task = Generator<ChatOp, Outcome, ChatResult>;

export interface Where {
  tab: string;
  row: number | '';
}

export type ExecutorDeps = Pick<Env, 'clock' | 'random' | 'headers' | 'invalidate'> & {
  transport: ChatTransport;
};

export const RETRY = { attempts: 5, baseMs: 1000, maxMs: 32_000 };

/** Requests in one fetchAll: at most this many writes, and at most READ_WAVE_MAX calls in all. Reads
 *  (the pages of an import) only Chat's read quotas limit, so a wave of them can be as large as one
 *  minute's quota of a kind: the imports size their pages so that a full wave's answers stay a few tens
 *  of megabytes (imports/paging.ts, pageSizeFor). */
const WAVE_MAX = 100;
export const READ_WAVE_MAX = 3000;
/** How long a wave that could go may wait for calls about to be ready. */
const GATHER_MS = 300;
/** Posts of one lane marked SENDING in one write-back: the next one and those after it, which leave
 *  about a second apart (one write a second per space), so that one write-back serves about ten seconds
 *  of posts. A mark is never missing, and never left behind: a marked post that doesn't leave before the
 *  waves end is unmarked (see WaveHooks.unmarked). */
export const MARK_AHEAD = 10;

/** A row's task and where its results go. */
export interface Item {
  task: Task;
  where: Where;
}

export interface WaveHooks {
  /** Rows whose post is about to leave and can't be repeated: mark them in the sheet first. Answers, for
   *  each, whether the mark is on its row: a post whose row is gone does not leave. A wave's posts come
   *  with the next ones of their lanes (MARK_AHEAD), so that one write-back serves several waves. */
  beforeSend(wheres: Where[]): boolean[];
  /** Rows marked by beforeSend whose post never left (the waves ended first): their mark must go. */
  unmarked?(wheres: Where[]): void;
  /** The waves wait (pacing, backoff): a moment for work that can't delay them much (write-backs). */
  idle?(): void;
  /** Items that became ready while the waves ran (rows whose space a task of these waves made); asked
   *  after every wave, their indexes follow the items' so far. */
  more?(): Item[];
  /** A task's outcome, as soon as it is known (`i` is its index in the items). */
  settled(i: number, outcome: Outcome): void;
  /** Checked before each wave: a failure that will repeat for every row ends the waves. */
  stop(): boolean;
}

interface Slot {
  i: number;
  task: Task;
  where: Where;
  /** The call the task waits on; null once it has its outcome. */
  op: ChatOp | null;
  /** Tasks in the same lane (a tab's rows of one space) go one after the other, in row order. */
  lane: string;
  /** Its post is marked SENDING on its row (beforeSend), and has not left yet. */
  marked: boolean;
  attempts: number;
  notBefore: number;
  refreshed: boolean;
  /** A post whose row says SENDING, refused by Chat and waiting to be posted again: if the waves end
   *  first, it is settled RETRY with that refusal, so that the mark doesn't outlive the run. */
  refusedPost?: ChatFailure;
}

/** Thrown when the run's time budget is spent: the task stops, its row stays pending for a later run. */
export class OutOfTime extends Error {
  constructor() {
    super('out of time');
  }
}

/**
 * Runs tasks one Chat call at a time through a transport, pacing writes, retrying transient failures
 * with exponential backoff and jitter inside the time budget, and logging every call.
 */
export class Executor {
  /** Chat calls made so far (each logged): what a tab read before the latest one may have missed. */
  private calls = 0;

  constructor(
    private readonly deps: ExecutorDeps,
    private readonly log: CallLog,
    readonly deadline: number,
    readonly pacer = new Pacer(),
  ) {}

  get outOfTime(): boolean {
    return this.deps.clock.now() >= this.deadline;
  }

  get callsMade(): number {
    return this.calls;
  }

  /** Drives a task to its outcome; null when the budget ran out first. */
  run(task: Task, where: Where): Outcome | null {
    let step = task.next();
    try {
      while (!step.done) {
        const result = this.call(step.value, where);
        if (!result.ok && result.error.status === DAILY_QUOTA) {
          task.return({ status: 'RETRY', detail: '' });
          return quotaOutcome(result.error);
        }
        if (!result.ok && isTransient(result.error) && repeatable(step.value, result.error)) {
          task.return({ status: 'RETRY', detail: '' });
          return { status: 'RETRY', detail: explain(result.error, step.value.method) };
        }
        step = task.next(result);
      }
      return step.value;
    } catch (e) {
      if (!(e instanceof OutOfTime)) throw e;
      task.return({ status: 'RETRY', detail: '' });
      return null;
    }
  }

  /**
   * Drives many tasks at once in waves: each wave holds at most one call per space, goes out in one
   * parallel request (UrlFetchApp.fetchAll), and waves are paced so every space gets about one write a
   * second and the project stays within its per-minute quotas. A space's rows go in row order (a task
   * waits for the one before it in the same space). Calls that can't be repeated safely (webhook posts)
   * are announced with `beforeSend` first, so their rows say SENDING in the sheet while the post is in
   * flight. Each task's outcome is handed to `settled` as soon as it is known.
   */
  runMany(items: Item[], hooks: WaveHooks): 'done' | 'outOfTime' | 'stopped' {
    const clock = this.deps.clock;
    const finish = (s: Slot, outcome: Outcome) => {
      s.op = null;
      s.marked = false;
      hooks.settled(s.i, outcome);
    };
    /** Tasks not settled yet; `seen` counts every item given so far (the next one's index). */
    let active = this.startSlots(items, 0, hooks);
    let seen = items.length;
    let state: 'done' | 'outOfTime' | 'stopped' = 'done';
    let gathering: number | null = null;
    try {
      for (; ; active = active.filter((s) => s.op)) {
        const more = hooks.more?.() ?? [];
        active.push(...this.startSlots(more, seen, hooks));
        seen += more.length;
        if (!active.length) break;
        if (hooks.stop()) {
          state = 'stopped';
          break;
        }
        const now = clock.now();
        const { wave, next } = this.readyWave(active, now);
        // Calls about to be ready join this wave, so lanes stay in step: fewer, fuller fetchAll calls.
        if (wave.length) gathering ??= now;
        const gather = !full(wave) && next <= gathering! + GATHER_MS && next < this.deadline;
        if (!wave.length || gather) {
          // A wait is the time to mark the next posts SENDING: nothing could leave meanwhile anyway.
          if (next < this.deadline && this.markAhead(active, hooks, finish)) continue;
          if (next < this.deadline) hooks.idle?.();
          this.waitUntil(next);
          continue;
        }
        gathering = null;
        if (now >= this.deadline) throw new OutOfTime();
        // Posts that can't be repeated are marked SENDING first (if the wait before did not); one whose
        // row could not be marked (it is gone) does not leave.
        this.markAhead(active, hooks, finish);
        const going = wave.filter((s) => s.op);
        if (!going.length) continue;
        // Paced from when the requests leave, after the SENDING write-back.
        const sent = clock.now();
        for (const s of going) {
          s.marked = false;
          this.pacer.record(s.op!, sent);
        }
        const results = this.callMany(going.map((s) => s.op!));
        const ms = clock.now() - sent;
        // Every call of the wave is made (and logged) before any task hears its answer.
        going.forEach((s, k) => this.record(s.op!, results[k], s.where, ms));
        going.forEach((s, k) => this.answer(s, results[k], finish));
      }
    } catch (e) {
      if (!(e instanceof OutOfTime)) throw e;
      state = 'outOfTime';
    }
    this.closeUnfinished(active, hooks);
    return state;
  }

  /** Each task's first call, in its lane (the space it touches); a task with no call settles at once. */
  private startSlots(items: Item[], from: number, hooks: WaveHooks): Slot[] {
    const slots: Slot[] = [];
    items.forEach(({ task, where }, k) => {
      const i = from + k;
      const first = task.next();
      if (first.done) return hooks.settled(i, first.value);
      const op = first.value;
      const space = op.writes?.space ?? (op.path?.startsWith('spaces/') ? spaceOf(op.path) : `#${i}`);
      // One lane per tab and space: a space's members and messages go side by side, each in row order.
      const lane = `${where.tab}:${space}`;
      slots.push({ i, task, where, op, lane, marked: false, attempts: 0, notBefore: 0, refreshed: false });
    });
    return slots;
  }

  /** The calls that may leave now: the first waiting call of each lane, if its pacing and backoff allow,
   *  within a wave's size (see WAVE_MAX); and when the next one not ready yet will be. */
  private readyWave(active: Slot[], now: number): { wave: Slot[]; next: number } {
    const wave: Slot[] = [];
    const lanes = new Set<string>();
    const added: Record<string, number> = {};
    let next = Infinity;
    let writes = 0;
    for (const s of active) {
      if (lanes.has(s.lane)) continue;
      lanes.add(s.lane);
      const op = s.op!;
      const ready = Math.max(s.notBefore, now + this.pacer.delayFor(op, now, added));
      if (ready > now) {
        next = Math.min(next, ready);
        continue;
      }
      if (wave.length >= READ_WAVE_MAX) break;
      if (op.writes && writes >= WAVE_MAX) continue;
      if (op.writes) writes++;
      wave.push(s);
      this.pacer.count(op, added);
    }
    return { wave, next };
  }

  /** Marks the posts next in their lanes (with the ones after them: see mark), before the wave they go
   *  in; false when none was unmarked. */
  private markAhead(active: Slot[], hooks: WaveHooks, finish: Finish): boolean {
    const heads = new Map<string, Slot>();
    for (const s of active) if (!heads.has(s.lane)) heads.set(s.lane, s);
    const lanes = new Set([...heads.values()].filter(unmarkedPost).map((s) => s.lane));
    if (lanes.size) this.mark(lanes, active, hooks, finish);
    return lanes.size > 0;
  }

  /** Marks the first MARK_AHEAD calls of each lane that are unmarked posts, in one beforeSend. */
  private mark(lanes: Set<string>, active: Slot[], hooks: WaveHooks, finish: Finish): void {
    const ahead: Record<string, number> = {};
    const marking = active.filter((s) => {
      if (!lanes.has(s.lane) || (ahead[s.lane] ?? 0) >= MARK_AHEAD) return false;
      ahead[s.lane] = (ahead[s.lane] ?? 0) + 1;
      return unmarkedPost(s);
    });
    const marked = hooks.beforeSend(marking.map((s) => s.where));
    marking.forEach((s, k) => {
      if (marked[k]) return void (s.marked = true);
      s.task.return({ status: 'RETRY', detail: '' });
      finish(s, { status: 'RETRY', detail: 'Not posted: its row was gone when the post was to leave.' });
    });
  }

  /** Chat's answer to a slot's call: fresh credentials once on a 401, a backoff for a transient failure
   *  while retries and time last, else the answer goes to the task, which makes its next call or ends. */
  private answer(s: Slot, result: ChatResult, finish: Finish): void {
    const op = s.op!;
    const now = this.deps.clock.now();
    if (!result.ok && result.error.status === DAILY_QUOTA) {
      s.task.return({ status: 'RETRY', detail: '' });
      return finish(s, quotaOutcome(result.error));
    }
    if (!result.ok && result.error.code === 401 && !s.refreshed) {
      // Credentials Chat no longer accepts (an expired app token): fresh ones, once.
      this.deps.invalidate(op.auth);
      s.refreshed = true;
      return;
    }
    if (!result.ok && isTransient(result.error) && repeatable(op, result.error)) {
      const wait = this.backoff(++s.attempts);
      if (s.attempts < RETRY.attempts && now + wait < this.deadline) {
        s.notBefore = now + wait;
        // Its row still says SENDING: the mark stands for the next try.
        if (op.idempotent === false) {
          s.refusedPost = result.error;
          s.marked = true;
        }
        return;
      }
      s.task.return({ status: 'RETRY', detail: '' });
      return finish(s, { status: 'RETRY', detail: explain(result.error, op.method) });
    }
    const step = s.task.next(result);
    if (step.done) finish(s, step.value);
    else {
      s.op = step.value;
      s.marked = false;
    }
  }

  /** Tasks still waiting when the waves end stay pending for a later run, except a post Chat refused
   *  whose row says SENDING: it is settled RETRY, so the mark doesn't outlive the run. */
  private closeUnfinished(slots: Slot[], hooks: WaveHooks): void {
    const unmarked: Where[] = [];
    for (const s of slots) {
      if (!s.op) continue;
      s.task.return({ status: 'RETRY', detail: '' });
      if (s.refusedPost)
        hooks.settled(s.i, { status: 'RETRY', detail: `Not posted: ${explain(s.refusedPost, s.op.method)}` });
      else if (s.marked) unmarked.push(s.where);
    }
    if (unmarked.length) hooks.unmarked?.(unmarked);
  }

  private callMany(ops: ChatOp[]): ChatResult[] {
    const auth = ops.map((o) => this.deps.headers(o.auth));
    const sendable = ops.filter((_, i) => auth[i].ok);
    const answers = sendable.length
      ? this.deps.transport.callMany(
          sendable,
          sendable.map((o) => (auth[ops.indexOf(o)] as { headers?: Record<string, string> }).headers),
        )
      : [];
    let k = 0;
    return auth.map((a) => (a.ok ? answers[k++] : { ok: false, status: a.failure.code, error: a.failure }));
  }

  private backoff(attempt: number): number {
    // Whole milliseconds: Utilities.sleep takes no fractions, and a wait rounded to 0 would never end.
    return Math.ceil(
      Math.min(RETRY.maxMs, RETRY.baseMs * 2 ** (attempt - 1)) * (0.5 + this.deps.random() / 2),
    );
  }

  /** One call, paced and retried; transient failures that outlast the retries are returned as they are. */
  call(op: ChatOp, where: Where): ChatResult {
    const clock = this.deps.clock;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      this.waitUntil(clock.now() + this.pacer.delayFor(op, clock.now()));
      const started = clock.now();
      const auth = this.deps.headers(op.auth);
      const result: ChatResult = auth.ok
        ? this.deps.transport.call(op, auth.headers)
        : { ok: false, status: auth.failure.code, error: auth.failure };
      if (auth.ok) this.pacer.record(op, started);
      this.record(op, result, where, clock.now() - started);
      if (!result.ok && result.error.code === 401 && auth.ok && auth.headers && !refreshed) {
        // An app token Chat no longer accepts (expired, revoked): fetch a new one, once.
        this.deps.invalidate(op.auth);
        refreshed = true;
        attempt--; // fresh credentials are not one of the retries (as in runMany)
        continue;
      }
      // A post that got no answer may have arrived: only idempotent calls are tried again.
      if (result.ok || !isTransient(result.error) || !repeatable(op, result.error)) return result;
      const backoff = this.backoff(attempt);
      if (attempt >= RETRY.attempts || clock.now() + backoff >= this.deadline) return result;
      clock.sleep(backoff);
    }
  }

  private waitUntil(t: number): void {
    const now = this.deps.clock.now();
    if (t >= this.deadline || now >= this.deadline) throw new OutOfTime();
    if (t > now) this.deps.clock.sleep(Math.ceil(t - now));
  }

  private record(op: ChatOp, result: ChatResult, where: Where, ms: number): void {
    this.calls++;
    // Calls with no path (spaces.create) are known in the Log by the name of what they create.
    const sent: { displayName?: unknown } = op.body ?? {};
    const target = op.label ?? op.path ?? String(sent.displayName ?? '');
    this.log.add({
      time: new Date(this.deps.clock.now()),
      tab: where.tab,
      row: where.row,
      action: op.method,
      target,
      result: result.ok ? 'OK' : result.error.status,
      http: result.ok ? result.status : result.error.code,
      detail: result.ok ? String(result.body.name ?? '') : explain(result.error, op.method),
      ms,
    });
  }
}

type Finish = (s: Slot, o: Outcome) => void;

/** A call that can't be repeated (a webhook post) whose row doesn't say SENDING yet. */
const unmarkedPost = (s: Slot): boolean => s.op!.idempotent === false && !s.marked;

/** A wave that can take no more calls: READ_WAVE_MAX calls, or WAVE_MAX writes. */
function full(wave: Slot[]): boolean {
  return wave.length >= READ_WAVE_MAX || wave.filter((s) => s.op!.writes).length >= WAVE_MAX;
}

/** Apps Script sent nothing (a daily quota is used up): the row stays to do, and the run stops there. */
function quotaOutcome(error: ChatFailure): Outcome {
  return { status: 'RETRY', detail: `Not sent: ${error.message}.`, stopRun: `${error.message}.` };
}

/** A call may go again after a transient failure unless it is a post that may have arrived (no answer). */
function repeatable(op: ChatOp, error: ChatFailure): boolean {
  return op.idempotent !== false || error.code !== 0;
}
