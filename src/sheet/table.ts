import type { ColumnSpec, TabSpec } from '../contract/tabs';
import type { Cell, SheetPort, WorkbookPort } from '../platform/ports';
import { mapColumns } from './headers';
import { toCell } from './cells';
import { nearMiss, renameAdvice } from './tab-names';
import {
  identityOf,
  inputsOf,
  pairRows,
  rowsByIdentity,
  same,
  sameLine,
  statusOf,
  type Read,
} from './rows-now';

export interface Row {
  /** 1-based sheet row when the tab was read: the row's handle for this run (rows may move since). */
  readonly row: number;
  get(header: string): Cell;
  display(header: string): string;
  /** Display value of any sheet column by its 0-based index (templates reach user columns too). */
  displayAt(column: number): string;
  /** Values of every column by its header as typed on the sheet (for templates). */
  readonly headers: readonly string[];
}

/** What the run hears from a table about results that could not be written where they belong. */
export interface TableEvents {
  /** The row is gone (deleted, its identity edited): `cells` were not written anywhere. */
  lost(row: number, identity: string, cells: Record<string, Cell>): void;
  /** The tab can no longer be written this run (renamed, deleted, columns moved): the reason. */
  stopped(reason: string): void;
  /** Chat calls the run has made so far. Without it every append reads the tab again first. */
  callsMade?(): number;
}

export type OpenResult = { ok: true; table: Table } | { ok: false; reason: string };

/** What the sheet holds for a row the tool has written or will write: how to find it again. */
interface Known {
  identity: string;
  status: string;
  /** Input cells as read when the run planned the row. */
  inputs: Record<string, string>;
}

/** Where a tab's content ends (its last row holding anything, 1-based) and its columns. */
interface End {
  end: number;
  col: Map<string, number>;
}

function endOf(read: Read): End {
  let end = read.values.length;
  while (end > 1 && !(read.values[end - 1] ?? []).some((v) => String(v ?? '').trim() !== '')) end--;
  return { end, col: read.col };
}

/** Writes that keep meeting rows moving under them give up after this many rounds (until next flush). */
const MAX_ROUNDS = 5;

/**
 * One tab, read in one call (two with display values). Results are written back by identity: right
 * before each write-back the tab is read again, each result goes to the row that holds its identity now,
 * and the tab is read once more to check that rows did not move under the write (and to put back what a
 * misplaced write covered). Rows whose identity is gone get nothing; the run logs their result instead.
 */
export class Table {
  readonly rows: Row[] = [];
  readonly sheetHeaders: string[];
  private readonly values: Cell[][];
  private readonly displayValues: string[][] | null;
  private readonly col: Map<string, number>;
  private readonly dirty = new Map<number, Record<string, Cell>>();
  private readonly known = new Map<number, Known>();
  private readonly gone = new Set<number>();
  /** New rows to add at the bottom (imports), by header. */
  private appended: Record<string, Cell>[] = [];
  private stoppedBecause: string | null = null;
  /** The tab as found at the last write-back (found by name each time: it may have been renamed). */
  private sheetPort: SheetPort | null = null;
  /** The tab's last row holding anything and its columns, as last read with nothing written since, and
   *  the run's Chat calls then: appends made with no Chat call since need not read it again. */
  private lastRead: (End & { calls: number }) | null = null;

  private constructor(
    readonly spec: TabSpec,
    private readonly workbook: WorkbookPort,
    private readonly sheetId: number,
    read: { values: Cell[][]; display: string[][] | null },
    col: Map<string, number>,
    private readonly events: TableEvents,
  ) {
    this.values = read.values;
    this.displayValues = read.display;
    this.col = col;
    this.sheetHeaders = (read.values[0] ?? []).map((h) => String(h));
    this.remember({ values: read.values, col });
    const inputs = spec.columns
      .filter((c) => c.io === 'in' && col.has(c.header))
      .map((c) => col.get(c.header)!);
    for (let i = 1; i < this.values.length; i++) {
      const r = this.values[i];
      if (!inputs.some((c) => String(r[c] ?? '').trim() !== '')) continue;
      this.rows.push(this.rowView(i));
    }
  }

