import { normaliseStatus, Status, takenByDefault } from '../contract/statuses';
import type { TabSpec } from '../contract/tabs';
import type { Cell } from '../platform/ports';
import type { Row, Table } from '../sheet/table';
import { oneLine } from '../text/one-line';
import type { Item, Task, Where } from './executor';
import type { Run } from './run';

export type Plan<R> =
  | { kind: 'invalid'; reason: string }
  /** `on`: the Spaces key whose space the row waits for; a run that makes that space takes it then. */
  | { kind: 'waiting'; reason: string; on?: string }
  /** Valid but not due (scheduled messages): `reason` goes to Detail. */
  | { kind: 'later'; status: string; reason: string }
  /**
   * `makes`: the Spaces key whose space this row's work makes or changes; `on`: the Spaces key this row's
   * space was given by. A row `on` a key that a row of the same run `makes` follows that row.
   */
  | { kind: 'ready'; record: R; preview: string; makes?: string; on?: string }
  /** Nothing to do for this row: it is left as it is. */
  | { kind: 'skip' }
  /** Settled without Chat (a webhook URL stored): written the same way by runs and checks. */
  | { kind: 'done'; detail: string; outputs?: Record<string, Cell> };

/**
 * A tab: its columns (contract/tabs.ts) and how a run works through its rows. `R` is what a row becomes
 * once planned and valid (the record its task is made from).
 */
export interface Tab<R> {
  readonly spec: TabSpec;
  /** Output column stamped with the time a row is processed (none on the Webhooks tab). */
  readonly stamp: 'Updated' | 'Sent' | null;
  /**
   * Called once per run with the tab as read: reads what the rows depend on (other tabs, duplicate
   * keys) and returns this run's view of the tab. Whatever it keeps for the run lives in the closures of
   * what it returns, so two runs never share state.
   */
  open(run: Run, table: Table): OpenTab<R>;
}

export type OpenTab<R> = Rows<R> & Calls<R>;

interface Rows<R> {
  plan(row: Row, status: string): Plan<R>;
  /** Rows to take whatever their Status (a freshly pasted webhook URL must leave the sheet). */
  always?(row: Row): boolean;
  /** Work after the rows (EXACT membership clean-up); `opts.check` means report only. */
  finish?(opts: StepOptions): void;
}

/**
 * Only a tab that calls Chat has a task: one that calls none (Webhooks) is a Tab<never>, whose rows are
 * settled by planning alone (a record of type never can't be made, so none is ever ready).
 */
type Calls<R> = [R] extends [never]
  ? { task?: undefined; parallel?: undefined }
  : {
      /** A ready row's work. */
      task(record: R): Task;
      /** Tasks may run alongside others in parallel waves (one call per space at a time, in row order). */
      parallel?: boolean;
      /** A task to run on its own, before the waves (the run's first As ADMIN row: if the person lacks the
       *  admin privilege, that row alone fails and the run stops with the advice, once). */
      solo?(record: R): boolean;
    };

export interface StepOptions {
  /** Report what would happen, call no Chat write method. */
  check: boolean;
  /** Only these 1-based rows (runSelectedRows). */
  rows?: ReadonlySet<number>;
  /** Only rows with these statuses (the schedule retries RETRY and WAITING rows, not drafts). */
  statuses?: ReadonlySet<string>;
  /**
   * Only the rows the tab takes whatever their Status (`always`: freshly pasted webhook URLs), before
   * selected rows of another tab that may need them; `rows` and `statuses` are not set, and the tab's
   * `finish` knows it did not go through every row.
   */
  freshOnly?: boolean;
  /** An import's prompt answer (a start date, a person's e-mail). */
  input?: string;
  /** Where an unfinished import stopped (see Run.cursor). */
  after?: string;
}

export type Counts = Record<string, number>;

/** One step of a job: a tab, whatever its record type (it stays inside: records only go back to their
 *  own tab). */
export interface Step {
  readonly spec: TabSpec;
  /** The step takes only freshly pasted rows (StepOptions.freshOnly), whatever the job's options. */
  readonly freshOnly: boolean;
  process(run: Run, opts: StepOptions): Counts | null;
  /** The tab opened for a run, to work through together with other tabs (see runTogether); steps that
   *  aren't a tab's rows (the imports) have none. */
  stage?(run: Run, opts: StepOptions): Stage | null;
}

