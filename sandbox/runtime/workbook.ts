import { a1Of, parseA1, type Rect, splitSheet } from './a1';
import { type CellValue, displayValue, type Entry, entryFromScript, parseEntered } from './cell-values';

export interface ValidationRule {
  criteria: string; // SpreadsheetApp.DataValidationCriteria name, e.g. VALUE_IN_LIST, CHECKBOX
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface Cell extends Partial<Entry> {
  note?: string;
  validation?: ValidationRule;
  numberFormat?: string;
}

const DEFAULT_ROWS = 1000;
const DEFAULT_COLS = 26;

/** One tab held in memory; cells are a dense grid grown on write. Rows/columns are 1-based. */
export class SheetModel {
  cells: (Cell | undefined)[][] = [];
  frozenRows = 0;
  frozenColumns = 0;

  constructor(
    public name: string,
    readonly id: number,
    public maxRows = DEFAULT_ROWS,
    public maxColumns = DEFAULT_COLS,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.cells[row - 1]?.[col - 1];
  }

  /** An independent copy (validation rules are never mutated in place, so they are shared). */
  clone(): SheetModel {
    const copy = new SheetModel(this.name, this.id, this.maxRows, this.maxColumns);
    copy.frozenRows = this.frozenRows;
    copy.frozenColumns = this.frozenColumns;
    copy.cells = this.cells.map((r) =>
      r?.map(
        (c) => c && { ...c, ...(c.value instanceof Date ? { value: new Date(c.value.getTime()) } : {}) },
      ),
    );
    return copy;
  }

  cellForWrite(row: number, col: number): Cell {
    const r = (this.cells[row - 1] ??= []);
    return (r[col - 1] ??= {});
  }

  value(row: number, col: number): CellValue {
    return this.cell(row, col)?.value ?? '';
  }

  display(row: number, col: number, timeZone: string): string {
    const c = this.cell(row, col);
    return c?.value === undefined ? '' : displayValue(c as Entry, timeZone, c.numberFormat);
  }

  /** Last row with a value or formula (notes and validation don't count, as in Sheets). */
  lastRow(): number {
    for (let r = this.cells.length; r >= 1; r--) {
      if (this.cells[r - 1]?.some(hasContent)) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.cells) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) if (hasContent(row[c - 1])) last = c;
    }
    return last;
  }

  insertRows(afterRow: number, n: number): void {
    while (this.cells.length < afterRow) this.cells.push([]);
    this.cells.splice(afterRow, 0, ...Array.from({ length: n }, () => []));
    this.maxRows += n;
  }

  deleteRows(row: number, n: number): void {
    this.cells.splice(row - 1, n);
    this.maxRows -= n;
  }

  insertColumns(afterCol: number, n: number): void {
    for (const r of this.cells) {
      if (!r) continue;
      while (r.length < afterCol) r.push(undefined);
      r.splice(afterCol, 0, ...Array.from({ length: n }, () => undefined));
    }
    this.maxColumns += n;
  }

  deleteColumns(col: number, n: number): void {
    for (const r of this.cells) r?.splice(col - 1, n);
    this.maxColumns -= n;
  }
}

function hasContent(c: Cell | undefined): boolean {
  return c !== undefined && ((c.value !== undefined && c.value !== '') || !!c.formula);
}

/** What tests read back from a tab: plain host values, computed when asked. */
export interface SheetView {
  readonly name: string;
  /** Values as getValues returns them, A1 to the last row/column with content. */
  readonly values: CellValue[][];
  readonly display: string[][];
  readonly formulas: string[][];
  readonly notes: string[][];
  readonly validations: (ValidationRule | null)[][];
  readonly frozenRows: number;
  readonly maxRows: number;
  readonly maxColumns: number;
}

/**
 * The in-memory spreadsheet. Its host-side methods are for tests and the CLI; the script reaches it only
 * through the SpreadsheetApp fake.
 */
export class Workbook {
  readonly sheets: SheetModel[] = [];
  activeSheet: SheetModel | undefined;
  /** Selected ranges on the active sheet (runSelectedRows reads these). */
  selection: Rect[] = [];
  private nextSheetId = 0;