  /** Opens a tab; appends missing output columns; refuses a tab that lacks a required input column. */
  static open(workbook: WorkbookPort, spec: TabSpec, events: TableEvents): OpenResult {
    const sheet = workbook.sheet(spec.name);
    if (!sheet) {
      const near = nearMiss(spec.name, workbook.sheetNames());
      return {
        ok: false,
        reason: near
          ? renameAdvice(spec.name, near)
          : `There is no ${spec.name} tab: run “Set up sheets” from the Chat menu.`,
      };
    }
    const read = sheet.read(spec.display);
    if (read.values.length === 0) read.values.push([]);
    const map = mapColumns(spec, read.values[0]);
    const missingRequired = spec.columns.filter((c) => c.required && map.missing.includes(c.header));
    if (missingRequired.length) {
      const names = missingRequired.map((c) => `“${c.header}”`).join(', ');
      return {
        ok: false,
        reason: `The ${spec.name} tab has no ${names} column: add it (or run “Set up sheets”).`,
      };
    }
    const missingOut = spec.columns.filter((c) => c.io === 'out' && map.missing.includes(c.header));
    if (missingOut.length) Table.appendColumns(sheet, read, map.index, missingOut);
    return { ok: true, table: new Table(spec, workbook, sheet.id, read, map.index, events) };
  }

  private static appendColumns(
    sheet: SheetPort,
    read: { values: Cell[][]; display: string[][] | null },
    index: Map<string, number>,
    columns: ColumnSpec[],
  ): void {
    const header = read.values[0];
    const start = trimmedLength(header);
    columns.forEach((c, i) => index.set(c.header, start + i));
    sheet.write(1, start + 1, [columns.map((c) => c.header)]);
    sheet.setNotes(1, start + 1, [columns.map((c) => c.note)]);
    for (const r of read.values) while (r.length < start + columns.length) r.push('');
    for (const r of read.display ?? []) while (r.length < start + columns.length) r.push('');
    columns.forEach((c, i) => (header[start + i] = c.header));
  }

  private rowView(i: number): Row {
    return {
      row: i + 1,
      get: (h) => {
        const c = this.col.get(h);
        return c === undefined ? '' : (this.values[i][c] ?? '');
      },
      display: (h) => {
        const c = this.col.get(h);
        return c === undefined ? '' : this.displayByHeader(i + 1, c);
      },
      displayAt: (c) => this.displayByHeader(i + 1, c),
      headers: this.sheetHeaders,
    };
  }

  /** A cell of any column by its header as typed on the sheet (templates refer to user columns too). */
  displayByHeader(row: number, sheetColumn: number): string {
    const d = this.displayValues?.[row - 1]?.[sheetColumn];
    return d !== undefined ? d : String(this.values[row - 1]?.[sheetColumn] ?? '');
  }

  /** Why the tab can't be written any more this run (renamed, deleted, its columns moved), or null. */
  get stopped(): string | null {
    return this.stoppedBecause;
  }

  /** The row is no longer on the tab (found so at a write-back), or the tab can't be written: no more
   *  work for it this run. */
  isGone(row: number): boolean {
    return this.gone.has(row) || this.stoppedBecause !== null;
  }

  /** Sets output cells of a row (and the input cells the tool may write); they reach the sheet at the next
   *  flush, on the row that holds this row's identity then. */
  set(row: number, cells: Record<string, Cell | null | undefined>): void {
    const clean: Record<string, Cell> = {};
    for (const [header, value] of Object.entries(cells)) {
      const spec = this.spec.columns.find((c) => c.header === header);
      if (!spec || (spec.io !== 'out' && !spec.toolWrites))
        throw new Error(`${this.spec.name}: ${header} is not an output column`);
      if (this.col.has(header)) clean[header] = value ?? '';
    }
    if (this.isGone(row)) {
      this.events.lost(row, this.known.get(row)?.identity ?? this.identityAsRead(row), clean);
      return;
    }
    if (!this.known.has(row)) this.known.set(row, this.knownAsRead(row));
    for (const [header, value] of Object.entries(clean)) this.values[row - 1][this.col.get(header)!] = value;
    this.dirty.set(row, { ...this.dirty.get(row), ...clean });
  }

