// A whole Env in memory, for engine tests through the ports: a workbook of tabs held as grids, the
// script's properties, cache, lock and triggers, deterministic ids, a logger and a UI that record what
// they were told, and the virtual clock and scripted Chat transport of fake-env.ts.
import { createHash } from 'node:crypto';
import type { TokenResult } from '../../src/auth/app-auth';
import type { MenuEntry } from '../../src/contract/menu';
import type { TabSpec } from '../../src/contract/tabs';
import type { Env } from '../../src/engine/env';
import type {
  CachePort,
  CalendarPort,
  Cell,
  CryptoPort,
  DriveFile,
  DrivePort,
  HttpPort,
  HttpRequest,
  HttpResponse,
  LockPort,
  LoggerPort,
  RunMode,
  SheetPort,
  StorePort,
  TriggerInfo,
  TriggerPort,
  UiPort,
  WorkbookPort,
} from '../../src/platform/ports';
import { FakeAuth, ScriptedChat, VirtualClock } from './fake-env';

/** A tab as a grid of values (row 1 the header); every call is recorded in `calls`. */
export class FakeSheet implements SheetPort {
  /** The sheet calls made, in order: "read", "write 2,12 1x2"… */
  readonly calls: string[] = [];
  /** Runs before each read or write (a person editing between the tool's calls). */
  before: () => void = () => undefined;

  constructor(
    public name: string,
    readonly id: number,
    readonly grid: Cell[][],
  ) {}

  read(display?: boolean): { values: Cell[][]; display: string[][] | null } {
    this.before();
    this.calls.push(display ? 'read+display' : 'read');
    const width = Math.max(0, ...this.grid.map((r) => r.length));
    const values = this.grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
    return { values, display: display ? values.map((r) => r.map(displayOf)) : null };
  }

