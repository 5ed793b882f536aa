// How imports read Chat: a task that reads a list page by page, the spaces an import reads from, and the
// cursor an unfinished import continues from.
import { call, type ChatOp } from '../chat/ops';
import type { Task, Where } from '../engine/executor';
import type { Run } from '../engine/run';
import type { Table } from '../sheet/table';
import { cellText } from '../tabs/fields';
import { done, refused } from '../tabs/outcomes';

/** Chat's answer to a list call: a page of items and the token of the next page. */
interface Page {
  nextPageToken?: string | null;
}

/**
 * A task that reads every page of a list and hands each page's items to `found` as it arrives (an
 * import that stops half-way keeps what it read: importing again adds only what is missing).
 */
export function* listAll<P extends Page, T>(
  page: (token?: string) => ChatOp<P>,
  items: (p: P) => T[] | undefined,
  found: (items: T[]) => void,
): Task {
  let token: string | undefined;
  let n = 0;
  do {
    const op = page(token);
    const got = yield* call(op);
    if (!got.ok) return refused(got, op.method);
    const list = items(got.body) ?? [];
    n += list.length;
    found(list);
    token = got.body.nextPageToken ?? undefined;
  } while (token);
  return done(`${n} found`);
}

/** The spaces an import reads from: the selected Spaces rows (all rows with a space when none are
 *  selected), each space once, in name order so that an unfinished import knows where to go on. */
export interface Source {
  /** Its Spaces row ('' for a space the tab does not list). */
  row: number | '';
  space: string;
  /** The Spaces key: imported rows name their space by it. */
  key: string;
  type: string;
}

export function sources(spaces: Table, rows: ReadonlySet<number> | undefined, after?: string): Source[] {
  const seen = new Set<string>();
  const out: Source[] = [];
  for (const r of spaces.rows) {
    if (rows && !rows.has(r.row)) continue;
    const space = cellText(r.get('Space'));
    if (!/^spaces\/[A-Za-z0-9_-]+$/.test(space) || seen.has(space)) continue;
    seen.add(space);
    out.push({
      row: r.row,
      space,
      key: cellText(r.get('Key')),
      type: cellText(r.get('Type')).toUpperCase() || 'SPACE',
    });
  }
  return out.sort((a, b) => (a.space < b.space ? -1 : 1)).filter((s) => !after || s.space > after);
}

/**
 * Follows which sources are done, in order: the cursor is the last source before the first one not
 * done, so a continuation redoes nothing that finished and skips nothing that didn't.
 */
export class Progress {
  private readonly finished = new Set<number>();
  private next = 0;

  constructor(private readonly names: readonly string[]) {}

  finish(i: number): void {
    this.finished.add(i);
    while (this.finished.has(this.next)) this.next++;
  }

  get count(): number {
    return this.finished.size;
  }

  /** The last name of the finished prefix (undefined when none is). */
  get cursor(): string | undefined {
    return this.next ? this.names[this.next - 1] : undefined;
  }
}

/** Runs one task per source in parallel waves; `settled` takes each outcome. Returns false when the run
 *  ran out of time (it is unfinished: the cursor says where to go on). */
export function runSources(
  run: Run,
  table: Table,
  items: { task: Task; where: Where }[],
  settled: (i: number, outcome: { status: string; detail: string }) => void,
): boolean {
  const state = run.executor.runMany(items, {
    // Lists and gets only: nothing to mark before it leaves.
    beforeSend: (wheres) => wheres.map(() => true),
    settled(i, outcome) {
      settled(i, outcome);
      if (outcome.stopRun) run.stop(outcome.stopRun);
    },
    stop: () => run.stopped !== null || table.stopped !== null,
  });
  return state !== 'outOfTime';
}
