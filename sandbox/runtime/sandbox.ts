import vm from 'node:vm';
import type { ChatBackend } from '../chat/contract';
import { VirtualClock } from '../clock';
import { DEFAULT_LATENCY, type Latency } from './costs';
import { CutOffError } from './errors';
import { Execution, type Outcome, type TriggerMode } from './execution';
import { appsScriptGlobals } from './globals';
import { Membrane, createRealm } from './realm';
import { DAILY_QUOTAS, DailyUsage, QUOTA_ERRORS, type Account, type DailyQuotas } from './quotas';
import { clockHost } from './script-clock';
import { CacheStores } from './services/cache';
import { DriveFiles } from './services/drive';
import type { HostState } from './services/context';
import { LockTable } from './services/lock';
import { PropertyStores } from './services/properties';
import { type TriggerRecord, TriggerTable } from './services/script-app';
import { FakeSpreadsheet } from './services/spreadsheet';
import { ScriptedUi } from './services/ui';
import { HttpRegistry } from './services/url-fetch';
import { wallTime } from './time-zones';
import { Workbook } from './workbook';

export interface SandboxOptions {
  /** The script: dist/Code.js's text, or any source defining global functions. */
  bundle: string;
  /** The Chat emulator. Without it, Chat calls and chat.googleapis.com fetches fail with a clear error. */
  chat?: ChatBackend;
  clock?: VirtualClock;
  /** The person running the script (Session, ScriptApp.getOAuthToken). */
  user?: string;
  /** Whether that person is a Google Workspace administrator with Chat's "Manage Chat and spaces
   *  conversations" privilege (what `useAdminAccess=true` needs). Default: yes, unless the Chat backend was
   *  already told they are not (`chat.setAdmin(user, false)` before, or a restored state). */
  admin?: boolean;
  /** The script's manifest (appsscript.json, parsed or as text). Its `oauthScopes` are what the user's
   *  OAuth token holds — `ScriptApp.getOAuthToken()` and the Advanced Chat service alike — and the Chat
   *  emulator refuses a call that needs another scope. Without a manifest, or without `oauthScopes` in it
   *  (Apps Script then detects the scopes from the code), the token is not restricted. */
  manifest?: AppsScriptManifest | string;
  /** The spreadsheet's and the script's time zone. */
  timeZone?: string;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** The tabs the spreadsheet starts with, typed in as a user would (strings parsed). Default: an
   *  empty `Sheet1`, like a new Google spreadsheet. */
  sheets?: Record<string, unknown[][]>;
  /** Start from this workbook (e.g. another sandbox's `workbook.clone()`) instead of `sheets`. */
  workbook?: Workbook;
  /** Script properties to start with. */
  scriptProperties?: Record<string, string>;
  /** Installed triggers to start with (e.g. another sandbox's `triggers`). */
  triggers?: readonly TriggerRecord[];
  latency?: Partial<Latency>;
  /** Seeds Math.random and Utilities.getUuid. */
  seed?: number;
  /** Seeds Math.random and Utilities.getUuid alone (default: seed): a copy of a sandbox that goes on
   *  from where another stands takes a seed of its own, so that its ids don't repeat the other's. */
  scriptSeed?: number;
  /** Real-time guard against runaway loops in the script (ms of wall clock per execution). */
  realTimeoutMs?: number;
  /** Whose daily quotas apply (quotas.ts): `workspace` (the default — the Chat API needs Google Workspace)
   *  or `consumer`. */
  account?: Account;
  /** Overrides of single daily quotas (e.g. a small URL fetch quota for a test). */
  dailyQuotas?: Partial<DailyQuotas>;
  /** One-off triggers (`after`, `at`) fire at or after their time: each is late with probability `share` by
   *  up to `maxMs` (uniform), from a generator seeded by `seed`. Default `{ share: 0.5, maxMs: 60_000 }`;
   *  `false` makes them punctual. */
  lateTriggers?: { share: number; maxMs: number } | false;
}

/** The part of appsscript.json the sandbox reads. */
export interface AppsScriptManifest {
  oauthScopes?: string[];
  [field: string]: unknown;
}

/** The manifest's explicit `oauthScopes`, checked; undefined when it names none. */
function manifestScopes(manifest: AppsScriptManifest | string | undefined): string[] | undefined {
  if (manifest === undefined) return undefined;
  let m: unknown = manifest;
  if (typeof manifest === 'string') {
    try {
      m = JSON.parse(manifest);
    } catch (e) {
      throw new Error(`sandbox: the manifest is not JSON (${(e as Error).message})`, { cause: e });
    }
  }
  const scopes = (m as AppsScriptManifest | null)?.oauthScopes;
  if (scopes === undefined) return undefined;
  if (!Array.isArray(scopes) || !scopes.every((x) => typeof x === 'string'))
    throw new Error("sandbox: the manifest's oauthScopes must be an array of scope URLs");
  return [...scopes];
}

