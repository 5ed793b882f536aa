import type { ColumnSpec, TabSpec } from '../contract/tabs';
import type { Cell, SheetPort, WorkbookPort } from '../platform/ports';
import { mapColumns } from './headers';
import { toCell } from './cells';

export interface Row {
  /** 1-based sheet row. */
  readonly row: number;
  get(header: string): Cell;
  display(header: string): string;
  /** Display value of any sheet column by its 0-based index (templates reach user columns too). */
  displayAt(column: number): string;
  /** Values of every column by its header as typed on the sheet (for templates). */
  readonly headers: readonly string[];
}

export type OpenResult = { ok: true; table: Table } | { ok: false; reason: string };

/**
 * One tab, read in one call (two with display values). Output columns are written back in blocks: each
 * run of adjacent output columns, over the rows changed since the last flush, is one write.
 */
export class Table {
  readonly rows: Row[] = [];
  private readonly values: Cell[][];
  private readonly displayValues: string[][] | null;
  private readonly col: Map<string, number>;
  private readonly dirty = new Set<number>();
  /** Input columns the tool wrote into this run: only then are they part of the write-back. */
  private readonly toolWritten = new Set<string>();
  readonly sheetHeaders: string[];

  private constructor(
    readonly spec: TabSpec,
    private readonly sheet: SheetPort,
    read: { values: Cell[][]; display: string[][] | null },
    col: Map<string, number>,
  ) {
    this.values = read.values;
    this.displayValues = read.display;
    this.col = col;
    this.sheetHeaders = (read.values[0] ?? []).map((h) => String(h));
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
  static open(workbook: WorkbookPort, spec: TabSpec, opts: { display?: boolean } = {}): OpenResult {
    const sheet = workbook.sheet(spec.name);
    if (!sheet)
      return { ok: false, reason: `There is no ${spec.name} tab: run “Set up sheets” from the Chat menu.` };
    const read = sheet.read(opts.display);
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
    return { ok: true, table: new Table(spec, sheet, read, map.index) };
  }

  private static appendColumns(
    sheet: SheetPort,
    read: { values: Cell[][]; display: string[][] | null },
    index: Map<string, number>,
    columns: ColumnSpec[],
  ): void {
    const header = read.values[0];
    let width = header.length;
    while (width > 0 && String(header[width - 1] ?? '') === '') width--;
    const start = width;
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

  /** Sets output cells of a row; they reach the sheet at the next flush. */
  set(row: number, cells: Record<string, Cell | null | undefined>): void {
    for (const [header, value] of Object.entries(cells)) {
      const spec = this.spec.columns.find((c) => c.header === header);
      if (!spec || (spec.io !== 'out' && !spec.toolWrites))
        throw new Error(`${this.spec.name}: ${header} is not an output column`);
      const c = this.col.get(header);
      if (c === undefined) continue;
      if (spec.io === 'in') this.toolWritten.add(header);
      this.values[row - 1][c] = value ?? '';
    }
    this.dirty.add(row);
  }

  get pendingWrites(): number {
    return this.dirty.size;
  }

  /** Writes changed rows back: one block per run of adjacent output columns, spanning the changed rows. */
  flush(): number {
    if (this.dirty.size === 0) return 0;
    const rows = [...this.dirty].sort((a, b) => a - b);
    const first = rows[0];
    const last = rows[rows.length - 1];
    let writes = 0;
    for (const [from, to] of this.outputRuns()) {
      const block: Cell[][] = [];
      for (let r = first; r <= last; r++) block.push(this.values[r - 1].slice(from, to + 1).map(toCell));
      this.sheet.write(first, from + 1, block);
      writes++;
    }
    this.dirty.clear();
    return writes;
  }

  private outputRuns(): [number, number][] {
    const cols = this.spec.columns
      .filter(
        (c) => (c.io === 'out' || (c.toolWrites && this.toolWritten.has(c.header))) && this.col.has(c.header),
      )
      .map((c) => this.col.get(c.header)!)
      .sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const c of cols) {
      const last = runs[runs.length - 1];
      if (last && last[1] === c - 1) last[1] = c;
      else runs.push([c, c]);
    }
    return runs;
  }
}
