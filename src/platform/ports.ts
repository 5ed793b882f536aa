// Narrow interfaces over the Apps Script services. The core receives these, so it is plain TypeScript
// that tests can drive with fakes; platform/apps-script.ts implements them with the real services.

export type Cell = string | number | boolean | Date;

export interface SheetPort {
  readonly name: string;
  /** The whole used range in one call (values), and its display values in a second when asked. */
  read(display?: boolean): { values: Cell[][]; display: string[][] | null };
  /** The header row alone, in one call. */
  header(): Cell[];
  /** Writes a block at 1-based row/column. */
  write(row: number, column: number, values: Cell[][]): void;
  /** Appends rows below the last used row, in one call. */
  append(rows: Cell[][]): void;
  deleteRows(row: number, count: number): void;
  lastRow(): number;
  setNotes(row: number, column: number, notes: string[][]): void;
  /** Dropdown of `values` on column (1-based) from row 2 down. */
  setDropdown(column: number, values: readonly string[]): void;
  freezeRows(count: number): void;
}

export interface WorkbookPort {
  readonly id: string;
  readonly timeZone: string;
  sheet(name: string): SheetPort | null;
  createSheet(name: string): SheetPort;
  /** The active tab and the 1-based row numbers selected on it. */
  selection(): { sheet: string; rows: number[] };
  flush(): void;
}

export interface UiPort {
  toast(message: string, title?: string): void;
  alert(title: string, message: string): void;
  confirm(title: string, message: string): boolean;
  /** null when the user cancels. */
  prompt(title: string, message: string): string | null;
}

export interface StorePort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
}

export interface ClockPort {
  now(): number;
  sleep(ms: number): void;
}

export interface LockPort {
  tryLock(waitMs: number): boolean;
  release(): void;
}

export interface TriggerInfo {
  id: string;
  handler: string;
}

export interface TriggerPort {
  list(): TriggerInfo[];
  after(handler: string, ms: number): void;
  everyMinutes(handler: string, minutes: number): void;
  remove(id: string): void;
}

export interface CryptoPort {
  sha256Hex(text: string): string;
  uuid(): string;
}

export interface LoggerPort {
  log(message: string): void;
}

/** How the current execution started: menu runs may talk to the user, trigger runs never. */
export type RunMode = 'menu' | 'trigger';