export interface RunOptions {
  /** How the function is started: a menu click (default), the onOpen simple trigger, or a time trigger. */
  trigger?: TriggerMode;
  /** The event object passed to the function (a default one is made for simple and time triggers). */
  event?: Record<string, unknown>;
  /** Cut the execution off after this many counted service calls (call N takes effect, N+1 doesn't). */
  cutAfterCalls?: number;
  /** The virtual time limit (Apps Script: 6 minutes; 30 seconds for simple triggers). */
  timeLimitMs?: number;
  /** A person's edit (or anything host-side) before counted service call `k` of this execution starts:
   *  people keep working in the spreadsheet while a run works. */
  beforeCall?: (k: number, kind: string) => void;
}

export interface ExecutionResult {
  fn: string;
  trigger: TriggerMode;
  outcome: Outcome;
  /** `Name: message` of the uncaught error (or of the cut-off). */
  error?: string;
  returned?: unknown;
  startedAt: number;
  elapsedMs: number;
  /** Counted service calls by kind, e.g. `SpreadsheetApp.getValues`, `Chat.spaces.create`. */
  calls: Record<string, number>;
  totalCalls: number;
  sheetDataCalls: number;
  logs: string[];
  /** For trigger executions: the trigger that fired. */
  triggerId?: string;
}

const SIX_MINUTES = 6 * 60 * 1000;
/** Simple triggers "cannot run for longer than 30 seconds"
 *  (https://developers.google.com/apps-script/guides/triggers#restrictions). */
const SIMPLE_TRIGGER_LIMIT = 30 * 1000;
const LATE_TRIGGERS = { share: 0.5, maxMs: 60_000 };

// Compiling the bundle costs more than running it: sandboxes of the same script share one compilation
// (a vm.Script runs in any context). Only the latest few scripts are kept.
const scripts = new Map<string, vm.Script>();
function compiled(source: string): vm.Script {
  let script = scripts.get(source);
  if (!script) {
    script = new vm.Script(source, { filename: 'Code.js' });
    if (scripts.size >= 4) scripts.delete(scripts.keys().next().value!);
    scripts.set(source, script);
  }
  return script;
}

/** A small deterministic PRNG (mulberry32): reproducible runs from a seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A local Apps Script V8 runtime: each `run` loads the script into a fresh context (globals only, no
 * Node APIs), while the workbook, properties, cache, locks, triggers, clock and Chat live here and
 * survive between executions.
 */
export class Sandbox {
  readonly clock: VirtualClock;
  readonly workbook: Workbook;
  readonly ui = new ScriptedUi();
  readonly properties = new PropertyStores();
  readonly cache = new CacheStores();
  readonly locks = new LockTable();
  readonly http = new HttpRegistry();
  /** The Drive files the script's DriveApp finds: `sb.drive.addFile({name, mimeType, content | size,
   *  readers})` → `{id, url}`. */
  readonly drive = new DriveFiles();
  readonly logs: string[] = [];
  /** Every execution so far, in order. */
  readonly executions: ExecutionResult[] = [];
  /** What the user has used of Apps Script's daily quotas (quotas.ts). */
  readonly usage: DailyUsage;
  private readonly triggerTable = new TriggerTable();
  private readonly host: HostState;
  private latency: Latency;
  private readonly script: vm.Script;
  private readonly realTimeoutMs: number;

  constructor(options: SandboxOptions) {
    this.clock = options.clock ?? new VirtualClock();
    const timeZone = options.timeZone ?? 'Europe/Paris';
    if (options.workbook) this.workbook = options.workbook;
    else {
      this.workbook = new Workbook(
        options.spreadsheetId ?? '1sandboxSpreadsheetId',
        options.spreadsheetName ?? 'Sandbox',
        timeZone,
      );
      for (const [name, rows] of Object.entries(options.sheets ?? { Sheet1: [] }))
        this.workbook.addSheet(name, rows);
    }
    for (const [k, v] of Object.entries(options.scriptProperties ?? {})) this.properties.script.set(k, v);
    this.triggerTable.restore(options.triggers ?? []);
    this.latency = { ...DEFAULT_LATENCY, ...options.latency };
    this.script = compiled(options.bundle);
    this.realTimeoutMs = options.realTimeoutMs ?? 20_000;
    this.usage = new DailyUsage(
      { ...DAILY_QUOTAS[options.account ?? 'workspace'], ...options.dailyQuotas },
      () => this.clock.now(),
    );
    const late = options.lateTriggers === undefined ? LATE_TRIGGERS : options.lateTriggers;
    // A generator of its own, so trigger delays never shift the script's Math.random sequence.
    const lateness = seededRandom(((options.seed ?? 1) ^ 0x5bd1e995) >>> 0);
    this.host = {
      clock: this.clock,
      workbook: this.workbook,
      ui: this.ui,
      properties: this.properties,
      cache: this.cache,
      locks: this.locks,
      triggers: this.triggerTable,
      http: this.http,
      drive: this.drive,
      chat: options.chat,
      user: options.user ?? 'ada@example.com',
      scopes: manifestScopes(options.manifest),
      timeZone,
      random: seededRandom(options.scriptSeed ?? options.seed ?? 1),
      logs: this.logs,
      usage: this.usage,
      triggerDelay: () => (late && lateness() < late.share ? Math.floor(lateness() * (late.maxMs + 1)) : 0),
    };
    options.chat?.registerRunner?.(this.host.user, { admin: options.admin });
  }

