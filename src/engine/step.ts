import { normaliseStatus, Status, takenByDefault } from '../contract/statuses';
import type { TabSpec } from '../contract/tabs';
import type { Cell } from '../platform/ports';
import type { Row, Table } from '../sheet/table';
import { oneLine } from '../text/one-line';
import type { Task, Where } from './executor';
import type { Run } from './run';

export type Plan<R> =
  | { kind: 'invalid'; reason: string }
  | { kind: 'waiting'; reason: string }
  /** Valid but not due (scheduled messages): `reason` goes to Detail. */
  | { kind: 'later'; status: string; reason: string }
  | { kind: 'ready'; record: R; preview: string }
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
}

export function step<R>(tab: Tab<R>, how: { freshOnly?: boolean } = {}): Step {
  const freshOnly = how.freshOnly ?? false;
  return {
    spec: tab.spec,
    freshOnly,
    process: (run, opts) => processTab(run, tab, freshOnly ? { check: opts.check, freshOnly } : opts),
  };
}

/** Processes a step, and says in the run's summary what it did. */
export function runStep(run: Run, s: Step, opts: StepOptions): Counts | null {
  const counts = s.process(run, opts);
  // Catching freshly pasted URLs is a side job: it speaks only when it found one.
  if (counts && (!s.freshOnly || Object.keys(counts).length)) run.note(describeCounts(s.spec.name, counts));
  return counts;
}

/** Applies a tab to its pending rows: the same validation and planning for runs and checks. */
export function processTab<R>(run: Run, tab: Tab<R>, opts: StepOptions): Counts | null {
  const table = run.table(tab.spec);
  if (typeof table === 'string') {
    run.problems.add(table);
    return null;
  }
  const open = tab.open(run, table);
  const { write, counts } = rowWriter(run, table, tab.stamp);
  // Rows whose calls can go out in parallel waves are gathered and run together after the others.
  const batch: { task: Task; where: Where }[] = [];
  for (const row of table.rows) {
    if (run.unfinished || table.stopped) break;
    const status = statusToTake(run, table, open, row, opts, write);
    if (status === null) continue;
    if (run.outOfTime) {
      run.unfinished = true;
      break;
    }
    const plan = open.plan(row, status);
    if (plan.kind === 'skip') continue;
    if (plan.kind !== 'ready' || opts.check) writePlan(row.row, plan, write);
    else {
      // Unreachable: a tab without a task is a Tab<never>, whose plans are never ready.
      if (!open.task) throw new Error(`the ${tab.spec.name} tab planned a Chat call but has no task`);
      const where = { tab: tab.spec.name, row: row.row };
      const task = open.task(plan.record);
      if (open.parallel && !open.solo?.(plan.record)) batch.push({ task, where });
      else if (!runOne(run, task, where, write)) break;
    }
    run.checkpoint();
  }
  if (batch.length) runWaves(run, table, batch, write);
  if (!run.unfinished && open.finish) open.finish(opts);
  return counts;
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
function statusToTake<R>(
  run: Run,
  table: Table,
  open: OpenTab<R>,
  row: Row,
  opts: StepOptions,
  write: Write,
): string | null {
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
  if (taken || open.always?.(row)) return status;
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
function runOne(run: Run, task: Task, where: Where, write: Write): boolean {
  const outcome = run.executor.run(task, where);
  if (!outcome) {
    run.unfinished = true;
    return false;
  }
  write(Number(where.row), outcome.status, outcome.detail, outcome.outputs, true);
  if (outcome.stopRun) run.stop(outcome.stopRun);
  return !outcome.stopRun;
}

/** The gathered tasks in parallel waves; a post's row says SENDING on the sheet before the post leaves. */
function runWaves(run: Run, table: Table, batch: { task: Task; where: Where }[], write: Write): void {
  const state = run.executor.runMany(batch, {
    beforeSend(wheres) {
      for (const w of wheres) table.set(Number(w.row), { Status: Status.SENDING, Detail: 'Posting…' });
      run.flush();
      return wheres.map((w) => !table.isGone(Number(w.row)));
    },
    settled(i, o) {
      write(Number(batch[i].where.row), o.status, o.detail, o.outputs, true);
      if (o.stopRun) run.stop(o.stopRun);
      run.checkpoint();
    },
    stop: () => run.stopped !== null || table.stopped !== null,
  });
  if (state === 'outOfTime') run.unfinished = true;
}

export function describeCounts(tab: string, counts: Counts): string {
  const parts = Object.entries(counts).map(([s, n]) => `${n} ${s === 'checked' ? 'ready' : s.toLowerCase()}`);
  return `${tab}: ${parts.length ? parts.join(', ') : 'nothing to do'}`;
}