export function step<R>(tab: Tab<R>, how: { freshOnly?: boolean } = {}): Step {
  const freshOnly = how.freshOnly ?? false;
  const own = (opts: StepOptions): StepOptions => (freshOnly ? { check: opts.check, freshOnly } : opts);
  return {
    spec: tab.spec,
    freshOnly,
    process: (run, opts) => processTab(run, tab, own(opts)),
    stage: (run, opts) => stageOf(run, tab, own(opts)),
  };
}

/** Processes a step, and says in the run's summary what it did. */
export function runStep(run: Run, s: Step, opts: StepOptions): Counts | null {
  return note(run, s, s.process(run, opts));
}

/**
 * Processes tabs in one run as one plan (Run all: Spaces, Members and Messages): rows whose space a
 * Spaces row of this run makes are taken as soon as that space exists, and every tab's calls share the
 * waves. Says in the run's summary what each tab did; returns their counts.
 */
export function runTogether(run: Run, steps: readonly Step[], opts: StepOptions): (Counts | null)[] {
  if (steps.some((s) => !s.stage)) return steps.map((s) => runStep(run, s, opts));
  const stages = steps.map((s) => s.stage!(run, opts));
  processStages(
    run,
    stages.filter((st) => st !== null),
  );
  return steps.map((s, i) => note(run, s, stages[i]?.counts ?? null));
}

function note(run: Run, s: Step, counts: Counts | null): Counts | null {
  // Catching freshly pasted URLs is a side job: it speaks only when it found one.
  if (counts && (!s.freshOnly || Object.keys(counts).length)) run.note(describeCounts(s.spec.name, counts));
  return counts;
}

/** Applies a tab to its pending rows: the same validation and planning for runs and checks. */
export function processTab<R>(run: Run, tab: Tab<R>, opts: StepOptions): Counts | null {
  const stage = stageOf(run, tab, opts);
  if (stage) processStages(run, [stage]);
  return stage?.counts ?? null;
}

/** A tab opened for a run: its rows planned one by one, its outcomes written with their counts. */
export interface Stage {
  readonly spec: TabSpec;
  readonly table: Table;
  readonly opts: StepOptions;
  readonly counts: Counts;
  readonly write: Write;
  always?(row: Row): boolean;
  /** Plans a row: its task when it is ready (to go in the waves, or alone), the Spaces key it waits for
   *  when a task of this run makes that space (`making`); else its plan is written and nothing is left. */
  take(row: Row, status: string, making: ReadonlySet<string>): Taken;
  finish(): void;
}

type Taken =
  | { kind: 'task'; task: Task; wave: boolean; makes?: string }
  | { kind: 'held'; on: string }
  | { kind: 'none' };

function stageOf<R>(run: Run, tab: Tab<R>, opts: StepOptions): Stage | null {
  const table = run.table(tab.spec);
  if (typeof table === 'string') {
    run.problems.add(table);
    return null;
  }
  const open = tab.open(run, table);
  const { write, counts } = rowWriter(run, table, tab.stamp);
  return {
    spec: tab.spec,
    table,
    opts,
    counts,
    write,
    always: open.always && ((row) => open.always!(row)),
    take(row, status, making) {
      const plan = open.plan(row, status);
      if (plan.kind === 'skip') return { kind: 'none' };
      if ((plan.kind === 'waiting' || plan.kind === 'ready') && plan.on && making.has(plan.on))
        return { kind: 'held', on: plan.on };
      if (plan.kind !== 'ready' || opts.check) {
        writePlan(row.row, plan, write);
        return { kind: 'none' };
      }
      // Unreachable: a tab without a task is a Tab<never>, whose plans are never ready.
      if (!open.task) throw new Error(`the ${tab.spec.name} tab planned a Chat call but has no task`);
      const wave = !!open.parallel && !open.solo?.(plan.record);
      return { kind: 'task', task: open.task(plan.record), wave, makes: plan.makes };
    },
    finish: () => open.finish?.(opts),
  };
}

/** A task for the waves, with its tab and the Spaces key it makes. */
type Gathered = Item & { stage: Stage; makes?: string };

/** A row held until the space it waits for is made: its tab, the row and the Status it was taken with. */
interface Held {
  stage: Stage;
  row: Row;
  status: string;
}