  get pendingWrites(): number {
    return this.dirty.size + this.appended.length;
  }

  /** Adds a row at the bottom of the tab at the next flush (an import's new row: every cell is the
   *  tool's, inputs too). Columns the tab lacks are left out. */
  append(cells: Record<string, Cell>): void {
    for (const header of Object.keys(cells))
      if (!this.spec.columns.some((c) => c.header === header))
        throw new Error(`${this.spec.name}: ${header} is not a column of the tab`);
    this.appended.push(cells);
  }

  private asRead(): Read {
    return { values: this.values, col: this.col };
  }

  private identityAsRead(row: number): string {
    return identityOf(this.spec, this.asRead(), row);
  }

  private knownAsRead(row: number): Known {
    const read = this.asRead();
    return {
      identity: identityOf(this.spec, read, row),
      status: statusOf(read, row),
      inputs: inputsOf(this.spec, read, row),
    };
  }

  /**
   * Writes what changed to the rows that hold those identities now. Returns the number of writes. A row
   * found gone is reported (`lost`) and gets no write; a tab renamed or deleted, or whose columns moved
   * or went, stops (`stopped`).
   */
  flush(): number {
    const writes = this.flushRows();
    return writes + this.flushAppended();
  }

  /**
   * Writes the appended rows below the last row that holds anything now, in one block (read right
   * before, like every write-back: rows people add meanwhile are not overwritten).
   */
  private flushAppended(): number {
    const rows = this.appended;
    if (!rows.length || this.stoppedBecause) return 0;
    const now = this.recentEnd() ?? this.endNow();
    if ('problem' in now) {
      this.stop(now.problem);
      return 0;
    }
    this.appended = [];
    const cols = [...now.col.values()];
    const first = Math.min(...cols);
    const width = Math.max(...cols) - first + 1;
    const block = rows.map((cells) => {
      const line: Cell[] = new Array<Cell>(width).fill('');
      for (const [h, v] of Object.entries(cells)) {
        const c = now.col.get(h);
        if (c !== undefined) line[c - first] = toCell(v);
      }
      return line;
    });
    this.lastRead = null;
    this.sheetPort!.write(now.end + 1, first + 1, block);
    return 1;
  }

  /** The last row holding anything now, and the columns; or why the tab can't be written. */
  private endNow(): End | { problem: string } {
    const { read, problem } = this.readNow([]);
    return problem || !read ? { problem: problem! } : endOf(read);
  }

  /** The tab's last read, when no Chat call went between it and now: the run only worked out its rows
   *  since, and a new read would take as long as the moment it would cover. */
  private recentEnd(): End | null {
    const last = this.lastRead;
    if (!last || last.calls !== this.events.callsMade?.()) return null;
    const sheet = this.workbook.sheet(this.spec.name);
    if (!sheet || sheet.id !== this.sheetId) return null;
    this.sheetPort = sheet;
    return last;
  }

  /** Keeps a read as the tab's latest: call it right after reading, and clear it at each write. */
  private remember(read: Read): void {
    const calls = this.events.callsMade?.();
    this.lastRead = calls === undefined ? null : { ...endOf(read), calls };
  }