  write(row: number, column: number, values: Cell[][]): void {
    this.before();
    this.calls.push(`write ${row},${column} ${values.length}x${values[0]?.length ?? 0}`);
    values.forEach((cells, i) => {
      const line = (this.grid[row - 1 + i] ??= []);
      while (line.length < column - 1) line.push('');
      // Sheets takes a leading apostrophe as "keep this text as it is".
      cells.forEach((v, j) => (line[column - 1 + j] = typeof v === 'string' ? v.replace(/^'/, '') : v));
    });
    for (let r = 0; r < row - 1; r++) this.grid[r] ??= [];
  }

  deleteRows(row: number, count: number): void {
    this.calls.push(`deleteRows ${row} ${count}`);
    this.grid.splice(row - 1, count);
  }

  extent(): { lastRow: number; header: Cell[] } {
    return { lastRow: this.grid.length, header: [...(this.grid[0] ?? [])] };
  }

  setNotes(row: number, column: number): void {
    this.calls.push(`setNotes ${row},${column}`);
  }

  setDropdown(column: number): void {
    this.calls.push(`setDropdown ${column}`);
  }

  setColumnFormat(column: number, format: string): void {
    this.calls.push(`setColumnFormat ${column} ${format}`);
  }

  freezeRows(count: number): void {
    this.calls.push(`freezeRows ${count}`);
  }

  /** The tab's rows below the header as objects keyed by header. */
  rows(): Record<string, Cell>[] {
    const header = (this.grid[0] ?? []).map(String);
    return this.grid.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  }
}

const displayOf = (v: Cell): string => (v instanceof Date ? v.toISOString() : String(v));

export class FakeWorkbook implements WorkbookPort {
  readonly id = 'book';
  readonly timeZone = 'UTC';
  readonly sheets = new Map<string, FakeSheet>();
  selected: { sheet: string; rows: number[] } = { sheet: '', rows: [] };
  flushes = 0;
  private nextId = 1;

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  sheet(name: string): SheetPort | null {
    return this.tab(name);
  }

  /** The fake sheet of that name, to inspect or edit. */
  tab(name: string): FakeSheet | null {
    return [...this.sheets.values()].find((s) => s.name === name) ?? null;
  }

  createSheet(name: string): FakeSheet {
    if (this.tab(name)) throw new Error(`A sheet named ${name} already exists`);
    const s = new FakeSheet(name, this.nextId++, []);
    this.sheets.set(`${s.id}`, s);
    return s;
  }

  selection(): { sheet: string; rows: number[] } {
    return this.selected;
  }

  flush(): void {
    this.flushes++;
  }

  /** A tab with the spec's headers (then `extra` ones) and rows given by header. */
  add(spec: TabSpec, rows: Record<string, Cell>[] = [], extra: string[] = []): FakeSheet {
    const header = [...spec.columns.map((c) => c.header), ...extra];
    const s = this.createSheet(spec.name);
    s.grid.push(header, ...rows.map((r) => lineOf(header, r)));
    return s;
  }
}

function lineOf(header: string[], cells: Record<string, Cell>): Cell[] {
  const out: Cell[] = header.map(() => '');
  for (const [h, v] of Object.entries(cells)) {
    const i = header.indexOf(h);
    if (i < 0) throw new Error(`no column ${h}`);
    out[i] = v;
  }
  return out;
}

/** PropertiesService's limit on one value. */
export const PROPERTY_MAX_BYTES = 9 * 1024;

/** Script properties; a value over 9 KB is refused as PropertiesService refuses it. */
export class MemoryStore implements StorePort {
  readonly map = new Map<string, string>();

  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }

  set(key: string, value: string): void {
    if (Buffer.byteLength(value, 'utf8') > PROPERTY_MAX_BYTES) throw new Error('Argument too large: value');
    this.map.set(key, value);
  }

  remove(key: string): void {
    this.map.delete(key);
  }

  keys(): string[] {
    return [...this.map.keys()];
  }
}

export class MemoryCache implements CachePort {
  readonly map = new Map<string, { value: string; until: number }>();

  constructor(private readonly clock: VirtualClock) {}

  get(key: string): string | null {
    const e = this.map.get(key);
    return e && e.until > this.clock.now() ? e.value : null;
  }

  put(key: string, value: string, seconds: number): void {
    this.map.set(key, { value, until: this.clock.now() + seconds * 1000 });
  }

  remove(key: string): void {
    this.map.delete(key);
  }
}

/** The document lock: held by another execution while `heldElsewhere`. */
export class FakeLock implements LockPort {
  heldElsewhere = false;
  held = false;
  readonly calls: string[] = [];

  tryLock(waitMs: number): boolean {
    this.calls.push(`tryLock ${waitMs}`);
    if (this.heldElsewhere) return false;
    this.held = true;
    return true;
  }

  release(): void {
    this.calls.push('release');
    this.held = false;
  }
}

export interface FakeTrigger extends TriggerInfo {
  /** One-off (`after`) or recurring (`every`). */
  kind: 'after' | 'every';
  /** Virtual time a one-off is due; the period in ms of a recurring one. */
  at: number;
}

export class FakeTriggers implements TriggerPort {
  readonly installed: FakeTrigger[] = [];
  /** Every call, in order: "list", "after continueRun 60000", "remove t1"… */
  readonly calls: string[] = [];
  /** A test may make installing fail (ScriptApp's "too many triggers"). */
  refuse: string | null = null;
  private next = 1;

  constructor(private readonly clock: VirtualClock) {}

  list(): TriggerInfo[] {
    this.calls.push('list');
    return this.installed.map((t) => ({ id: t.id, handler: t.handler }));
  }

  after(handler: string, ms: number): void {
    this.calls.push(`after ${handler} ${ms}`);
    if (this.refuse) throw new Error(this.refuse);
    this.installed.push({ id: `t${this.next++}`, handler, kind: 'after', at: this.clock.now() + ms });
  }

  everyMinutes(handler: string, minutes: number): void {
    this.calls.push(`every ${handler} ${minutes}`);
    if (this.refuse) throw new Error(this.refuse);
    this.installed.push({ id: `t${this.next++}`, handler, kind: 'every', at: minutes * 60_000 });
  }

  remove(id: string): void {
    this.calls.push(`remove ${id}`);
    const i = this.installed.findIndex((t) => t.id === id);
    if (i >= 0) this.installed.splice(i, 1);
  }

  /** Installed triggers as "<handler> <kind> <at>", for exact assertions. */
  describe(): string[] {
    return this.installed.map((t) => `${t.id} ${t.handler} ${t.kind} ${t.at}`);
  }
}

/** uuid(): 00000000-0000-4000-8000-000000000001, …002…; sha256Hex: the real digest. */
export class FakeCrypto implements CryptoPort {
  private n = 0;

  uuid(): string {
    return `00000000-0000-4000-8000-${String(++this.n).padStart(12, '0')}`;
  }

  sha256Hex(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }
}

export class FakeLogger implements LoggerPort {
  readonly lines: string[] = [];

  log(message: string): void {
    this.lines.push(message);
  }
}

/** Calendar in UTC only (the fake workbook's time zone): offset 0, SimpleDateFormat's y M d H m s. */
export const utcCalendar: CalendarPort = {
  offsetMinutes: () => 0,
  format(date, tz, pattern) {
    if (tz !== 'UTC') throw new Error(`the fake calendar knows only UTC, not ${tz}`);
    const iso = date.toISOString();
    const parts: Record<string, string> = {
      yyyy: iso.slice(0, 4),
      MM: iso.slice(5, 7),
      dd: iso.slice(8, 10),
      HH: iso.slice(11, 13),
      mm: iso.slice(14, 16),
      ss: iso.slice(17, 19),
    };
    return pattern.replace(/yyyy|MM|dd|HH|mm|ss/g, (t) => parts[t]);
  },
};

export class FakeHttp implements HttpPort {
  readonly requests: HttpRequest[] = [];
  answer: (r: HttpRequest) => HttpResponse = () => ({ code: 200, text: '{}' });

  fetchAll(requests: HttpRequest[]): HttpResponse[] {
    this.requests.push(...requests);
    return requests.map((r) => this.answer(r));
  }
}

/** Records what the person was shown; `confirm` and `prompt` answer from scripted queues (and throw when
 *  a test did not script one, so an unexpected question fails the test). */
export class FakeUi implements UiPort {
  readonly toasts: { message: string; title?: string }[] = [];
  readonly alerts: { title: string; message: string }[] = [];
  readonly asked: string[] = [];
  readonly confirms: boolean[] = [];
  readonly prompts: (string | null)[] = [];
  readonly sidebars: { html: string; title: string }[] = [];
  readonly menus: { title: string; entries: readonly MenuEntry[] }[] = [];

  toast(message: string, title?: string): void {
    this.toasts.push({ message, title });
  }

  alert(title: string, message: string): void {
    this.alerts.push({ title, message });
  }

  confirm(title: string, message: string): boolean {
    this.asked.push(`confirm ${title}: ${message}`);
    const a = this.confirms.shift();
    if (a === undefined) throw new Error(`unscripted confirm: ${title}`);
    return a;
  }

  prompt(title: string, message: string): string | null {
    this.asked.push(`prompt ${title}: ${message}`);
    if (!this.prompts.length) throw new Error(`unscripted prompt: ${title}`);
    return this.prompts.shift()!;
  }

  showSidebar(html: string, title: string): void {
    this.sidebars.push({ html, title });
  }

  addMenu(title: string, entries: readonly MenuEntry[]): void {
    this.menus.push({ title, entries });
  }
}

export interface FakeWorld {
  env: Env;
  clock: VirtualClock;
  chat: ScriptedChat;
  auth: FakeAuth;
  workbook: FakeWorkbook;
  store: MemoryStore;
  cache: MemoryCache;
  lock: FakeLock;
  triggers: FakeTriggers;
  crypto: FakeCrypto;
  logger: FakeLogger;
  http: FakeHttp;
  /** null in trigger mode. */
  ui: FakeUi | null;
  /** Values `random` hands out, in order; 0.5 once they run out. */
  randoms: number[];
  /** Whether the Chat app's key is set up (appConfigured). */
  app: { configured: boolean; installed: number };
}

/** Drive files a test places by id; any other id is one the person can't open. */
export class FakeDrive implements DrivePort {
  readonly files = new Map<string, DriveFile & { bytes?: number[] }>();
  find(id: string): ReturnType<DrivePort['find']> {
    const f = this.files.get(id);
    return f
      ? { ok: true, file: { id: f.id, name: f.name, size: f.size, mimeType: f.mimeType, trashed: f.trashed } }
      : { ok: false, missing: true, message: 'No item with the given ID could be found.' };
  }
  content(id: string): ReturnType<DrivePort['content']> {
    const f = this.files.get(id);
    if (!f) throw new Error('No item with the given ID could be found.');
    const bytes = f.bytes ?? [];
    return { name: f.name, contentType: f.mimeType, bytes: () => bytes, blob: () => ({ bytes }) };
  }
}

export function fakeWorld(opts: { mode?: RunMode; start?: number; user?: string } = {}): FakeWorld {
  const mode = opts.mode ?? 'menu';
  const clock = new VirtualClock(opts.start ?? Date.UTC(2025, 0, 6, 9, 0, 0));
  const chat = new ScriptedChat(clock);
  const auth = new FakeAuth();
  const workbook = new FakeWorkbook();
  const store = new MemoryStore();
  const cache = new MemoryCache(clock);
  const lock = new FakeLock();
  const triggers = new FakeTriggers(clock);
  const crypto = new FakeCrypto();
  const logger = new FakeLogger();
  const http = new FakeHttp();
  const ui = mode === 'menu' ? new FakeUi() : null;
  const randoms: number[] = [];
  const app = { configured: false, installed: 0 };
  const env: Env = {
    mode,
    workbook,
    ui,
    store,
    cache,
    clock,
    lock,
    triggers,
    crypto,
    logger,
    transport: chat,
    userEmail: () => opts.user ?? 'me@example.com',
    random: () => randoms.shift() ?? 0.5,
    http,
    drive: new FakeDrive(),
    calendar: utcCalendar,
    headers: (a) => auth.headers(a),
    invalidate: (a) => auth.invalidate(a),
    appConfigured: () => app.configured,
    urlFetches: () => 0,
    installAppKey(): TokenResult {
      app.installed++;
      app.configured = true;
      return { ok: true, token: 'app-token' };
    },
  };
  return {
    env,
    clock,
    chat,
    auth,
    workbook,
    store,
    cache,
    lock,
    triggers,
    crypto,
    logger,
    http,
    ui,
    randoms,
    app,
  };
}
