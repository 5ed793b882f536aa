import { normaliseStatus, Status, takenByDefault } from '../contract/statuses';
import type { TabSpec } from '../contract/tabs';
import type { Cell } from '../platform/ports';
import type { Row, Table } from '../sheet/table';
import { oneLine } from '../text/one-line';
import type { Outcome, Task, Where } from './executor';
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
}

export type Counts = Record<string, number>;

/**
 * A row's outcome as a tab's task may return it. `stopRun`: the failure will repeat for every row (no
 * Chat app configured), so the run stops after this row and tells the person why.
 */
export interface RowOutcome extends Outcome {
  stopRun?: string;
}

/** Whether an outcome stops the run, and why. The executor hands back the very outcome a task returned
 *  (its own RETRY outcomes carry no `stopRun`), so callers of the executor read it here. */
export function stopRunOf(outcome: Outcome): string | undefined {
  return 'stopRun' in outcome && typeof outcome.stopRun === 'string' ? outcome.stopRun : undefined;
}

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
  const taskOf = (record: R): Task => {
    // Unreachable: a tab without a task is a Tab<never>, whose plans are never ready.
    if (!open.task) throw new Error(`the ${tab.spec.name} tab planned a Chat call but has no task`);
    return open.task(record);
  };
  const counts: Counts = {};
  const write = (row: number, status: string, detail: string, outputs: Record<string, Cell> = {}) => {
    const cells: Record<string, Cell> = { ...outputs, Status: status, Detail: oneLine(detail) };
    if (tab.stamp) cells[tab.stamp] = new Date(run.env.clock.now());
    table.set(row, cells);
    counts[status || 'checked'] = (counts[status || 'checked'] ?? 0) + 1;
  };
  // Rows whose calls can go out in parallel waves are gathered and run together after the others.
  const batch: { task: Task; where: Where }[] = [];
  const runBatch = () => {
    if (!batch.length) return;
    const state = run.executor.runMany(batch, {
      beforeSend(wheres) {
        for (const w of wheres) table.set(Number(w.row), { Status: Status.SENDING, Detail: 'Posting…' });
        run.flush();
        return wheres.map((w) => !table.isGone(Number(w.row)));
      },
      settled(i, o) {
        write(Number(batch[i].where.row), o.status, o.detail, o.outputs);
        const stop = stopRunOf(o);
        if (stop) run.stop(stop);
        run.checkpoint();
      },
      stop: () => run.stopped !== null || table.stopped !== null,
    });
    if (state === 'outOfTime') run.unfinished = true;
  };
  for (const row of table.rows) {
    if (run.unfinished || table.stopped) break;
    if (opts.rows && !opts.rows.has(row.row)) continue;
    // Found deleted (or re-keyed) at a write-back: the row that is there now is another one.
    if (table.isGone(row.row)) continue;
    const status = normaliseStatus(row.get('Status'));
    const always = open.always?.(row) ?? false;
    if (status === Status.SENDING && !opts.check) {
      write(
        row.row,
        Status.UNCERTAIN,
        'A webhook post was in flight when an earlier run ended: check the space; clear Status and Key to send it again.',
      );
      continue;
    }
    const taken = !opts.freshOnly && (opts.statuses ? opts.statuses.has(status) : takenByDefault(status));
    if (!taken && !always) {
      if (opts.rows)
        run.note(`${tab.spec.name} row ${row.row} is ${status}: clear its Status to process it again.`);
      continue;
    }
    if (run.outOfTime) {
      run.unfinished = true;
      break;
    }
    const plan = open.plan(row, status);
    if (plan.kind === 'skip') continue;
    if (plan.kind === 'invalid') write(row.row, Status.INVALID, plan.reason);
    else if (plan.kind === 'waiting') write(row.row, Status.WAITING, plan.reason);
    else if (plan.kind === 'later') write(row.row, plan.status, plan.reason);
    else if (plan.kind === 'done') write(row.row, Status.DONE, plan.detail, plan.outputs);
    else if (opts.check) write(row.row, Status.PENDING, `Would ${plan.preview}`);
    else if (open.parallel) {
      batch.push({ task: taskOf(plan.record), where: { tab: tab.spec.name, row: row.row } });
    } else {
      const outcome: Outcome | null = run.executor.run(taskOf(plan.record), {
        tab: tab.spec.name,
        row: row.row,
      });
      if (!outcome) {
        run.unfinished = true;
        break;
      }
      write(row.row, outcome.status, outcome.detail, outcome.outputs);
      const stop = stopRunOf(outcome);
      if (stop) {
        run.stop(stop);
        break;
      }
    }
    run.checkpoint();
  }
  runBatch();
  if (!run.unfinished && open.finish) open.finish(opts);
  return counts;
}

export function describeCounts(tab: string, counts: Counts): string {
  const parts = Object.entries(counts).map(([s, n]) => `${n} ${s === 'checked' ? 'ready' : s.toLowerCase()}`);
  return `${tab}: ${parts.length ? parts.join(', ') : 'nothing to do'}`;
}