  private flushRows(): number {
    if (this.dirty.size === 0) return 0;
    if (this.stoppedBecause) return 0;
    // The columns this write-back sets (a generated Key alone, SENDING marks, results…).
    const headers = ownSpan(
      this.spec,
      this.col,
      this.spec.columns
        .filter((c) => [...this.dirty.values()].some((d) => c.header in d))
        .map((c) => c.header)
        .filter((h) => this.col.has(h)),
    );
    let writes = 0;
    let last: { read: Read; lines: Map<number, Cell[]>; cols: number[] } | null = null;
    let moved: string | null = null;
    /** What each row was last written with in this write-back, by header. */
    const sent = new Map<number, Record<string, Cell>>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { read: now, problem } = this.readNow(headers);
      if (problem || !now) {
        // A column went between the read and the write: the write may have covered another column.
        if (now && last) this.putBack(last, now, last.cols);
        this.stop(problem!);
        return writes;
      }
      const cols = headers.map((h) => now.col.get(h)!);
      if (headers.some((h) => now.col.get(h) !== this.col.get(h)))
        moved ??= `The ${this.spec.name} tab’s columns moved while the run worked: results so far are written; the rest waits for the next run.`;
      const fixes = last ? this.putBack(last, now, cols) : new Map<number, Cell[]>();
      const { lines, landed } = this.place(now, cols, sent);
      for (const [r, line] of fixes) if (!lines.has(r)) lines.set(r, line);
      if (!lines.size) {
        this.remember(now);
        for (const [row, known] of landed) this.known.set(row, known);
        this.dirty.clear();
        if (moved) this.stop(moved);
        return writes;
      }
      this.lastRead = null;
      writes += this.writeLines(now, cols, lines, headers);
      last = { read: now, lines, cols };
    }
    return writes;
  }

  /** The tab as it is now, or why it can't be written: gone, renamed, or a column the write needs gone. */
  private readNow(headers: string[]): { read?: Read; problem?: string } {
    const sheet = this.workbook.sheet(this.spec.name);
    if (!sheet || sheet.id !== this.sheetId)
      return {
        problem: `The ${this.spec.name} tab was renamed or deleted while the run worked: its results from then on are only in the Log; name it ${this.spec.name} again and run again to pick up the rest.`,
      };
    this.sheetPort = sheet;
    const values = sheet.read(false).values;
    if (values.length === 0) values.push([]);
    const map = mapColumns(this.spec, values[0]);
    const read = { values, col: map.index };
    const missing = [...headers, ...this.spec.identity].filter((h) => !map.index.has(h));
    if (missing.length)
      return {
        read,
        problem: `The ${this.spec.name} tab lost its ${missing.map((h) => `“${h}”`).join(', ')} column while the run worked: its results from then on are only in the Log; the next run adds the column again and picks up the rest.`,
      };
    return { read };
  }

  /**
   * Finds each row to write in `now` and makes its line of written cells. A row is the one with its
   * identity whose cells already say what this write says (it landed), or else whose Status is still what
   * the tool last saw there; among several, the first not taken.
   */
  private place(
    now: Read,
    cols: number[],
    sent: Map<number, Record<string, Cell>>,
  ): { lines: Map<number, Cell[]>; landed: Map<number, Known> } {
    const byIdentity = rowsByIdentity(this.spec, now);
    const taken = new Set<number>();
    const lines = new Map<number, Cell[]>();
    const landed = new Map<number, Known>();
    for (const row of [...this.dirty.keys()].sort((a, b) => a - b)) {
      const known = this.known.get(row)!;
      const after = this.identityAsRead(row);
      const lineOf = (r: number) => {
        const want = this.withEditNote(row, inputsOf(this.spec, now, r), known);
        const current = cols.map((c) => now.values[r - 1][c] ?? '');
        const line = [...current];
        for (const [h, v] of Object.entries(want)) {
          const spec = this.spec.columns.find((c) => c.header === h)!;
          const i = cols.indexOf(now.col.get(h)!);
          // An input cell the tool writes (a generated Key, a redacted URL) only where the person left it.
          if (spec.io === 'in' && !same(String(current[i] ?? '').trim(), known.inputs[h] ?? '')) continue;
          line[i] = v;
        }
        return { want, current, line };
      };
      const candidates = [...new Set([known.identity, after])]
        .flatMap((id) => byIdentity.get(id) ?? [])
        .filter((r) => !taken.has(r));
      const done = candidates.find((r) => {
        const { current, line } = lineOf(r);
        return sameLine(current, line);
      });
      // Or the one an earlier round of this write-back wrote to (its cells say what they said then).
      const wrote = sent.get(row);
      const mine =
        wrote &&
        candidates.find((r) =>
          Object.entries(wrote).every(([h, v]) => same(now.values[r - 1][now.col.get(h)!] ?? '', v)),
        );
      const at = done ?? mine ?? candidates.find((r) => same(statusOf(now, r), known.status));
      if (at === undefined) {
        const cells = this.dirty.get(row)!;
        this.dirty.delete(row);
        this.gone.add(row);
        this.events.lost(row, known.identity, cells);
        continue;
      }
      taken.add(at);
      const { want, current, line } = lineOf(at);
      if (sameLine(current, line))
        landed.set(row, { ...known, identity: after, status: String(want.Status ?? known.status) });
      else {
        lines.set(at, line);
        sent.set(row, Object.fromEntries(cols.map((c, i) => [headerAt(now, c), line[i]])));
      }
    }
    return { lines, landed };
  }

  /** A result for a row whose inputs were edited after it was read says what it was for. */
  private withEditNote(row: number, nowInputs: Record<string, string>, known: Known): Record<string, Cell> {
    const want = this.dirty.get(row)!;
    if (typeof want.Detail !== 'string' || !want.Status) return want;
    const edited = this.spec.columns.filter(
      (c) => c.io === 'in' && !c.toolWrites && nowInputs[c.header] !== (known.inputs[c.header] ?? ''),
    );
    if (!edited.length) return want;
    const was = edited.map((c) => `${c.header} “${(known.inputs[c.header] ?? '').slice(0, 60)}”`).join(', ');
    return { ...want, Detail: `${want.Detail} (Edited during the run: this is for ${was}.)` };
  }

  /**
   * After a write, checks that the rows it covered did not move under it (an insert, a delete or a sort
   * between the read and the write): a line that landed on another row is put back as that row had it.
   * Returns the lines to write again; `now` is updated as if they were written.
   */
  private putBack(
    last: { read: Read; lines: Map<number, Cell[]>; cols: number[] },
    now: Read,
    cols: number[],
  ): Map<number, Cell[]> {
    const fixes = new Map<number, Cell[]>();
    if (!sameHeader(last.read.values[0], now.values[0])) return this.putBackColumns(last, now);
    const pairs = pairRows(last.read.values, now.values, new Set(cols));
    // Each run of adjacent columns is its own write, so rows may move between two of them: each run is
    // checked (and put back) on its own.
    const runs = columnRuns(cols);
    for (const [q, wrote] of last.lines) {
      const p = pairs.get(q);
      if (p === q) continue;
      const expected =
        p === undefined
          ? cols.map(() => '' as Cell)
          : (last.lines.get(p) ?? cols.map((c) => last.read.values[p - 1]?.[c] ?? ''));
      const actual = cols.map((c) => now.values[q - 1]?.[c] ?? '');
      const part = (line: Cell[], run: number[]) => run.map((i) => line[i]);
      for (const run of runs) {
        const is = part(actual, run);
        if (sameLine(is, part(expected, run)) || !sameLine(is, part(wrote, run))) continue;
        const fix = fixes.get(q) ?? [...actual];
        for (const i of run) fix[i] = expected[i];
        fixes.set(q, fix);
        for (const i of run) now.values[q - 1][cols[i]] = expected[i];
      }
    }
    return fixes;
  }

  /** Columns moved between the read and the write: each cell the write covered gets back what its
   *  column held (found by header), unless someone wrote there since. */
  private putBackColumns(
    last: { read: Read; lines: Map<number, Cell[]>; cols: number[] },
    now: Read,
  ): Map<number, Cell[]> {
    const sheet = this.sheetPort!;
    const header = now.values[0].map(String);
    const before = last.read.values[0].map(String);
    for (const [r, wrote] of last.lines) {
      last.cols.forEach((c, i) => {
        const cells = now.values[r - 1];
        if (!cells || !same(cells[c], wrote[i])) return;
        const from = before.indexOf(header[c] ?? '');
        const was = from < 0 || !header[c] ? '' : (last.read.values[r - 1]?.[from] ?? '');
        if (same(was, cells[c])) return;
        sheet.write(r, c + 1, [[toCell(was)]]);
        cells[c] = was;
      });
    }
    return new Map();
  }

  /**
   * Writes the lines: one block per run of adjacent written columns. Output columns are the tool's, so
   * one block spans all the rows to write, rows between them getting what they hold (and counting as
   * written, for the check that follows); a write that includes an input column the tool may write (a
   * generated Key, a redacted URL) covers only the rows it is for, so that no one else's cell is touched.
   */
  private writeLines(now: Read, cols: number[], lines: Map<number, Cell[]>, headers: string[]): number {
    const sheet = this.sheetPort!;
    const rows = [...lines.keys()].sort((a, b) => a - b);
    const onlyOwn = headers.every((h) => this.spec.columns.find((c) => c.header === h)?.io === 'out');
    const spans: [number, number][] = [];
    for (const r of onlyOwn ? [rows[0], rows[rows.length - 1]] : rows) {
      const span = spans[spans.length - 1];
      if (span && (onlyOwn || span[1] === r - 1)) span[1] = r;
      else spans.push([r, r]);
    }
    const runs = columnRuns(cols);
    let writes = 0;
    for (const [first, last] of spans) {
      for (let r = first; r <= last; r++) {
        while (now.values.length < r) now.values.push([]);
        if (!lines.has(r))
          lines.set(
            r,
            cols.map((c) => now.values[r - 1][c] ?? ''),
          );
        const line = lines.get(r)!;
        cols.forEach((c, i) => (now.values[r - 1][c] = line[i]));
      }
      for (const run of runs) {
        const block: Cell[][] = [];
        for (let r = first; r <= last; r++) block.push(run.map((i) => toCell(lines.get(r)![i])));
        sheet.write(first, cols[run[0]] + 1, block);
        writes++;
      }
    }
    return writes;
  }

  /** The tab can't be written any more: what was still to write goes to the Log. */
  private stop(reason: string): void {
    this.stoppedBecause = reason;
    // New rows not written yet: an import finds them missing next time and adds them then.
    this.appended = [];
    for (const [row, cells] of this.dirty) this.events.lost(row, this.known.get(row)!.identity, cells);
    this.dirty.clear();
    this.events.stopped(reason);
  }
}

