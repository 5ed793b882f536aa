// `npm run bench`: bulk workloads on the local Apps Script runtime with its default latency model, for the
// built bundle and for a naive script (bench/naive.ts) on the same runtime, against the Chat emulator with
// its default limits. Prints virtual time, executions, SpreadsheetApp data calls per 100 rows, 429s,
// duplicates, the lower bound Chat's limits allow (bench/lower-bound.ts) and the ratio to it.
//
// Chat's per-space write quota has two readings (sandbox/chat/rate-limits.ts): `interval`, one write a
// second, and `window`, 60 writes per 60 seconds. `--per-space interval|window|both` (default both) runs
// every workload against an emulator enforcing that reading and compares it with that reading's bound.
// The 1.25× check applies to `interval`, the reading the product's pacer is built for; under `window` the
// bound assumes a client that bursts a space's minute at once, so its ratio shows what bursting could gain.
import * as fs from 'fs';
import * as path from 'path';
import {
  ChatEmulator,
  PER_SPACE_READINGS,
  perSpaceReading,
  type Limits,
  type PerSpaceReading,
} from '../sandbox/chat/emulator';
import { VirtualClock } from '../sandbox/clock';
import { Sandbox, type ExecutionResult } from '../sandbox/runtime';
import { DEFAULT_LATENCY } from '../sandbox/runtime/costs';
import { MEMBERS, MESSAGES, SPACES, LOG, WEBHOOKS, type TabSpec } from '../src/contract/tabs';
import { importBoundMs } from './import-bound';
import { IMPORT_NAME, measureImport } from './imports';
import { lowerBoundMs, type Write } from './lower-bound';
import { NAIVE_SCRIPT } from './naive';

const ROOT = path.resolve(__dirname, '..');
const ADMIN = 'admin@example.com';

type Rows = Record<string, string>[];

interface Workload {
  name: string;
  ours: string;
  /** The baseline script's function, for workloads of one tab that Google's samples do. */
  naive?: string;
  /** Chat as it is before the run: the spaces the rows refer to, the people they add. */
  prepare(chat: ChatEmulator, clock: VirtualClock): string[];
  /** The rows of each tab the workload fills (the Webhooks tab's URLs registered in `chat`). */
  sheets(spaces: string[], chat: ChatEmulator): [TabSpec, Rows][];
  writes(spaces: string[]): Write[];
  /** What exists in Chat afterwards for this workload, by the row key each thing came from. */
  made(chat: ChatEmulator, spaces: string[]): string[];
}

function makeSpaces(chat: ChatEmulator, clock: VirtualClock, n: number): string[] {
  const token = chat.userToken(ADMIN);
  return Array.from({ length: n }, (_, i) => {
    clock.advance(2000); // within the creation quota
    const r = chat.call({
      method: 'chat.spaces.create',
      params: {},
      body: { spaceType: 'SPACE', displayName: `Team ${i}` },
      authorization: `Bearer ${token}`,
    });
    return (r.body as { name: string }).name;
  });
}

const interleaved = (n: number, spaces: number) => Array.from({ length: n }, (_, i) => i % spaces);

function messages(n: number, s: number): Workload {
  return {
    name: `${n.toLocaleString('en')} messages to ${s} spaces`,
    ours: 'sendMessages',
    naive: 'naiveMessages',
    prepare: (chat, clock) => makeSpaces(chat, clock, s),
    sheets: (spaces) => [
      [MESSAGES, interleaved(n, s).map((k, i) => ({ Key: `m${i}`, Space: spaces[k], Text: `Note ${i}` }))],
    ],
    writes: (spaces) => interleaved(n, s).map((k) => ({ space: spaces[k], kind: 'message' })),
    made: (chat, spaces) => spaces.flatMap((sp) => chat.messages(sp).map((m) => String(m.text))),
  };
}

function memberAdds(n: number, s: number): Workload {
  return {
    name: `${n} member adds across ${s} spaces`,
    ours: 'syncMembers',
    naive: 'naiveMembers',
    prepare(chat, clock) {
      for (let i = 0; i < n; i++) chat.addUser(`person${i}@example.com`);
      return makeSpaces(chat, clock, s);
    },
    sheets: (spaces) => [
      [MEMBERS, interleaved(n, s).map((k, i) => ({ Space: spaces[k], Member: `person${i}@example.com` }))],
    ],
    writes: (spaces) => interleaved(n, s).map((k) => ({ space: spaces[k], kind: 'membership' })),
    made: (chat, spaces) =>
      spaces.flatMap((sp) =>
        chat
          .members(sp)
          .map((m) => String((m.member as { name?: string } | undefined)?.name))
          .filter((name) => name !== chat.userName(ADMIN)),
      ),
  };
}

