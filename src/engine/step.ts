import { normaliseStatus, Status, isPending } from '../contract/statuses';
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

export interface TabHandler<R> {
  spec: TabSpec;
  /** Output column stamped with the time a row is processed (none on the Webhooks tab). */
  stamp: 'Updated' | 'Sent' | null;
  /** Reads what the tab's rows depend on; a string means the tab can't be processed, and why. */
  prepare(run: Run, table: Table): string | null;
  plan(row: Row, status: string, run: Run): Plan<R>;
  /** Rows to take whatever their Status (a freshly pasted webhook URL must leave the sheet). */
  always?(row: Row): boolean;
  task(record: R, run: Run): Task;
  /** Tasks may run alongside others in parallel waves (one call per space at a time, in row order). */
  parallel?: boolean;
  /** Work after the rows (EXACT membership clean-up); `check` means report only. */
  finish?(run: Run, opts: StepOptions): void;
}

export interface StepOptions {
  /** Report what would happen, call no Chat write method. */
  check: boolean;
  /** Only these 1-based rows (runSelectedRows). */
  rows?: ReadonlySet<number>;
  /** Only rows with these statuses (the schedule retries RETRY and WAITING rows, not drafts). */
  statuses?: ReadonlySet<string>;
}

export type Counts = Record<string, number>;

/** Applies a tab's handler to its pending rows: the same validation and planning for runs and checks. */
export function processTab<R>(run: Run, handler: TabHandler<R>, opts: StepOptions): Counts | null {
  const table = run.table(handler.spec);
  if (typeof table === 'string') {
    run.problems.add(table);
    return null;
  }
  const blocked = handler.prepare(run, table);
  if (blocked) {
    run.problems.add(blocked);
    return null;
  }
  const counts: Counts = {};
  const write = (row: number, status: string, detail: string, outputs: Record<string, Cell> = {}) => {
    const cells: Record<string, Cell> = { ...outputs, Status: status, Detail: oneLine(detail) };
    if (handler.stamp) cells[handler.stamp] = new Date(run.env.clock.now());
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
        run.checkpoint();
      },
      stop: () => (run.problems.size > 0 && run.stopOnProblem) || table.stopped !== null,
    });
    if (state === 'outOfTime') run.unfinished = true;
  };
  for (const row of table.rows) {
    if (run.unfinished || table.stopped) break;
    if (opts.rows && !opts.rows.has(row.row)) continue;
    // Found deleted (or re-keyed) at a write-back: the row that is there now is another one.
    if (table.isGone(row.row)) continue;
    const status = normaliseStatus(row.get('Status'));
    const always = handler.always?.(row) ?? false;
    if (status === Status.SENDING && !opts.check) {
      write(
        row.row,
        Status.UNCERTAIN,
        'A webhook post was in flight when an earlier run ended: check the space; clear Status and Key to send it again.',
      );
      continue;
    }
    const taken = opts.statuses
      ? opts.statuses.has(status)
      : isPending(status) || status === Status.SCHEDULED || !isKnown(status);
    if (!taken && !always) {
      if (opts.rows)
        run.note(`${handler.spec.name} row ${row.row} is ${status}: clear its Status to process it again.`);
      continue;
    }
    if (run.outOfTime) {
      run.unfinished = true;
      break;
    }
    const plan = handler.plan(row, status, run);
    if (plan.kind === 'skip') continue;
    if (plan.kind === 'invalid') write(row.row, Status.INVALID, plan.reason);
    else if (plan.kind === 'waiting') write(row.row, Status.WAITING, plan.reason);
    else if (plan.kind === 'later') write(row.row, plan.status, plan.reason);
    else if (plan.kind === 'done') write(row.row, Status.DONE, plan.detail, plan.outputs);
    else if (opts.check) write(row.row, Status.PENDING, `Would ${plan.preview}`);
    else if (handler.parallel) {
      batch.push({ task: handler.task(plan.record, run), where: { tab: handler.spec.name, row: row.row } });
    } else {
      const outcome: Outcome | null = run.executor.run(handler.task(plan.record, run), {
        tab: handler.spec.name,
        row: row.row,
      });
      if (!outcome) {
        run.unfinished = true;
        break;
      }
      write(row.row, outcome.status, outcome.detail, outcome.outputs);
      if (run.problems.size && run.stopOnProblem) break;
    }
    run.checkpoint();
  }
  runBatch();
  if (!run.unfinished && handler.finish) handler.finish(run, opts);
  return counts;
}

const KNOWN: ReadonlySet<string> = new Set(Object.values(Status));
function isKnown(status: string): boolean {
  return KNOWN.has(status);
}

export function describeCounts(tab: string, counts: Counts): string {
  const parts = Object.entries(counts).map(([s, n]) => `${n} ${s === 'checked' ? 'ready' : s.toLowerCase()}`);
  return `${tab}: ${parts.length ? parts.join(', ') : 'nothing to do'}`;
}
