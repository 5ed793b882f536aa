import { splitSheet } from '../a1';
import { ScriptError } from '../errors';
import { Fake, isCosmeticMethod } from '../realm';
import type { SheetModel, Workbook } from '../workbook';
import type { ServiceContext } from './context';
import { FakeDataValidationBuilder } from './data-validation';
import { FakeRange } from './range';
import { FakeSheet } from './sheet';
import { io } from './spreadsheet-io';
import { FakeUi } from './ui';

export class FakeSpreadsheetApp extends Fake {
  readonly className = 'SpreadsheetApp';
  readonly DataValidationCriteria = Object.fromEntries(
    [
      'VALUE_IN_LIST',
      'VALUE_IN_RANGE',
      'CHECKBOX',
      'CUSTOM_FORMULA',
      'NUMBER_BETWEEN',
      'TEXT_IS_VALID_EMAIL',
      'TEXT_IS_VALID_URL',
      'DATE_IS_VALID_DATE',
    ].map((k) => [k, k]),
  );
  readonly BorderStyle = {
    SOLID: 'SOLID',
    DOTTED: 'DOTTED',
    DASHED: 'DASHED',
    SOLID_MEDIUM: 'SOLID_MEDIUM',
    SOLID_THICK: 'SOLID_THICK',
    DOUBLE: 'DOUBLE',
  };
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' };

  constructor(private readonly ctx: ServiceContext) {
    super();
  }

  getActive(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.ctx);
  }
  getActiveSpreadsheet(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.ctx);
  }
  openById(id: string): FakeSpreadsheet {
    if (id !== this.ctx.host.workbook.id)
      throw new ScriptError(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return new FakeSpreadsheet(this.ctx);
  }
  getActiveSheet(): FakeSheet {
    return this.getActive().getActiveSheet();
  }
  getActiveRange(): FakeRange | null {
    return this.getActive().getActiveRange();
  }
  getActiveRangeList(): FakeRangeList | null {
    return this.getActive().getActiveRangeList();
  }
  getSelection(): FakeSelection {
    return this.getActive().getSelection();
  }
  flush(): void {
    io(this.ctx, 'flush', () => undefined);
  }
  getUi(): FakeUi {
    if (this.ctx.exec.mode === 'time')
      throw new ScriptError('Cannot call SpreadsheetApp.getUi() from this context.');
    return new FakeUi(this.ctx);
  }
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder();
  }
}

