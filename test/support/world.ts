// An end-to-end world: the built bundle on the sandbox runtime, against the Chat emulator.
import { ChatEmulator, perSpaceReading } from '../../sandbox/chat/emulator';
import { VirtualClock } from '../../sandbox/clock';
import { Sandbox, type ExecutionResult, type RunOptions } from '../../sandbox/runtime';
import { headerKey } from '../../src/sheet/headers';
import { bundleSource, manifestSource } from './bundle';

export const ADMIN = 'admin@example.com';

/** The reading of Chat's per-space write quota the emulator enforces, from CHAT_PER_SPACE: `window`, the
 *  limits page's 60 per 60 s; unset (or `interval`), one write a second. Jest runs test/e2e under each
 *  (the projects `per-space=interval` and `per-space=window` of jest.config.js). */
export const PER_SPACE = perSpaceReading(process.env.CHAT_PER_SPACE);

export interface World {
  sb: Sandbox;
  chat: ChatEmulator;
  clock: VirtualClock;
  run(fn: string, opts?: RunOptions): ExecutionResult;
  /** Appends rows (objects keyed by header) below the last row of a tab, typed as a user would. */
  fill(tab: string, rows: Record<string, unknown>[]): void;
  /** The tab's rows as objects keyed by header (display values). */
  rows(tab: string): Record<string, string>[];
  /** Values of one column by header. */
  column(tab: string, header: string): string[];
  /** Types into cells of one row (1-based), by header. */
  set(tab: string, row: number, cells: Record<string, unknown>): void;
}

export interface WorldOptions {
  latency?: Record<string, number>;
  /** Apps Script's daily quotas for this world (default: a Workspace account's). */
  dailyQuotas?: ConstructorParameters<typeof Sandbox>[0]['dailyQuotas'];
  setUp?: boolean;
  /** Start as a copy of this world: its workbook, script properties, triggers, Chat and time. */
  from?: World;
}

export function world(opts: WorldOptions = {}): World {
  const from = opts.from;
  const clock = new VirtualClock(from?.clock.now());
  const chat = from
    ? ChatEmulator.fromJSON(from.chat.toJSON(), { clock, perSpace: from.chat.perSpace })
    : new ChatEmulator({ clock, seed: 7, perSpace: PER_SPACE });
  if (!from) chat.addUser(ADMIN, { displayName: 'Admin' });
  const sb = new Sandbox({
    bundle: bundleSource(),
    manifest: manifestSource(),
    chat,
    clock,
    user: ADMIN,
    spreadsheetId: 'sheet-e2e',
    timeZone: 'Europe/Paris',
    latency: opts.latency,
    dailyQuotas: opts.dailyQuotas,
    // The guard against a runaway script, in wall-clock time: the largest imports take a few seconds of
    // it on an idle machine, several times that on a busy two-core CI runner.
    realTimeoutMs: 90_000,
    // A copy goes on from where the world it copies stands: its Utilities.getUuid must not repeat the
    // ids the original already handed out (Apps Script's never repeat), so its seed is that moment's.
    seed: 3,
    scriptSeed: from ? from.clock.now() % 2 ** 31 : undefined,
    ...(from
      ? {
          workbook: from.sb.workbook.clone(),
          scriptProperties: Object.fromEntries(from.sb.properties.script),
          triggers: from.sb.triggers,
        }
      : {}),
  });
  const w: World = {
    sb,
    chat,
    clock,
    run(fn, o) {
      const r = sb.run(fn, o);
      if (r.outcome === 'error') throw new Error(`${fn} failed: ${r.error}\n${r.logs.join('\n')}`);
      return r;
    },
    fill(tab, rows) {
      const view = sb.workbook.sheet(tab);
      const headers = (view.values[0] ?? []).map((h) => headerKey(h));
      const start = view.values.length + 1;
      const grid = rows.map((r) => {
        const line: unknown[] = headers.map(() => '');
        for (const [k, v] of Object.entries(r)) {
          const i = headers.indexOf(headerKey(k));
          if (i < 0) throw new Error(`${tab} has no column ${k}`);
          line[i] = v;
        }
        return line;
      });
      if (grid.length) sb.workbook.setValues(tab, `A${start}`, grid);
    },
    rows(tab) {
      const view = sb.workbook.sheet(tab);
      const [header, ...data] = view.display;
      return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
    },
    column(tab, header) {
      return w.rows(tab).map((r) => r[header]);
    },
    set(tab, row, cells) {
      const headers = sb.workbook.sheet(tab).values[0] as string[];
      for (const [h, v] of Object.entries(cells)) {
        const col = headers.indexOf(h);
        if (col < 0) throw new Error(`${tab} has no column ${h}`);
        sb.workbook.setValues(tab, `${String.fromCharCode(65 + col)}${row}`, [[v]]);
      }
    },
  };
  if (opts.setUp !== false && !from) w.run('setUpSheets');
  return w;
}
