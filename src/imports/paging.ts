// How imports read Chat: a task that reads a list page by page, the spaces an import reads from, and the
// cursor an unfinished import continues from.
import { call, op, type ChatOp } from '../chat/ops';
import type { Task } from '../engine/executor';
import type { Run } from '../engine/run';
import type { Table } from '../sheet/table';
import type { TabSpec } from '../contract/tabs';
import { cellText } from '../tabs/fields';
import { done, refused } from '../tabs/outcomes';

/** Chat's answer to a list call: a page of items and the token of the next page. */
interface Page {
  nextPageToken?: string | null;
}

/**
 * A task that reads every page of a list and hands each page's items to `found` as it arrives (an
 * import that stops half-way keeps what it read: importing again adds only what is missing). `from` is a
 * page token to go on from (an earlier execution's); `reached` hears the token of each next page.
 * A token Chat no longer takes (400) starts the list over.
 */
export function* listAll<P extends Page, T>(
  page: (token?: string) => ChatOp<P>,
  items: (p: P) => T[] | undefined,
  found: (items: T[]) => void,
  from?: string,
  reached?: (token: string) => void,
): Task {
  let token = from;
  let n = 0;
  do {
    const op = page(token);
    const got = yield* call(op);
    if (!got.ok && got.error.code === 400 && token === from && from) {
      token = from = undefined;
      continue;
    }
    if (!got.ok) return refused(got, op.method, op.params.useAdminAccess === true);
    const list = items(got.body) ?? [];
    n += list.length;
    found(list);
    token = got.body.nextPageToken ?? undefined;
    if (token) reached?.(token);
  } while (token);
  return done(`${n} found`);
}

/**
 * Every space the person running is a member of (spaces.list, every page), or with a `query` every space
 * of the organisation it finds (spaces.search, admin access); null when the run must stop here: out of
 * time (unfinished: its continuation starts over from the list, keeping `after`), or Chat refused (said
 * as a set-up problem).
 */
export function listSpaces(run: Run, tab: string, after?: string, query?: string): ChatV1.Space[] | null {
  const all: ChatV1.Space[] = [];
  const page = (token?: string): ChatOp<ChatV1.ListSpacesResponse | ChatV1.SearchSpacesResponse> =>
    query ? op.searchSpaces(query, token) : op.listSpaces(token);
  const outcome = run.executor.run(
    listAll(
      page,
      (p) => p.spaces,
      (items) => all.push(...items),
    ),
    { tab, row: '' },
  );
  if (!outcome) {
    run.unfinished = true;
    run.cursor = after;
    return null;
  }
  if (outcome.status !== 'DONE') {
    if (outcome.stopRun) run.stop(outcome.stopRun);
    else run.problems.add(`${query ? 'The search' : 'Your spaces'} could not be listed: ${outcome.detail}`);
    return null;
  }
  return all;
}

/**
 * The page size an import asks for when it reads `spaces` spaces: a wave asks every space's next page at
 * once (up to one minute's read quota), so the pages share what one wave may bring back — `perWave`
 * items, a few tens of megabytes — between them, between `least` and Chat's largest page (`most`).
 */
export function pageSizeFor(spaces: number, perWave: number, least: number, most: number): number {
  return Math.max(least, Math.min(most, Math.floor(perWave / Math.max(1, spaces))));
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
  /** The row says As ADMIN: read with administrator access. */
  admin: boolean;
}

export function sources(spaces: Table, rows: ReadonlySet<number> | undefined, cursor: Cursor = {}): Source[] {
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
      admin: cellText(r.get('As')).toUpperCase() === 'ADMIN',
    });
  }
  return out.sort((a, b) => (a.space < b.space ? -1 : 1)).filter((s) => ahead(cursor, s.space));
}

/**
 * Where an unfinished import goes on: after the last space of the finished prefix (in name order), and
 * — for a space read part-way whose list has an order (messages, oldest first) — from the point reached.
 * Stored as the continuation's `after`.
 */
export interface Cursor {
  after?: string;
  /** Space → the point reached, for spaces read part-way, or FINISHED for spaces read to the end after
   *  the finished prefix (as many as fit, in name order). */
  resume?: Record<string, string>;
}

/** Room for resume points: a continuation is one script property (9 KB). */
export const MAX_RESUME_CHARS = 6000;
export const FINISHED = '*';

export function readCursor(text: string | undefined): Cursor {
  if (!text) return {};
  if (!text.startsWith('{')) return { after: text };
  try {
    return JSON.parse(text) as Cursor;
  } catch {
    return {};
  }
}