/**
 * Works through the stages' rows in order: rows settled by planning are written, tasks that must go alone
 * run at once, the others are gathered and run in parallel waves, then each tab's `finish`. A row waiting
 * for a space that a Spaces row of this run makes is held, and joins the waves when that row settles.
 */
function processStages(run: Run, stages: Stage[]): void {
  const items: Gathered[] = [];
  const making = new Set<string>();
  const held = new Map<string, Held[]>();
  /** Items ready while the waves run (held rows whose space was made), for the executor's `more`. */
  const fresh: Gathered[] = [];
  /** Held rows, released, whose task must run on its own (`solo`): after the waves. */
  const alone: { stage: Stage; row: Row; task: Task }[] = [];
  /** Each tab's rows still to settle in the waves (tasks and held rows). */
  const left = new Map(stages.map((st) => [st, 0]));
  const count = (stage: Stage, n: number) => left.set(stage, left.get(stage)! + n);
  const gather = (stage: Stage, row: Row, t: Extract<Taken, { kind: 'task' }>, into: Gathered[]) => {
    into.push({ task: t.task, where: { tab: stage.spec.name, row: row.row }, stage, makes: t.makes });
    count(stage, 1);
    if (t.makes) making.add(t.makes);
  };
  /** The rows waiting for `key`, now that its Spaces row is settled: planned again. */
  const release = (key: string) => {
    making.delete(key);
    for (const h of held.get(key) ?? []) {
      count(h.stage, -1);
      if (h.stage.table.isGone(h.row.row)) continue;
      const t = h.stage.take(h.row, h.status, making);
      if (t.kind === 'task' && t.wave) gather(h.stage, h.row, t, fresh);
      else if (t.kind === 'task') alone.push({ stage: h.stage, row: h.row, task: t.task });
    }
    held.delete(key);
  };
  planning: for (const stage of stages) {
    for (const row of stage.table.rows) {
      if (run.unfinished || stage.table.stopped) break planning;
      const status = statusToTake(run, stage, row);
      if (status === null) continue;
      if (run.outOfTime) {
        run.unfinished = true;
        break planning;
      }
      const t = stage.take(row, status, making);
      if (t.kind === 'held') {
        if (!held.has(t.on)) held.set(t.on, []);
        held.get(t.on)!.push({ stage, row, status });
        count(stage, 1);
      } else if (t.kind === 'task' && t.wave) gather(stage, row, t, items);
      else if (t.kind === 'task') {
        if (!runOne(run, stage, row, t.task)) break planning;
        if (t.makes) release(t.makes);
      }
      run.checkpoint();
    }
  }
  items.push(...fresh.splice(0));
  if (items.length)
    runWaves(run, stages, items, {
      settled(g) {
        count(g.stage, -1);
        if (g.makes) release(g.makes);
      },
      more: () => fresh.splice(0),
      // A tab whose rows are all settled is written back while the waves wait: the write-back it needs
      // anyway, in time that would be slept.
      idle() {
        for (const st of stages) if (!left.get(st) && st.table.pendingWrites) run.flushTable(st.table);
      },
    });
  for (const a of alone) {
    if (run.unfinished || run.stopped) break;
    if (!runOne(run, a.stage, a.row, a.task)) break;
  }
  if (!run.unfinished) for (const stage of stages) stage.finish();
}

type Write = (
  row: number,
  status: string,
  detail: string,
  outputs?: Record<string, Cell>,
  fromChat?: boolean,
) => void;

/**
 * Writes a row's Status, Detail (one line) and time stamp, counting statuses for the run's summary. A
 * check stamps nothing (nothing was updated or sent); Sent is stamped only when the row's work went to
 * Chat, Updated whenever a run processes the row.
 */
function rowWriter(
  run: Run,
  table: Table,
  stamp: 'Updated' | 'Sent' | null,
): { write: Write; counts: Counts } {
  const counts: Counts = {};
  const write: Write = (row, status, detail, outputs = {}, fromChat = false) => {
    const cells: Record<string, Cell> = { ...outputs, Status: status, Detail: oneLine(detail) };
    if (stamp && !run.check && (stamp === 'Updated' || fromChat))
      cells[stamp] = new Date(run.env.clock.now());
    table.set(row, cells);
    counts[status || 'checked'] = (counts[status || 'checked'] ?? 0) + 1;
  };
  return { write, counts };
}