function spaces(n: number): Workload {
  return {
    name: `${n} spaces`,
    ours: 'syncSpaces',
    naive: 'naiveSpaces',
    prepare: () => [],
    sheets: () => [[SPACES, cohortSpaces(n)]],
    writes: () => Array.from({ length: n }, () => ({ space: null, kind: 'space', creation: true })),
    made: (chat) => chat.spaces().map((sp) => String(sp.displayName)),
  };
}

const cohortSpaces = (n: number): Rows =>
  Array.from({ length: n }, (_, i) => ({ Key: `s${i}`, 'Display name': `Cohort ${i}` }));

/** Onboarding a cohort in one Run all: `n` new spaces, `m` members and `k` welcome messages (one thread)
 *  each. A space's members and messages depend on its creation (see lower-bound.ts). */
function cohort(n: number, m: number, k: number): Workload {
  const each = <T>(count: number, f: (space: number, i: number) => T) =>
    Array.from({ length: n }, (_, sp) => Array.from({ length: count }, (_, i) => f(sp, i))).flat();
  return {
    name: `cohort: ${n} spaces × ${m} members × ${k} messages`,
    ours: 'runAll',
    prepare(chat) {
      for (let i = 0; i < n * m; i++) chat.addUser(`person${i}@example.com`);
      return [];
    },
    sheets: () => [
      [SPACES, cohortSpaces(n)],
      [MEMBERS, each(m, (sp, i) => ({ Space: `s${sp}`, Member: `person${sp * m + i}@example.com` }))],
      [
        MESSAGES,
        each(k, (sp, i) => ({
          Key: `w${sp}-${i}`,
          Space: `s${sp}`,
          Text: `Welcome ${i}`,
          'Thread key': 'welcome',
        })),
      ],
    ],
    writes: () => [
      ...Array.from({ length: n }, (): Write => ({ space: null, kind: 'space', creation: true })),
      ...each(m, (sp): Write => ({ space: `new:${sp}`, kind: 'membership', after: sp })),
      ...each(k, (sp): Write => ({ space: `new:${sp}`, kind: 'message', after: sp })),
    ],
    made: (chat) =>
      chat
        .spaces()
        .flatMap((sp) => [
          String(sp.displayName),
          ...chat
            .members(String(sp.name))
            .map((x) => `${String(sp.name)} ${String((x.member as { name?: string } | undefined)?.name)}`),
          ...chat.messages(String(sp.name)).map((x) => `${String(sp.name)} ${String(x.text)}`),
        ]),
  };
}

/** `n` posts through `h` incoming webhooks (one per space), their URLs pasted on the Webhooks tab. */
function webhookPosts(n: number, h: number): Workload {
  return {
    name: `${n.toLocaleString('en')} posts through ${h} webhooks`,
    ours: 'sendMessages',
    prepare: (chat, clock) => makeSpaces(chat, clock, h),
    sheets: (spaces, chat) => [
      [WEBHOOKS, spaces.map((sp, i) => ({ Alias: `h${i}`, URL: chat.createWebhook(sp, `h${i}`) }))],
      [MESSAGES, interleaved(n, h).map((k, i) => ({ Key: `p${i}`, Webhook: `h${k}`, Text: `Post ${i}` }))],
    ],
    writes: (spaces) => interleaved(n, h).map((k) => ({ space: spaces[k], kind: 'message' })),
    made: (chat, spaces) => spaces.flatMap((sp) => chat.messages(sp).map((m) => String(m.text))),
  };
}

const WORKLOADS: Workload[] = [
  messages(1000, 50),
  messages(2000, 20),
  memberAdds(500, 10),
  spaces(100),
  cohort(10, 5, 3),
  cohort(100, 10, 5),
  webhookPosts(1000, 20),
];

interface Figures {
  ms: number;
  executions: number;
  dataCallsPer100: number;
  throttled: number;
  duplicates: number;
  unfinished: number;
}