export class FakeSpreadsheet
  extends Fake
  implements
    Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, 'getId' | 'getName' | 'getUrl' | 'getSpreadsheetTimeZone'>
{
  readonly className = 'Spreadsheet';

  override _cosmetic(name: string): boolean {
    return isCosmeticMethod(name);
  }
  private readonly wb: Workbook;

  constructor(private readonly ctx: ServiceContext) {
    super();
    this.wb = ctx.host.workbook;
  }

  getId(): string {
    return this.wb.id;
  }
  getName(): string {
    return this.wb.name;
  }
  getUrl(): string {
    return this.wb.url;
  }
  getSpreadsheetTimeZone(): string {
    return this.wb.timeZone;
  }
  getSpreadsheetLocale(): string {
    return 'en_US';
  }
  getSheetByName(name: string): FakeSheet | null {
    return io(this.ctx, 'getSheetByName', () => {
      const s = this.wb.find(name);
      return s ? new FakeSheet(this.ctx, s) : null;
    });
  }
  getSheets(): FakeSheet[] {
    return io(this.ctx, 'getSheets', () => this.wb.sheets.map((s) => new FakeSheet(this.ctx, s)));
  }
  getNumSheets(): number {
    return io(this.ctx, 'getNumSheets', () => this.wb.sheets.length);
  }
  insertSheet(name?: string, index?: number): FakeSheet {
    return io(this.ctx, 'insertSheet', () => {
      let sheetName = name;
      if (sheetName === undefined) {
        let n = this.wb.sheets.length + 1;
        while (this.wb.find(`Sheet${n}`)) n++;
        sheetName = `Sheet${n}`;
      }
      if (this.wb.find(sheetName)) {
        throw new ScriptError(
          `A sheet with the name "${sheetName}" already exists. Please enter another name.`,
        );
      }
      const s = this.wb.addSheet(
        sheetName,
        [],
        Math.min(index ?? this.wb.sheets.length, this.wb.sheets.length),
      );
      this.wb.activeSheet = s;
      this.wb.selection = [];
      return new FakeSheet(this.ctx, s);
    });
  }
  deleteSheet(sheet: FakeSheet): void {
    io(this.ctx, 'deleteSheet', () => {
      if (this.wb.sheets.length === 1)
        throw new ScriptError("You can't remove all the sheets in a document.");
      this.wb.sheets.splice(this.wb.sheets.indexOf(sheet.model), 1);
      if (this.wb.activeSheet === sheet.model) this.wb.activeSheet = this.wb.sheets[0];
    });
  }
  getActiveSheet(): FakeSheet {
    return io(
      this.ctx,
      'getActiveSheet',
      () =>
        new FakeSheet(
          this.ctx,
          this.userView ? (this.wb.activeSheet ?? this.firstSheet()) : this.firstSheet(),
        ),
    );
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    return io(this.ctx, 'setActiveSheet', () => {
      this.wb.activeSheet = sheet.model;
      this.wb.selection = [];
      return sheet;
    });
  }
  getActiveRange(): FakeRange | null {
    return this.getActiveRangeList()?.getRanges()[0] ?? null;
  }
  getActiveRangeList(): FakeRangeList | null {
    return io(this.ctx, 'getActiveRangeList', () => {
      const s = this.wb.activeSheet;
      if (!s || !this.userView || this.wb.selection.length === 0) return null;
      return new FakeRangeList(this.wb.selection.map((r) => new FakeRange(this.ctx, s, r)));
    });
  }
  getSelection(): FakeSelection {
    return new FakeSelection(this);
  }
  /** Time-driven executions have no user at a screen: no selection, and the first tab is the active one. */
  private get userView(): boolean {
    return this.ctx.exec.mode !== 'time';
  }
  private firstSheet(): SheetModel {
    const s = this.wb.sheets[0];
    if (!s) throw new Error('sandbox: the spreadsheet has no tabs (a real one always has one)');
    return s;
  }
  getRange(a1: string): FakeRange {
    const { sheet, range } = splitSheet(a1);
    const model = sheet !== undefined ? this.wb.find(sheet) : (this.wb.activeSheet ?? this.firstSheet());
    if (!model) throw new ScriptError(`Range not found`);
    return new FakeSheet(this.ctx, model).getRange(range);
  }
  toast(msg: unknown, title?: unknown, timeoutSeconds?: number): void {
    io(this.ctx, 'toast', () => {
      this.ctx.host.ui.toasts.push({
        message: String(msg),
        title: title === undefined ? '' : String(title),
        timeoutSeconds: timeoutSeconds ?? 5,
        at: this.ctx.host.clock.now(),
        mode: this.ctx.exec.mode,
      });
    });
  }
}

export class FakeSelection extends Fake {
  readonly className = 'Selection';
  constructor(private readonly ss: FakeSpreadsheet) {
    super();
  }
  getActiveRangeList(): FakeRangeList | null {
    return this.ss.getActiveRangeList();
  }
  getActiveRange(): FakeRange | null {
    return this.ss.getActiveRange();
  }
  getActiveSheet(): FakeSheet {
    return this.ss.getActiveSheet();
  }
  getCurrentCell(): FakeRange | null {
    const r = this.ss.getActiveRange();
    return r ? r.getCell(1, 1) : null;
  }
}

export class FakeRangeList extends Fake {
  readonly className = 'RangeList';
  constructor(private readonly ranges: FakeRange[]) {
    super();
  }
  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
}
