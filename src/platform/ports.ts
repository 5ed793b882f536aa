// Narrow interfaces over the Apps Script services. The core receives these, so it is plain TypeScript
// that tests can drive with fakes; platform/apps-script.ts implements them with the real services.
import type { MenuEntry } from '../contract/menu';

export type Cell = string | number | boolean | Date;

export interface SheetPort {
  readonly name: string;
  /** Stays the same when the tab is renamed: a tab found by name later is the same tab only if its id is. */
  readonly id: number;
  /** The whole used range in one call (values), and its display values in a second when asked. */
  read(display?: boolean): { values: Cell[][]; display: string[][] | null };
  /** Writes a block at 1-based row/column. */
  write(row: number, column: number, values: Cell[][]): void;
  deleteRows(row: number, count: number): void;
  /** The last row that holds anything (0 for an empty tab) and the header row, in two calls. */
  extent(): { lastRow: number; header: Cell[] };
  setNotes(row: number, column: number, notes: string[][]): void;
  /** Dropdown of `values` on column (1-based) from row 2 down. */
  setDropdown(column: number, values: readonly string[]): void;
  freezeRows(count: number): void;
  /** Number format of column (1-based) from row 2 down (e.g. times shown one way everywhere). */
  setColumnFormat(column: number, format: string): void;
}

export interface WorkbookPort {
  readonly id: string;
  readonly timeZone: string;
  sheet(name: string): SheetPort | null;
  /** The names of every tab, in order. */
  sheetNames(): string[];
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
  /** A self-contained HTML page in the spreadsheet's sidebar. */
  showSidebar(html: string, title: string): void;
  /** Adds a menu to the spreadsheet's menu bar. onOpen calls it as a simple trigger: it must need
   *  nothing but the UI. */
  addMenu(title: string, entries: readonly MenuEntry[]): void;
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

export interface HttpRequest {
  url: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  headers?: Record<string, string>;
  /** JSON text (contentType application/json), a form object, or bytes (a multipart upload: Java's
   *  signed bytes, as a Blob's getBytes gives them). */
  payload?: string | Record<string, string> | number[];
  contentType?: string;
}

export interface HttpResponse {
  code: number;
  text: string;
}

/** UrlFetchApp with exceptions muted: a failed request is a response, never an exception quoting its URL.
 *  Only no answer at all (time-out, DNS) throws; callers redact that message. */
export interface HttpPort {
  fetchAll(requests: HttpRequest[]): HttpResponse[];
}

/** What Drive says of a file, without its content. */
export interface DriveFile {
  id: string;
  name: string;
  /** Bytes (Drive counts 0 for Google Docs, Sheets and Slides files: they have no stored content). */
  size: number;
  mimeType: string;
  trashed: boolean;
}

/** A file's content as Apps Script holds it: a Blob (at most 50 MB; a Google Docs, Sheets or Slides file
 *  comes out as a PDF). The advanced service takes the Blob itself; a REST upload sends its bytes. */
export interface FileContent {
  name: string;
  contentType: string;
  /** Java's signed bytes (-128…127). */
  bytes(): number[];
  /** The Blob, opaque to the core. */
  blob(): object;
}

export type DriveLookup =
  | { ok: true; file: DriveFile }
  /** `missing`: no such file, or one the person may not open (Drive does not say which). */
  | { ok: false; missing: boolean; message: string };

/** DriveApp, as much as attaching a file needs (read only: the drive.readonly scope). */
export interface DrivePort {
  find(id: string): DriveLookup;
  /** Throws Apps Script's error when the file can't be read now (gone since, over 50 MB). */
  content(id: string): FileContent;
}

export interface CachePort {
  get(key: string): string | null;
  put(key: string, value: string, seconds: number): void;
  remove(key: string): void;
}

export interface SignerPort {
  /** RSA-SHA256 signature of `input` with a PEM private key, base64url without padding. */
  rsaSha256(input: string, pemKey: string): string;
  base64url(text: string): string;
}

export interface CalendarPort {
  /** Minutes to add to UTC for local time in `tz` at that instant. */
  offsetMinutes(utcMs: number, tz: string): number;
  /** Utilities.formatDate: a Java SimpleDateFormat pattern. */
  format(date: Date, tz: string, pattern: string): string;
}

export interface LoggerPort {
  log(message: string): void;
}

/** How the current execution started: menu runs may talk to the user, trigger runs never. */
export type RunMode = 'menu' | 'trigger';