/** The row's Status if this step takes the row, else null (a SENDING row found by a run becomes
 *  UNCERTAIN here: its post may have arrived, and it is never posted again by itself). */
function statusToTake(run: Run, stage: Stage, row: Row): string | null {
  const { table, opts, write } = stage;
  if (opts.rows && !opts.rows.has(row.row)) return null;
  // Found deleted (or re-keyed) at a write-back: the row that is there now is another one.
  if (table.isGone(row.row)) return null;
  const status = normaliseStatus(row.get('Status'));
  if (status === Status.SENDING && !opts.check) {
    write(
      row.row,
      Status.UNCERTAIN,
      'A webhook post was in flight when an earlier run ended: check the space; clear Status and Key to send it again.',
    );
    return null;
  }
  const taken = !opts.freshOnly && (opts.statuses ? opts.statuses.has(status) : takenByDefault(status));
  if (taken || stage.always?.(row)) return status;
  if (opts.rows)
    run.note(`${table.spec.name} row ${row.row} is ${status}: clear its Status to process it again.`);
  return null;
}

/** A plan settled without Chat (or a check's "Would …"). */
function writePlan<R>(row: number, plan: Exclude<Plan<R>, { kind: 'skip' }>, write: Write): void {
  if (plan.kind === 'invalid') write(row, Status.INVALID, plan.reason);
  else if (plan.kind === 'waiting') write(row, Status.WAITING, plan.reason);
  else if (plan.kind === 'later') write(row, plan.status, plan.reason);
  else if (plan.kind === 'done') write(row, Status.DONE, plan.detail, plan.outputs);
  else write(row, Status.PENDING, `Would ${plan.preview}`);
}

/** One task to its outcome; false when the run must not go on (out of time, or told to stop). */
function runOne(run: Run, stage: Stage, row: Row, task: Task): boolean {
  const outcome = run.executor.run(task, { tab: stage.spec.name, row: row.row });
  if (!outcome) {
    run.unfinished = true;
    return false;
  }
  stage.write(row.row, outcome.status, outcome.detail, outcome.outputs, true);
  if (outcome.stopRun) run.stop(outcome.stopRun);
  return !outcome.stopRun;
}

/** The gathered tasks in parallel waves; a post's row says SENDING on the sheet before the post leaves.
 *  A settled task that made a space releases the rows waiting for it, which join the waves. */
function runWaves(
  run: Run,
  stages: Stage[],
  items: Gathered[],
  pipe: { settled(g: Gathered): void; more(): Gathered[]; idle(): void },
): void {
  const tableOf = (w: Where) => stages.find((st) => st.spec.name === w.tab)!.table;
  const state = run.executor.runMany(items, {
    beforeSend(wheres) {
      for (const w of wheres) tableOf(w).set(Number(w.row), { Status: Status.SENDING, Detail: 'Posting…' });
      // Only the marks need to reach the sheet now; the Log waits for the next checkpoint.
      for (const t of new Set(wheres.map(tableOf))) run.flushTable(t);
      return wheres.map((w) => !tableOf(w).isGone(Number(w.row)));
    },
    unmarked(wheres) {
      for (const w of wheres)
        tableOf(w).set(Number(w.row), {
          Status: Status.PENDING,
          Detail: 'Not posted yet: the run ended before its turn. The next run posts it.',
        });
    },
    settled(i, o) {
      const { stage, where } = items[i];
      stage.write(Number(where.row), o.status, o.detail, o.outputs, true);
      if (o.stopRun) run.stop(o.stopRun);
      pipe.settled(items[i]);
      run.checkpoint();
    },
    more() {
      const next = pipe.more();
      items.push(...next);
      return next;
    },
    idle: pipe.idle,
    // A tab that can't be written any more ends the waves: rows whose results would be lost stay pending.
    stop: () => run.stopped !== null || stages.some((st) => st.table.stopped !== null),
  });
  if (state === 'outOfTime') run.unfinished = true;
}

export function describeCounts(tab: string, counts: Counts): string {
  const parts = Object.entries(counts).map(([s, n]) => `${n} ${s === 'checked' ? 'ready' : s.toLowerCase()}`);
  return `${tab}: ${parts.length ? parts.join(', ') : 'nothing to do'}`;
}
