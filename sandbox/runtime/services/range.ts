import { a1Of, type Rect } from '../a1';
import { type CellValue, displayValue, type Entry, entryFromScript } from '../cell-values';
import { ScriptError } from '../errors';
import { Fake, isCosmeticMethod } from '../realm';
import type { SheetModel, ValidationRule } from '../workbook';
import type { ServiceContext } from './context';
import { FakeDataValidation } from './data-validation';
import { FakeSheet, store } from './sheet';
import { OUTSIDE, io } from './spreadsheet-io';

type Range = GoogleAppsScript.Spreadsheet.Range;

export class FakeRange
  extends Fake
  implements
    Pick<
      Range,
      | 'getRow'
      | 'getColumn'
      | 'getNumRows'
      | 'getNumColumns'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getA1Notation'
      | 'getValues'
      | 'getDisplayValues'
      | 'getValue'
      | 'getDisplayValue'
      | 'getNotes'
      | 'getNote'
      | 'getFormulas'
      | 'getFormula'
    >
{
  readonly className = 'Range';

  override _cosmetic(name: string): boolean {
    return isCosmeticMethod(name);
  }

  constructor(
    private readonly ctx: ServiceContext,
    private readonly sheet: SheetModel,
    private readonly rect: Rect,
  ) {
    super();
  }

  getRow(): number {
    return this.rect.row;
  }
  getColumn(): number {
    return this.rect.col;
  }
  getNumRows(): number {
    return this.rect.numRows;
  }
  getNumColumns(): number {
    return this.rect.numCols;
  }
  getLastRow(): number {
    return this.rect.row + this.rect.numRows - 1;
  }
  getLastColumn(): number {
    return this.rect.col + this.rect.numCols - 1;
  }
  getA1Notation(): string {
    return a1Of(this.rect);
  }
  getSheet(): FakeSheet {
    return new FakeSheet(this.ctx, this.sheet);
  }
  getCell(row: number, column: number): FakeRange {
    if (row < 1 || column < 1 || row > this.rect.numRows || column > this.rect.numCols)
      throw new ScriptError(OUTSIDE);
    return new FakeRange(this.ctx, this.sheet, {
      row: this.rect.row + row - 1,
      col: this.rect.col + column - 1,
      numRows: 1,
      numCols: 1,
    });
  }
  offset(
    rowOffset: number,
    columnOffset: number,
    numRows = this.rect.numRows,
    numColumns = this.rect.numCols,
  ): FakeRange {
    return this.getSheet().getRange(
      this.rect.row + rowOffset,
      this.rect.col + columnOffset,
      numRows,
      numColumns,
    );
  }
  activate(): this {
    io(this.ctx, 'activate', () => {
      this.ctx.host.workbook.activeSheet = this.sheet;
      this.ctx.host.workbook.selection = [{ ...this.rect }];
    });
    return this;
  }

  getValues(): CellValue[][] {
    return io(this.ctx, 'getValues', () => this.grid((r, c) => this.sheet.value(r, c)));
  }
  getValue(): CellValue {
    return io(this.ctx, 'getValue', () => this.sheet.value(this.rect.row, this.rect.col));
  }
  getDisplayValues(): string[][] {
    return io(this.ctx, 'getDisplayValues', () => this.grid((r, c) => this.sheet.display(r, c, this.tz)));
  }
  getDisplayValue(): string {
    return io(this.ctx, 'getDisplayValue', () => this.sheet.display(this.rect.row, this.rect.col, this.tz));
  }
  getFormulas(): string[][] {
    return io(this.ctx, 'getFormulas', () => this.grid((r, c) => this.sheet.cell(r, c)?.formula ?? ''));
  }
  getFormula(): string {
    return io(this.ctx, 'getFormula', () => this.sheet.cell(this.rect.row, this.rect.col)?.formula ?? '');
  }

  setValues(values: unknown[][]): this {
    io(this.ctx, 'setValues', () => {
      this.checkShape(values, 'setValues');
      this.write((i, j) => values[i][j]);
    });
    return this;
  }
  setValue(value: unknown): this {
    io(this.ctx, 'setValue', () => this.write(() => value));
    return this;
  }
  setFormula(formula: string): this {
    io(this.ctx, 'setFormula', () => this.write(() => formula));
    return this;
  }
  setFormulas(formulas: string[][]): this {
    io(this.ctx, 'setFormulas', () => {
      this.checkShape(formulas, 'setFormulas');
      this.write((i, j) => formulas[i][j]);
    });
    return this;
  }

  getNotes(): string[][] {
    return io(this.ctx, 'getNotes', () => this.grid((r, c) => this.sheet.cell(r, c)?.note ?? ''));
  }
  getNote(): string {
    return io(this.ctx, 'getNote', () => this.sheet.cell(this.rect.row, this.rect.col)?.note ?? '');
  }
  setNotes(notes: unknown[][]): this {
    io(this.ctx, 'setNotes', () => {
      this.checkShape(notes, 'setNotes');
      this.each((r, c, i, j) => (this.sheet.cellForWrite(r, c).note = noteText(notes[i][j])));
    });
    return this;
  }
  setNote(note: unknown): this {
    io(this.ctx, 'setNote', () => this.each((r, c) => (this.sheet.cellForWrite(r, c).note = noteText(note))));
    return this;
  }
  clearNote(): this {
    io(this.ctx, 'clearNote', () => this.each((r, c) => delete this.sheet.cellForWrite(r, c).note));
    return this;
  }

  setNumberFormat(format: string): this {
    io(this.ctx, 'setNumberFormat', () =>
      this.each((r, c) => (this.sheet.cellForWrite(r, c).numberFormat = format)),
    );
    return this;
  }
  setNumberFormats(formats: string[][]): this {
    io(this.ctx, 'setNumberFormats', () => {
      this.checkShape(formats, 'setNumberFormats');
      this.each((r, c, i, j) => (this.sheet.cellForWrite(r, c).numberFormat = formats[i][j]));
    });
    return this;
  }

  setDataValidation(rule: FakeDataValidation | null): this {
    io(this.ctx, 'setDataValidation', () => this.each((r, c) => setRule(this.sheet, r, c, rule)));
    return this;
  }
  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    io(this.ctx, 'setDataValidations', () => {
      this.checkShape(rules, 'setDataValidations');
      this.each((r, c, i, j) => setRule(this.sheet, r, c, rules[i][j]));
    });
    return this;
  }
  getDataValidation(): FakeDataValidation | null {
    return io(this.ctx, 'getDataValidation', () => ruleAt(this.sheet, this.rect.row, this.rect.col));
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    return io(this.ctx, 'getDataValidations', () => this.grid((r, c) => ruleAt(this.sheet, r, c)));
  }
  clearDataValidations(): this {
    io(this.ctx, 'clearDataValidations', () =>
      this.each((r, c) => delete this.sheet.cellForWrite(r, c).validation),
    );
    return this;
  }

  clearContent(): this {
    io(this.ctx, 'clearContent', () =>
      this.each((r, c) => {
        const cell = this.sheet.cellForWrite(r, c);
        delete cell.value;
        delete cell.formula;
        delete cell.dateOnly;
      }),
    );
    return this;
  }
  clear(): this {
    io(this.ctx, 'clear', () =>
      this.each((r, c) => {
        const cell = this.sheet.cellForWrite(r, c);
        delete cell.value;
        delete cell.formula;
        delete cell.dateOnly;
        delete cell.numberFormat;
      }),
    );
    return this;
  }

  private get tz(): string {
    return this.ctx.host.workbook.timeZone;
  }

  private grid<T>(f: (row: number, col: number) => T): T[][] {
    const { row, col, numRows, numCols } = this.rect;
    return Array.from({ length: numRows }, (_, i) =>
      Array.from({ length: numCols }, (_, j) => f(row + i, col + j)),
    );
  }

  private each(f: (row: number, col: number, i: number, j: number) => void): void {
    const { row, col, numRows, numCols } = this.rect;
    for (let i = 0; i < numRows; i++) for (let j = 0; j < numCols; j++) f(row + i, col + j, i, j);
  }

  /** A 2-D argument must match the range exactly (Apps Script's messages, for every set…s method). */
  private checkShape(data: unknown, method: string): void {
    if (!Array.isArray(data) || data.some((r) => !Array.isArray(r))) {
      throw new ScriptError(
        `The parameters (${typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    const rows = data as unknown[][];
    const { numRows, numCols } = this.rect;
    if (rows.length !== numRows) {
      throw new ScriptError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${numRows}.`,
      );
    }
    const bad = rows.find((r) => r.length !== numCols);
    if (bad) {
      throw new ScriptError(
        `The number of columns in the data does not match the number of columns in the range. The data has ${bad.length} but the range has ${numCols}.`,
      );
    }
  }

  /** Parses and validates every cell first, so a rejected write changes nothing. */
  private write(valueAt: (i: number, j: number) => unknown): void {
    const pending: [number, number, Entry][] = [];
    this.each((r, c, i, j) => {
      const cell = this.sheet.cell(r, c);
      const entry = entryFromScript(valueAt(i, j), this.tz, cell?.numberFormat === '@');
      checkValidation(cell?.validation, entry, a1Of({ row: r, col: c, numRows: 1, numCols: 1 }), this.tz);
      pending.push([r, c, entry]);
    });
    for (const [r, c, e] of pending) store(this.sheet, r, c, e);
  }
}

function noteText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function checkValidation(rule: ValidationRule | undefined, e: Entry, a1: string, tz: string): void {
  if (!rule || rule.allowInvalid || e.value === '') return;
  let ok = true;
  if (rule.criteria === 'VALUE_IN_LIST') {
    const list = (rule.values[0] as unknown[]).map(String);
    ok = list.includes(displayValue(e, tz));
  } else if (rule.criteria === 'CHECKBOX') {
    ok = typeof e.value === 'boolean';
  }
  if (!ok)
    throw new ScriptError(
      `The data you entered in cell ${a1} violates the data validation rules set on this cell.`,
    );
}

function setRule(sheet: SheetModel, row: number, col: number, rule: FakeDataValidation | null): void {
  const cell = sheet.cellForWrite(row, col);
  if (rule) cell.validation = rule.rule;
  else delete cell.validation;
}

function ruleAt(sheet: SheetModel, row: number, col: number): FakeDataValidation | null {
  const v = sheet.cell(row, col)?.validation;
  return v ? new FakeDataValidation(v) : null;
}