/** One workload from a click to the end of its last execution (continuations, or a user clicking again). */
function measure(
  w: Workload,
  bundle: string,
  fn: string,
  again: boolean,
  perSpace: PerSpaceReading,
): Figures {
  const clock = new VirtualClock(new Date('2026-11-23T09:00:00Z'));
  const chat = new ChatEmulator({ clock, seed: 5, perSpace });
  chat.addUser(ADMIN, { displayName: 'Admin' });
  const made = w.prepare(chat, clock);
  const tabs = w.sheets(made, chat);
  const header = (t: TabSpec) => t.columns.map((c) => c.header);
  const grid = (t: TabSpec, rows: Rows) => [header(t), ...rows.map((r) => header(t).map((h) => r[h] ?? ''))];
  const rows = tabs.reduce((n, [, r]) => n + r.length, 0);
  const left = () => tabs.flatMap(([t]) => statusColumn(sb, t)).filter((s) => s !== 'DONE').length;
  const sb = new Sandbox({
    bundle,
    chat,
    clock,
    user: ADMIN,
    spreadsheetId: 'bench',
    sheets: { ...Object.fromEntries(tabs.map(([t, r]) => [t.name, grid(t, r)])), Log: [header(LOG)] },
    seed: 1,
    realTimeoutMs: 600_000,
  });
  clock.advance(120_000); // the set-up's writes are out of every rate window
  const start = clock.now();
  const runs: ExecutionResult[] = [sb.run(fn)];
  for (;;) {
    runs.push(...sb.runUntilIdle({ maxExecutions: 20 }));
    if (!again || !left() || runs.length >= 20) break;
    runs.push(sb.run(fn));
  }
  const end = Math.max(...runs.map((r) => r.startedAt + r.elapsedMs));
  const things = w.made(chat, made);
  const failed = runs.find((r) => r.outcome === 'error');
  if (failed) throw new Error(`${fn}: ${failed.error}`);
  return {
    ms: end - start,
    executions: runs.length,
    dataCallsPer100: (runs.reduce((n, r) => n + r.sheetDataCalls, 0) / rows) * 100,
    throttled: chat.stats.throttled,
    duplicates: things.length - new Set(things).size,
    unfinished: left(),
  };
}

function statusColumn(sb: Sandbox, tab: TabSpec): string[] {
  const values = sb.workbook.sheet(tab.name).values;
  const col = values[0].indexOf('Status');
  return values.slice(1).map((r) => String(r[col] ?? ''));
}

/** `--baseline FILE`: another build of the bundle (an earlier version), measured in the same run. */
function baselineBundle(argv: string[]): { file: string; source: string } | null {
  const at = argv.indexOf('--baseline');
  if (at < 0) return null;
  const file = argv[at + 1];
  if (!file || !fs.existsSync(file)) {
    console.error(`--baseline needs the path of a built Code.js (${file ?? 'none given'} is not one).`);
    process.exit(2);
  }
  return { file, source: fs.readFileSync(file, 'utf8') };
}

/** `--per-space interval|window|both`: the readings to run under (both by default). */
function readings(argv: string[]): PerSpaceReading[] {
  const at = argv.indexOf('--per-space');
  const value = at < 0 ? 'both' : argv[at + 1];
  if (value === 'both') return ['interval', 'window'];
  try {
    return [perSpaceReading(value)];
  } catch {
    console.error(`--per-space takes interval, window or both (not ${value ?? 'nothing'}).`);
    process.exit(2);
  }
}