/** Whether a space is still to read by an import that goes on from `cursor`. */
export function ahead(cursor: Cursor, space: string): boolean {
  return (!cursor.after || space > cursor.after) && cursor.resume?.[space] !== FINISHED;
}

export function writeCursor(c: Cursor): string | undefined {
  return c.resume ? JSON.stringify(c) : c.after;
}

/**
 * Follows which sources are done, in order: the cursor is the last source before the first one not
 * done, so a continuation redoes nothing that finished and skips nothing that didn't. Each write-back
 * also tells a person at the menu how far the import is (`say`: done and total to a toast's text).
 */
class Progress {
  private readonly finished = new Set<number>();
  private next = 0;

  constructor(
    private readonly run: Run,
    private readonly names: readonly string[],
    private readonly say: (done: number, total: number) => string,
  ) {
    run.progress(say(0, names.length));
  }

  /** Source `i` is done (its rows are set): written back and told when it is time to. */
  finish(i: number): void {
    this.finished.add(i);
    while (this.finished.has(this.next)) this.next++;
    if (this.run.checkpoint()) this.run.progress(this.say(this.count, this.names.length));
  }

  get count(): number {
    return this.finished.size;
  }

  /** The last name of the finished prefix (undefined when none is). */
  get cursor(): string | undefined {
    return this.next ? this.names[this.next - 1] : undefined;
  }

  /** The first source not finished. */
  get first(): number {
    return this.next;
  }

  has(i: number): boolean {
    return this.finished.has(i);
  }
}

/** How an import reads each of its spaces. */
export interface SpaceReading<T> {
  /** The work as toasts name it, e.g. "Importing members". */
  doing: string;
  /** What could not be read, as the summary names it, e.g. "Members". */
  what: string;
  /** The task that reads a space, handing what it finds to `found` as it comes. */
  task(s: Source, found: (items: T[]) => void): Task;
  /** Writes what was read of a space: when that space is done, and what was read of a space left
   *  part-way when the run runs out of time. */
  place(s: Source, items: T[]): void;
  /** The point a space read part-way goes on from next time (a page token, or a time for a list in
   *  time order). */
  resumeFrom?(s: Source): string | undefined;
}

/**
 * Reads each space with its own task, in parallel waves paced under the read quotas, placing what each
 * found as soon as it is done. A run out of time places what it read so far and is unfinished, with the
 * cursor after the last space of the finished prefix (or where it started) and, for an ordered list, the
 * point the next space had reached; spaces Chat refused are told in the summary.
 */
export function readEach<T>(
  run: Run,
  tab: TabSpec,
  list: Source[],
  cursor: Cursor,
  how: SpaceReading<T>,
): void {
  const progress = new Progress(
    run,
    list.map((s) => s.space),
    (n, of) => `${how.doing}: ${n} of ${of} spaces…`,
  );
  const found: T[][] = list.map(() => []);
  const failed: string[] = [];
  const items = list.map((s, i) => ({
    where: { tab: 'Spaces', row: s.row },
    task: how.task(s, (xs) => found[i].push(...xs)),
  }));
  const state = run.executor.runMany(items, {
    // Lists and gets only: nothing to mark before it leaves.
    beforeSend: (wheres) => wheres.map(() => true),
    settled(i, outcome) {
      how.place(list[i], found[i]);
      found[i] = [];
      if (outcome.status !== 'DONE') failed.push(`${list[i].key || list[i].space}: ${outcome.detail}`);
      if (outcome.stopRun) run.stop(outcome.stopRun);
      progress.finish(i);
    },
    stop: () => run.stopped !== null || (run.tableOf(tab)?.stopped ?? null) !== null,
  });
  if (state === 'outOfTime') {
    list.forEach((s, i) => found[i].length && how.place(s, found[i]));
    const resume: Record<string, string> = {};
    for (let i = progress.first; i < list.length; i++) {
      const s = list[i];
      const from = progress.has(i) ? FINISHED : (how.resumeFrom?.(s) ?? cursor.resume?.[s.space]);
      if (!from) continue;
      if (JSON.stringify(resume).length + s.space.length + from.length > MAX_RESUME_CHARS) break;
      resume[s.space] = from;
    }
    run.unfinished = true;
    run.cursor = writeCursor({
      after: progress.cursor ?? cursor.after,
      ...(Object.keys(resume).length ? { resume } : {}),
    });
  }
  if (failed.length)
    run.note(
      `${how.what} of ${failed.length} space(s) could not be read (run it again to retry): ${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''}`,
    );
}