/**
 * The headers a write-back sets, with the tool's own columns between them when nothing else lies
 * between: those cells are written with what they hold, so that one block covers, say, Message and
 * Thread and Status and Detail (one data call instead of two). A column of the person's own, or an
 * input column, in between keeps the blocks apart.
 */
function ownSpan(spec: TabSpec, col: Map<string, number>, headers: string[]): string[] {
  const out = (h: string) => spec.columns.find((c) => c.header === h)?.io === 'out';
  if (headers.length < 2 || !headers.every(out)) return headers;
  const at = headers.map((h) => col.get(h)!);
  const [first, last] = [Math.min(...at), Math.max(...at)];
  const between = [...col].filter(([h, c]) => c > first && c < last && !headers.includes(h));
  if (between.length + headers.length !== last - first + 1 || !between.every(([h]) => out(h))) return headers;
  return spec.columns
    .map((c) => c.header)
    .filter((h) => headers.includes(h) || between.some(([b]) => b === h));
}

/** The written columns (0-based sheet columns) grouped into runs of adjacent ones, as indices into
 *  `cols`, left to right: each run is written in one block. */
function columnRuns(cols: number[]): number[][] {
  const order = cols.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]);
  const runs: number[][] = [];
  let prev = -2;
  for (const [c, i] of order) {
    if (c === prev + 1) runs[runs.length - 1].push(i);
    else runs.push([i]);
    prev = c;
  }
  return runs;
}

function headerAt(read: Read, column: number): string {
  for (const [h, c] of read.col) if (c === column) return h;
  return '';
}

export function trimmedLength(row: readonly unknown[]): number {
  let width = row.length;
  while (width > 0 && String(row[width - 1] ?? '') === '') width--;
  return width;
}

function sameHeader(a: readonly unknown[] = [], b: readonly unknown[] = []): boolean {
  const n = trimmedLength(a);
  return n === trimmedLength(b) && a.slice(0, n).every((v, i) => same(v, b[i]));
}