  constructor(
    readonly id: string,
    public name: string,
    public timeZone: string,
  ) {}

  /** An independent copy: a test can set a workbook up once and start many sandboxes from it. */
  clone(): Workbook {
    const copy = new Workbook(this.id, this.name, this.timeZone);
    copy.sheets.push(...this.sheets.map((s) => s.clone()));
    copy.activeSheet = this.activeSheet && copy.sheets[this.sheets.indexOf(this.activeSheet)];
    copy.selection = this.selection.map((r) => ({ ...r }));
    copy.nextSheetId = this.nextSheetId;
    return copy;
  }

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  find(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Adds a tab the way insertSheet does; rows are typed in as a user would (strings parsed). */
  addSheet(name: string, rows: unknown[][] = [], index = this.sheets.length): SheetModel {
    if (this.find(name)) throw new Error(`A sheet with the name "${name}" already exists.`);
    const width = Math.max(0, ...rows.map((r) => r.length));
    const sheet = new SheetModel(
      name,
      this.nextSheetId++ === 0 ? 0 : Math.floor(1e8 + this.nextSheetId * 7919),
      Math.max(DEFAULT_ROWS, rows.length),
      Math.max(DEFAULT_COLS, width),
    );
    this.sheets.splice(index, 0, sheet);
    this.activeSheet ??= sheet;
    rows.forEach((r, i) => r.forEach((v, j) => this.write(sheet, i + 1, j + 1, v)));
    return sheet;
  }

  removeSheet(name: string): void {
    const s = this.require(name);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    if (this.activeSheet === s) {
      this.activeSheet = this.sheets[0];
      this.selection = [];
    }
  }

  /** Writes a host value as a user would type it (parsing strings), without validation checks. */
  write(sheet: SheetModel, row: number, col: number, v: unknown): void {
    // Pasting past the grid grows it, as it does in Sheets.
    sheet.maxRows = Math.max(sheet.maxRows, row);
    sheet.maxColumns = Math.max(sheet.maxColumns, col);
    const cell = sheet.cellForWrite(row, col);
    const entry =
      typeof v === 'string' ? parseEntered(v, this.timeZone) : entryFromScript(v, this.timeZone, false);
    cell.value = entry.value;
    cell.formula = entry.formula;
    cell.dateOnly = entry.dateOnly;
  }

  /** Host-side write of a block starting at an A1 cell (e.g. 'B2'). */
  setValues(sheetName: string, a1: string, values: unknown[][]): void {
    const sheet = this.require(sheetName);
    const at = parseA1(a1, sheet.maxRows, sheet.maxColumns);
    if (!at) throw new Error(`bad A1 reference: ${a1}`);
    values.forEach((r, i) => r.forEach((v, j) => this.write(sheet, at.row + i, at.col + j, v)));
  }

  // A person working in the spreadsheet: the edits Sheets lets anyone make while a script runs.

  /** Inserts rows before `row` (1-based), typed in as a user would; empty arrays insert blank rows. */
  insertRows(sheetName: string, row: number, rows: unknown[][]): void {
    const sheet = this.require(sheetName);
    sheet.insertRows(row - 1, rows.length);
    rows.forEach((r, i) => r.forEach((v, j) => this.write(sheet, row + i, j + 1, v)));
  }

  deleteRow(sheetName: string, row: number): void {
    this.require(sheetName).deleteRows(row, 1);
  }

  /** Data → Sort range on rows 2 to the last, by one column's displayed text (blank cells last, a
   *  stable sort as in Sheets). */
  sortRows(sheetName: string, column: number, descending = false): void {
    const sheet = this.require(sheetName);
    const last = sheet.lastRow();
    if (last < 3) return;
    const rows = sheet.cells.slice(1, last).map((cells, i) => ({
      cells,
      key: sheet.display(i + 2, column, this.timeZone),
    }));
    const dir = descending ? -1 : 1;
    rows.sort((a, b) => {
      if (!a.key || !b.key) return (a.key ? 0 : 1) - (b.key ? 0 : 1);
      return a.key < b.key ? -dir : a.key > b.key ? dir : 0;
    });
    sheet.cells.splice(1, rows.length, ...rows.map((r) => r.cells));
  }

  renameSheet(from: string, to: string): void {
    if (this.find(to)) throw new Error(`A sheet with the name "${to}" already exists.`);
    this.require(from).name = to;
  }

  deleteColumn(sheetName: string, column: number): void {
    this.require(sheetName).deleteColumns(column, 1);
  }

  /** Moves column `from` (1-based) to sit before column `to`, as dragging a column header does. */
  moveColumn(sheetName: string, from: number, to: number): void {
    const sheet = this.require(sheetName);
    for (const r of sheet.cells) {
      if (!r) continue;
      while (r.length < Math.max(from, to)) r.push(undefined);
      const [cell] = r.splice(from - 1, 1);
      r.splice(to > from ? to - 2 : to - 1, 0, cell);
    }
  }

  require(name: string): SheetModel {
    const s = this.find(name);
    if (!s) throw new Error(`no tab named "${name}" (tabs: ${this.sheets.map((x) => x.name).join(', ')})`);
    return s;
  }

  /** Selects a range (A1, `Tab!A1`, or [row, col, numRows?, numCols?]) and makes its tab active. */
  select(sheetName: string, where: string | [number, number, number?, number?]): void {
    const sheet = this.require(sheetName);
    let rect: Rect | null;
    if (typeof where === 'string') rect = parseA1(splitSheet(where).range, sheet.maxRows, sheet.maxColumns);
    else rect = { row: where[0], col: where[1], numRows: where[2] ?? 1, numCols: where[3] ?? 1 };
    if (!rect) throw new Error(`bad A1 reference: ${String(where)}`);
    this.activeSheet = sheet;
    this.selection = [rect];
  }

  sheet(name: string): SheetView {
    const s = this.require(name);
    const tz = this.timeZone;
    const grid = <T>(f: (r: number, c: number) => T): T[][] => {
      const rows = Math.max(s.lastRow(), 0);
      const cols = s.lastColumn();
      return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i + 1, j + 1)));
    };
    const all = <T>(f: (r: number, c: number) => T): T[][] => {
      const rows = s.cells.length;
      const cols = Math.max(0, ...s.cells.map((r) => r?.length ?? 0));
      return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(i + 1, j + 1)));
    };
    return {
      name: s.name,
      get values() {
        return grid((r, c) => s.value(r, c));
      },
      get display() {
        return grid((r, c) => s.display(r, c, tz));
      },
      get formulas() {
        return grid((r, c) => s.cell(r, c)?.formula ?? '');
      },
      get notes() {
        return all((r, c) => s.cell(r, c)?.note ?? '');
      },
      get validations() {
        return all((r, c) => s.cell(r, c)?.validation ?? null);
      },
      frozenRows: s.frozenRows,
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
    };
  }

  /** The tab's displayed values as an aligned text table (row numbers and column letters), for printing. */
  toTable(name: string, maxWidth = 40): string {
    const view = this.sheet(name);
    const rows = view.display.map((r) =>
      r.map((v) => (v.length > maxWidth ? v.slice(0, maxWidth - 1) + '…' : v)),
    );
    const cols = rows[0]?.length ?? 0;
    const header = Array.from({ length: cols }, (_, j) =>
      a1Of({ row: 1, col: j + 1, numRows: 1, numCols: 1 }).replace(/\d+$/, ''),
    );
    const table = [
      ['', ...header],
      ...rows.map((r, i) => [String(i + 1), ...r.map((v) => v.replace(/\n/g, '⏎'))]),
    ];
    const widths = table[0].map((_, j) => Math.max(...table.map((r) => r[j].length)));
    return [
      `${name}`,
      ...table.map((r) =>
        r
          .map((v, j) => v.padEnd(widths[j]))
          .join(' │ ')
          .trimEnd(),
      ),
    ].join('\n');
  }
}
