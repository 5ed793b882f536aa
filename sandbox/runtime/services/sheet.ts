import { parseA1, type Rect, splitSheet } from '../a1';
import { type Entry, entryFromScript } from '../cell-values';
import { ScriptError } from '../errors';
import { Fake, isCosmeticMethod } from '../realm';
import type { SheetModel } from '../workbook';
import type { ServiceContext } from './context';
import { FakeRange } from './range';
import { FakeSpreadsheet } from './spreadsheet';
import { OUTSIDE, io } from './spreadsheet-io';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class FakeSheet
  extends Fake
  implements
    Pick<
      Sheet,
      | 'getName'
      | 'getSheetId'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'getFrozenRows'
      | 'getIndex'
      | 'getLastRow'
      | 'getLastColumn'
    >
{
  readonly className = 'Sheet';

  constructor(
    private readonly ctx: ServiceContext,
    readonly model: SheetModel,
  ) {
    super();
  }

  override _cosmetic(name: string): boolean {
    return isCosmeticMethod(name);
  }

  getName(): string {
    return this.model.name;
  }
  setName(name: string): this {
    io(this.ctx, 'setName', () => {
      const other = this.ctx.host.workbook.find(name);
      if (other && other !== this.model) {
        throw new ScriptError(`A sheet with the name "${name}" already exists. Please enter another name.`);
      }
      this.model.name = name;
    });
    return this;
  }
  getSheetId(): number {
    return this.model.id;
  }
  getIndex(): number {
    return this.ctx.host.workbook.sheets.indexOf(this.model) + 1;
  }
  getParent(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.ctx);
  }
  activate(): this {
    io(this.ctx, 'activate', () => {
      this.ctx.host.workbook.activeSheet = this.model;
      this.ctx.host.workbook.selection = [];
    });
    return this;
  }

  getRange(a: number | string, col?: number, numRows = 1, numCols = 1): FakeRange {
    if (typeof a === 'string') {
      const rect = parseA1(splitSheet(a).range, this.model.maxRows, this.model.maxColumns);
      if (!rect) throw new ScriptError('Range not found');
      return this.rangeAt(rect);
    }
    if (typeof a !== 'number' || typeof col !== 'number' || !Number.isInteger(a) || !Number.isInteger(col)) {
      throw new ScriptError(
        `The parameters (${typeof a},${typeof col}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    }
    if (numRows < 1) throw new ScriptError('The number of rows in the range must be at least 1.');
    if (numCols < 1) throw new ScriptError('The number of columns in the range must be at least 1.');
    return this.rangeAt({ row: a, col, numRows, numCols });
  }

  private rangeAt(rect: Rect): FakeRange {
    const m = this.model;
    if (
      rect.row < 1 ||
      rect.col < 1 ||
      rect.row + rect.numRows - 1 > m.maxRows ||
      rect.col + rect.numCols - 1 > m.maxColumns
    ) {
      throw new ScriptError(OUTSIDE);
    }
    return new FakeRange(this.ctx, m, rect);
  }

  getDataRange(): FakeRange {
    return io(this.ctx, 'getDataRange', () => {
      const rows = Math.max(1, this.model.lastRow());
      const cols = Math.max(1, this.model.lastColumn());
      return new FakeRange(this.ctx, this.model, { row: 1, col: 1, numRows: rows, numCols: cols });
    });
  }
  getLastRow(): number {
    return io(this.ctx, 'getLastRow', () => this.model.lastRow());
  }
  getLastColumn(): number {
    return io(this.ctx, 'getLastColumn', () => this.model.lastColumn());
  }
  getMaxRows(): number {
    return io(this.ctx, 'getMaxRows', () => this.model.maxRows);
  }
  getMaxColumns(): number {
    return io(this.ctx, 'getMaxColumns', () => this.model.maxColumns);
  }
  getFrozenRows(): number {
    return io(this.ctx, 'getFrozenRows', () => this.model.frozenRows);
  }
  setFrozenRows(n: number): this {
    io(this.ctx, 'setFrozenRows', () => {
      this.model.frozenRows = n;
    });
    return this;
  }
  getFrozenColumns(): number {
    return io(this.ctx, 'getFrozenColumns', () => this.model.frozenColumns);
  }
  setFrozenColumns(n: number): this {
    io(this.ctx, 'setFrozenColumns', () => {
      this.model.frozenColumns = n;
    });
    return this;
  }
  isSheetHidden(): boolean {
    return false;
  }

  appendRow(rowContents: unknown[]): this {
    io(this.ctx, 'appendRow', () => {
      const row = this.model.lastRow() + 1;
      if (row > this.model.maxRows) this.model.maxRows = row;
      if (rowContents.length > this.model.maxColumns) this.model.maxColumns = rowContents.length;
      const entries = rowContents.map((v) => entryFromScript(v, this.ctx.host.workbook.timeZone, false));
      entries.forEach((e, j) => store(this.model, row, j + 1, e));
    });
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    return this.reshape('insertRowsAfter', () => this.model.insertRows(afterPosition, howMany));
  }
  insertRowAfter(afterPosition: number): this {
    return this.reshape('insertRowAfter', () => this.model.insertRows(afterPosition, 1));
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this.reshape('insertRowsBefore', () => this.model.insertRows(beforePosition - 1, howMany));
  }
  insertRowBefore(beforePosition: number): this {
    return this.reshape('insertRowBefore', () => this.model.insertRows(beforePosition - 1, 1));
  }
  deleteRow(rowPosition: number): this {
    return this.deleteRowsAt('deleteRow', rowPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): this {
    return this.deleteRowsAt('deleteRows', rowPosition, howMany);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    return this.reshape('insertColumnsAfter', () => this.model.insertColumns(afterPosition, howMany));
  }
  insertColumnAfter(afterPosition: number): this {
    return this.reshape('insertColumnAfter', () => this.model.insertColumns(afterPosition, 1));
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    return this.reshape('insertColumnsBefore', () => this.model.insertColumns(beforePosition - 1, howMany));
  }
  insertColumnBefore(beforePosition: number): this {
    return this.reshape('insertColumnBefore', () => this.model.insertColumns(beforePosition - 1, 1));
  }
  deleteColumn(columnPosition: number): this {
    return this.reshape('deleteColumn', () => this.model.deleteColumns(columnPosition, 1));
  }
  deleteColumns(columnPosition: number, howMany: number): this {
    return this.reshape('deleteColumns', () => this.model.deleteColumns(columnPosition, howMany));
  }

  clear(): this {
    return this.reshape('clear', () => {
      for (const row of this.model.cells)
        row?.forEach(
          (c) => c && (delete c.value, delete c.formula, delete c.numberFormat, delete c.dateOnly),
        );
    });
  }
  clearContents(): this {
    return this.reshape('clearContents', () => {
      for (const row of this.model.cells)
        row?.forEach((c) => c && (delete c.value, delete c.formula, delete c.dateOnly));
    });
  }

  private deleteRowsAt(method: string, row: number, n: number): this {
    return this.reshape(method, () => {
      if (row < 1 || n < 1 || row + n - 1 > this.model.maxRows) throw new ScriptError(OUTSIDE);
      if (n >= this.model.maxRows - this.model.frozenRows) {
        throw new ScriptError('Sorry, it is not possible to delete all non-frozen rows.');
      }
      this.model.deleteRows(row, n);
    });
  }

  private reshape(method: string, effect: () => void): this {
    io(this.ctx, method, effect);
    return this;
  }
}

/** Stores one parsed value (the cell keeps its note, validation and format). */
export function store(sheet: SheetModel, row: number, col: number, e: Entry): void {
  const c = sheet.cellForWrite(row, col);
  c.value = e.value;
  c.formula = e.formula;
  c.dateOnly = e.dateOnly;
}