/** `--only WORDS`: the workloads whose name contains WORDS (all when not given). */
function chosen(argv: string[]): (name: string) => boolean {
  const at = argv.indexOf('--only');
  const words = at < 0 ? '' : (argv[at + 1] ?? '');
  return (name) => name.includes(words);
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** One line of the table: a workload as one bundle did it, against its bound. */
function figuresRow(
  name: string,
  reading: string,
  who: string,
  f: Pick<Figures, 'ms' | 'executions' | 'dataCallsPer100' | 'throttled' | 'duplicates'> & {
    notDone: number;
  },
  bound: number,
): string[] {
  return [
    name,
    reading,
    who,
    seconds(f.ms),
    String(f.executions),
    f.dataCallsPer100.toFixed(1),
    String(f.throttled),
    String(f.duplicates),
    String(f.notDone),
    seconds(bound),
    (f.ms / bound).toFixed(2),
  ];
}

/** A baseline build that has no imports yet is left out of the import rows. */
function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

function main(): void {
  const bundle = fs.readFileSync(path.join(ROOT, 'dist/Code.js'), 'utf8');
  const argv = process.argv.slice(2);
  const baseline = baselineBundle(argv);
  const perSpace = readings(argv);
  const limitsOf = (r: PerSpaceReading): Limits =>
    new ChatEmulator({ clock: new VirtualClock(), perSpace: r }).limits;
  const limits = limitsOf('interval');
  const requestMs = Math.min(DEFAULT_LATENCY.fetch, DEFAULT_LATENCY.chat);
  const table: string[][] = [
    [
      'workload',
      'per-space',
      'who',
      'virtual s',
      'executions',
      'data calls /100 rows',
      '429s',
      'duplicates',
      'not done',
      'bound s',
      '× bound',
    ],
  ];
  const checks: string[] = [];
  const only = chosen(argv);
  for (const w of WORKLOADS.filter((x) => only(x.name))) {
    for (const reading of perSpace) {
      // Chat's limits, plus what any Apps Script client spends on the sheet: one read of each tab and one
      // write of its results (SpreadsheetApp calls go one at a time).
      const tabs = w.sheets([], new ChatEmulator({ clock: new VirtualClock() })).length;
      const bound =
        lowerBoundMs(
          w.writes(Array.from({ length: 50 }, (_, i) => `spaces/${i}`)),
          limitsOf(reading),
          requestMs,
        ) +
        2 * tabs * DEFAULT_LATENCY.sheetData;
      const ours = measure(w, bundle, w.ours, false, reading);
      const naive = w.naive ? measure(w, NAIVE_SCRIPT, w.naive, true, reading) : null;
      const before = baseline && measure(w, baseline.source, w.ours, false, reading);
      for (const [who, f] of [
        ['sheets-to-chat', ours],
        ...(before ? ([['baseline', before]] as const) : []),
        ...(naive ? ([['naive', naive]] as const) : []),
      ] as const)
        table.push(figuresRow(w.name, reading, who, { ...f, notDone: f.unfinished }, bound));
      const label = `${w.name} (${reading})`;
      // Webhook posts have a budget of their own: their SENDING marks cost write-backs.
      const most = w.ours === 'sendMessages' && !w.naive ? 1.1 : 1.25;
      if (reading === 'interval' && ours.ms / bound > most)
        checks.push(`${label}: ${(ours.ms / bound).toFixed(2)}× the lower bound (> ${most})`);
      if (most === 1.1 && ours.dataCallsPer100 > 5)
        checks.push(`${label}: ${ours.dataCallsPer100.toFixed(1)} data calls per 100 rows (> 5)`);
      if (ours.duplicates || ours.unfinished || ours.throttled)
        checks.push(`${label}: duplicates, 429s or rows not done`);
      if (!naive) continue;
      if (w.name.startsWith('1,000 messages') && naive.ms / ours.ms < 8)
        checks.push(`${label}: only ${(naive.ms / ours.ms).toFixed(1)}× faster than naive`);
      table.push(['', '', 'speed-up', `${(naive.ms / ours.ms).toFixed(1)}×`, '', '', '', '', '', '', '']);
    }
  }
  for (const reading of only(IMPORT_NAME) ? perSpace : []) {
    const ours = measureImport(bundle, reading);
    const before = baseline && safely(() => measureImport(baseline.source, reading));
    const bound = importBoundMs(ours.shape, limitsOf(reading), requestMs, DEFAULT_LATENCY.sheetData);
    for (const [who, f] of [
      ['sheets-to-chat', ours],
      ...(before ? ([['baseline', before]] as const) : []),
    ] as const)
      table.push(figuresRow(IMPORT_NAME, reading, who, { ...f, notDone: f.missing }, bound));
    const label = `${IMPORT_NAME} (${reading})`;
    if (ours.ms / bound > 1.25)
      checks.push(`${label}: ${(ours.ms / bound).toFixed(2)}× the lower bound (> 1.25)`);
    if (ours.duplicates || ours.missing || ours.throttled)
      checks.push(`${label}: duplicates, 429s or spaces and memberships not imported`);
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((x, c) => x.padEnd(widths[c])).join(' | ')} |`;
  console.log(line(table[0]));
  console.log(line(widths.map((n) => '-'.repeat(n))));
  for (const r of table.slice(1)) console.log(line(r));
  if (baseline) console.log(`\nbaseline: ${baseline.file}`);
  const size = fs.statSync(path.join(ROOT, 'dist/Code.js')).size;
  console.log(`\ndist/Code.js: ${(size / 1024).toFixed(1)} KB`);
  console.log(
    `Latency: sheet data call ${DEFAULT_LATENCY.sheetData} ms, Chat advanced-service call ${DEFAULT_LATENCY.chat} ms, ` +
      `fetch ${DEFAULT_LATENCY.fetch} ms (+${DEFAULT_LATENCY.fetchAllOverhead} ms per fetchAll). ` +
      `Limits: per space (messages and space patches, not members) ` +
      perSpace
        .map(
          (r) =>
            `${r}: ${PER_SPACE_READINGS[r].perSpaceWrites} write/${PER_SPACE_READINGS[r].perSpaceWindowMs} ms`,
        )
        .join(', ') +
      `; per minute ` +
      `${limits.messageWritesPerMinute} message, ${limits.membershipWritesPerMinute} membership, ` +
      `${limits.spaceWritesPerMinute} space writes, ${limits.spaceCreationsPerMinute} space creations.`,
  );
  if (checks.length) {
    console.log(`\nFAILED:\n- ${checks.join('\n- ')}`);
    process.exitCode = 1;
  }
}

main();