  /** The installed triggers (read-only view). */
  get triggers(): readonly TriggerRecord[] {
    return this.triggerTable.list;
  }

  get user(): string {
    return this.host.user;
  }

  /** Selects a range (A1 or [row, col, numRows?, numCols?]) on a tab and makes the tab active. */
  selectRange(sheetName: string, where: string | [number, number, number?, number?]): void {
    this.workbook.select(sheetName, where);
  }

  /** Changes how long calls take from the next execution on (Chat or the network got faster or slower). */
  setLatency(latency: Partial<Latency>): void {
    this.latency = { ...this.latency, ...latency };
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  advanceTo(date: Date | number): void {
    this.clock.set(typeof date === 'number' ? date : date.getTime());
  }

  /** Runs one execution of a global function. */
  run(fn: string, options: RunOptions = {}): ExecutionResult {
    return this.execute(fn, options);
  }

  /** Fires every trigger due now, in time order, as time-driven executions (each cut off as `limits` say). */
  runDueTriggers(
    limits: Pick<RunOptions, 'cutAfterCalls' | 'timeLimitMs' | 'beforeCall'> = {},
  ): ExecutionResult[] {
    const results: ExecutionResult[] = [];
    for (const t of this.triggerTable.due(this.clock.now())) {
      if (!this.triggerTable.find(t.id)) continue; // deleted by an earlier execution in this batch
      results.push(this.fire(t, limits));
    }
    return results;
  }

  /**
   * Advances to each next due trigger and fires it until no one-off trigger is waiting to fire (recurring
   * ones alone don't keep it going), or a limit is reached.
   */
  runUntilIdle(limits: { maxExecutions?: number; maxMs?: number } = {}): ExecutionResult[] {
    const maxExecutions = limits.maxExecutions ?? 100;
    const until = this.clock.now() + (limits.maxMs ?? 24 * 3600_000);
    const results: ExecutionResult[] = [];
    while (results.length < maxExecutions) {
      const due = this.triggerTable.due(this.clock.now());
      if (due.length > 0) {
        results.push(this.fire(due[0]));
        continue;
      }
      if (!this.triggerTable.pendingOnce.length) break;
      const next = Math.min(...this.triggerTable.list.filter((t) => !t.spent).map((t) => t.nextAt));
      if (next > until) break;
      this.clock.set(Math.max(next, this.clock.now()));
    }
    return results;
  }

  private fire(
    t: TriggerRecord,
    limits: Pick<RunOptions, 'cutAfterCalls' | 'timeLimitMs' | 'beforeCall'> = {},
  ): ExecutionResult {
    const event = timeDrivenEvent(t.id, this.clock.now());
    const result = this.execute(t.handler, { ...limits, trigger: 'time', event }, t.id);
    this.triggerTable.fired(t.id, this.clock.now());
    return result;
  }

  private execute(fn: string, options: RunOptions, triggerId?: string): ExecutionResult {
    const mode = options.trigger ?? 'menu';
    let timeLimitMs = options.timeLimitMs ?? (mode === 'simple' ? SIMPLE_TRIGGER_LIMIT : SIX_MINUTES);
    let limitError: (() => CutOffError) | undefined;
    // Trigger executions (time-driven and simple) spend the day's "Triggers total runtime": one that starts
    // with nothing left fails at once; one that would run past what is left ends there.
    const triggered = mode === 'time' || mode === 'simple';
    if (triggered) {
      this.usage.add('triggerRuntimeMs', 0); // the quota's day starts with the first trigger execution
      const left = this.usage.remaining('triggerRuntimeMs');
      if (left <= 0) return this.refused(fn, mode, QUOTA_ERRORS.triggerRuntimeMs(), triggerId);
      if (left < timeLimitMs) {
        timeLimitMs = left;
        limitError = () => {
          const e = QUOTA_ERRORS.triggerRuntimeMs();
          return new CutOffError(e.message, e.scriptName);
        };
      }
    }
    const exec = new Execution(this.clock, this.latency, mode, {
      timeLimitMs,
      limitError,
      cutAfterCalls: options.cutAfterCalls,
      beforeCall: options.beforeCall,
    });
    const realm = createRealm(
      clockHost(
        () => this.clock.now(),
        () => this.host.random(),
        this.host.timeZone,
      ),
    );
    const membrane = new Membrane(realm, () => exec.assertAlive());
    const ctx = { host: this.host, exec, membrane };
    const global = realm.context as Record<string, unknown>;
    for (const [name, fake] of Object.entries(appsScriptGlobals(ctx)))
      global[name] = membrane.toContext(fake);

    let outcome: Outcome = 'ok';
    let error: string | undefined;
    let returned: unknown;
    try {
      this.script.runInContext(realm.context, { timeout: this.realTimeoutMs });
      if (typeof global[fn] !== 'function') throw new Error(`Script function not found: ${fn}`);
      global.__sandboxEvent = membrane.toContext(options.event ?? this.defaultEvent(mode, ctx));
      returned = vm.runInContext(INVOKE(fn), realm.context, { timeout: this.realTimeoutMs });
      // Microtasks have drained: an async entry point has settled unless it awaits something that never comes.
      const settled = global.__sandboxSettled as { ok: boolean; value: unknown } | undefined;
      if (settled && !settled.ok) throw settled.value;
      if (settled) returned = settled.value;
    } catch (e) {
      outcome = 'error';
      error = describe(e);
    } finally {
      this.locks.releaseAll(exec.id);
    }
    if (triggered) this.usage.add('triggerRuntimeMs', exec.elapsedMs);
    if (exec.ended) {
      outcome = exec.ended;
      const end = exec.endError ?? new CutOffError();
      error ??= `${end.scriptName}: ${end.message}`;
    }
    const result: ExecutionResult = {
      fn,
      trigger: mode,
      outcome,
      ...(error !== undefined ? { error } : {}),
      returned,
      startedAt: exec.startedAt,
      elapsedMs: exec.elapsedMs,
      calls: { ...exec.calls },
      totalCalls: exec.totalCalls,
      sheetDataCalls: exec.sheetDataCalls,
      logs: [...exec.logs],
      ...(triggerId ? { triggerId } : {}),
    };
    this.executions.push(result);
    return result;
  }

  /** An execution Apps Script refuses before the function runs (a spent daily quota). */
  private refused(fn: string, mode: TriggerMode, e: Error & { scriptName?: string }, triggerId?: string) {
    const result: ExecutionResult = {
      fn,
      trigger: mode,
      outcome: 'error',
      error: `${e.scriptName ?? 'Error'}: ${e.message}`,
      returned: undefined,
      startedAt: this.clock.now(),
      elapsedMs: 0,
      calls: {},
      totalCalls: 0,
      sheetDataCalls: 0,
      logs: [],
      ...(triggerId ? { triggerId } : {}),
    };
    this.executions.push(result);
    return result;
  }

  private defaultEvent(
    mode: TriggerMode,
    ctx: ConstructorParameters<typeof FakeSpreadsheet>[0],
  ): Record<string, unknown> {
    if (mode === 'simple')
      return { authMode: 'LIMITED', source: new FakeSpreadsheet(ctx), user: { email: '' } };
    if (mode === 'time') return timeDrivenEvent('0', this.clock.now());
    return {};
  }
}

/** Calls the entry point with the event; an async one reports how its promise settled. */
const INVOKE = (fn: string) => `(function (e) {
  delete globalThis.__sandboxEvent;
  var r = globalThis[${JSON.stringify(fn)}](e);
  if (r && typeof r.then === 'function') {
    r.then(function (v) { globalThis.__sandboxSettled = { ok: true, value: v }; },
      function (x) { globalThis.__sandboxSettled = { ok: false, value: x }; });
  }
  return r;
})(globalThis.__sandboxEvent)`;

/** The event Apps Script passes to a time-driven trigger (UTC fields, as documented). */
function timeDrivenEvent(triggerUid: string, now: number): Record<string, unknown> {
  const w = wallTime(now, 'UTC');
  const jan1 = Date.UTC(w.year, 0, 1);
  return {
    authMode: 'FULL',
    triggerUid,
    year: w.year,
    month: w.month,
    'day-of-month': w.day,
    'day-of-week': w.weekday === 0 ? 7 : w.weekday,
    'week-of-year': Math.ceil(((now - jan1) / 86400000 + new Date(jan1).getUTCDay() + 1) / 7),
    hour: w.hour,
    minute: w.minute,
    second: w.second,
    timezone: 'UTC',
  };
}

function describe(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) {
    const err = e as { name?: string; message: string };
    return `${err.name ?? 'Error'}: ${err.message}`;
  }
  return String(e);
}
