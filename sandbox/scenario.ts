// A workbook scenario (examples/*.json): the people and spaces Chat already has, and the tabs as a user
// filled them in. Loaded into a fresh sandbox by `npm start` and by tests. The format is documented in
// docs/scenario.md; `readScenario` checks a file against it and names the first bad field by its path.
import * as fs from 'fs';
import { findJsonProblem } from '../src/messages/json-error';
import type { PerSpaceReading } from './chat/rate-limits';
import { ChatEmulator } from './chat/emulator';
import { VirtualClock } from './clock';
import { Sandbox, type AppsScriptManifest, type Latency } from './runtime';

export interface Scenario {
  description?: string;
  timeZone?: string;
  user: string;
  start?: string;
  users?: { email: string; displayName?: string }[];
  groups?: { email: string; id: string }[];
  chat?: { spaces?: { displayName: string; members?: string[]; webhook?: string }[] };
  /** Tab name → rows (first row: headers). `{{webhook:alias}}` stands for a webhook URL made above. */
  tabs: Record<string, string[][]>;
}

export interface Loaded {
  sb: Sandbox;
  chat: ChatEmulator;
  clock: VirtualClock;
  webhooks: Record<string, string>;
}

/** A scenario file that can't be used: `where` is the path of the bad field (`users[2].email`), or '' for
 *  the file as a whole. `message` says what is wrong and what would be right. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}: ${where ? `${where}: ` : ''}${problem} (the format: docs/scenario.md)`);
    this.name = 'ScenarioError';
  }
}

/** `{{webhook:alias}}` in a cell: the URL of the webhook `alias` made in chat.spaces[].webhook. */
export const WEBHOOK_PLACEHOLDER = /\{\{webhook:([^}]*)\}\}/g;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// A date, or a date and time with its offset (without one, Date would read the host's own zone).
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Every field of the format, by path pattern: what docs/scenario.md documents (a test keeps them equal). */
export const SCENARIO_FIELDS = [
  'description',
  'timeZone',
  'user',
  'start',
  'users',
  'users[].email',
  'users[].displayName',
  'groups',
  'groups[].email',
  'groups[].id',
  'chat',
  'chat.spaces',
  'chat.spaces[].displayName',
  'chat.spaces[].members',
  'chat.spaces[].webhook',
  'tabs',
] as const;

type Json = Record<string, unknown>;

/** The fields an object at `at` may have (`''` the top level, `users[]` each person): from SCENARIO_FIELDS. */
function fieldsAt(at: string): string[] {
  const prefix = at ? `${at}.` : '';
  return SCENARIO_FIELDS.filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('.')).map(
    (f) => f.slice(prefix.length),
  );
}

/** What a missing required field holds, for the message. */
const REQUIRED: Record<string, string> = {
  user: 'the e-mail of the person who runs the script, e.g. "lead@example.com"',
  tabs: 'an object of tab name → rows, e.g. {"Spaces": [["Key", "Display name"], ["team", "Team"]]}',
  email: 'an e-mail address',
  id: 'the id in groups/<id>',
  displayName: "the space's name",
};

/** Checks a parsed scenario; throws the first problem as a ScenarioError (its path relative to the file). */
export function validateScenario(value: unknown, file = 'scenario'): Scenario {
  const fail = (where: string, problem: string): never => {
    throw new ScenarioError(file, where, problem);
  };
  const kind = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v;
  const shown = (v: unknown) => {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 40 ? `${s.slice(0, 39)}…` : s;
  };
  const object = (v: unknown, where: string, known: string[], required: string[]): Json => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      fail(where, `must be an object, not ${kind(v)}`);
    const o = v as Json;
    for (const k of Object.keys(o))
      if (!known.includes(k))
        fail(join(where, k), `unknown field; ${where || 'the top level'} may have ${known.join(', ')}`);
    for (const k of required)
      if (o[k] === undefined) fail(join(where, k), `is required: ${REQUIRED[k] ?? 'see the format'}`);
    return o;
  };
  const string = (v: unknown, where: string, what: string): string => {
    if (typeof v !== 'string') fail(where, `must be a string (${what}), not ${kind(v)}`);
    return v as string;
  };
  const email = (v: unknown, where: string): string => {
    const s = string(v, where, 'an e-mail address');
    if (!EMAIL.test(s)) fail(where, `${shown(s)} is not an e-mail address (e.g. "ada@example.com")`);
    return s;
  };
  const array = (v: unknown, where: string, what: string): unknown[] => {
    if (!Array.isArray(v)) fail(where, `must be an array (${what}), not ${kind(v)}`);
    return v as unknown[];
  };

  const top = object(value, '', fieldsAt(''), ['user', 'tabs']);
  if (top.description !== undefined) string(top.description, 'description', 'a sentence');
  if (top.timeZone !== undefined) {
    const zone = string(top.timeZone, 'timeZone', 'an IANA time zone such as "Europe/Paris"');
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
    } catch {
      fail('timeZone', `${shown(zone)} is not a time zone; use an IANA name such as "Europe/Paris" or "UTC"`);
    }
  }
  email(top.user, 'user');
  if (top.start !== undefined) {
    const start = string(top.start, 'start', 'an ISO 8601 time such as "2026-03-02T08:30:00Z"');
    if (!ISO_TIME.test(start) || Number.isNaN(Date.parse(start)))
      fail(
        'start',
        `${shown(start)} is not an ISO 8601 time with its offset; use e.g. "2026-03-02T08:30:00Z" or "2026-03-02T09:30:00+01:00"`,
      );
  }
  array(top.users ?? [], 'users', 'of people').forEach((u, i) => {
    const o = object(u, `users[${i}]`, fieldsAt('users[]'), ['email']);
    email(o.email, `users[${i}].email`);
    if (o.displayName !== undefined) string(o.displayName, `users[${i}].displayName`, 'a name');
  });
  array(top.groups ?? [], 'groups', 'of Google Groups').forEach((g, i) => {
    const o = object(g, `groups[${i}]`, fieldsAt('groups[]'), ['email', 'id']);
    email(o.email, `groups[${i}].email`);
    const id = string(o.id, `groups[${i}].id`, 'the id in groups/<id>');
    if (!/^[A-Za-z0-9]+$/.test(id))
      fail(`groups[${i}].id`, `${shown(id)} is not a group id: letters and digits only, as in groups/<id>`);
  });
  const aliases = new Set<string>();
  if (top.chat !== undefined) {
    const chat = object(top.chat, 'chat', fieldsAt('chat'), []);
    array(chat.spaces ?? [], 'chat.spaces', 'of spaces Chat already has').forEach((s, i) => {
      const where = `chat.spaces[${i}]`;
      const o = object(s, where, fieldsAt('chat.spaces[]'), ['displayName']);
      if (!string(o.displayName, `${where}.displayName`, 'the space name').trim())
        fail(`${where}.displayName`, 'must not be empty');
      array(o.members ?? [], `${where}.members`, 'of e-mail addresses').forEach((m, j) =>
        email(m, `${where}.members[${j}]`),
      );
      if (o.webhook !== undefined) {
        const alias = string(o.webhook, `${where}.webhook`, 'the alias of a webhook in this space');
        if (!alias.trim() || /[{}]/.test(alias))
          fail(`${where}.webhook`, `${shown(alias)} can't be an alias: use a non-empty name without { or }`);
        if (aliases.has(alias)) fail(`${where}.webhook`, `the alias ${shown(alias)} is already used above`);
        aliases.add(alias);
      }
    });
  }
  const tabs = object(top.tabs, 'tabs', Object.keys(top.tabs ?? {}), []);
  const names = new Map<string, string>();
  for (const [name, rows] of Object.entries(tabs)) {
    const where = `tabs${key(name)}`;
    if (!name.trim() || name.length > 100)
      fail(where, 'a tab name must have 1 to 100 characters, not only spaces');
    const same = names.get(name.toLowerCase());
    if (same !== undefined)
      fail(where, `Sheets tab names ignore case: this is the same tab as ${shown(same)}`);
    names.set(name.toLowerCase(), name);
    array(rows, where, 'of rows, each an array of cells; the first row is the headers').forEach((row, i) => {
      array(row, `${where}[${i}]`, 'of cells').forEach((cell, j) => {
        const c = string(cell, `${where}[${i}][${j}]`, 'a cell as typed into Sheets, e.g. "FALSE" or "3"');
        for (const m of c.matchAll(WEBHOOK_PLACEHOLDER))
          if (!aliases.has(m[1]))
            fail(
              `${where}[${i}][${j}]`,
              `${m[0]} names no webhook: ${
                aliases.size ? `the aliases are ${[...aliases].join(', ')}` : 'no chat.spaces[] has a webhook'
              }`,
            );
      });
    });
  }
  return top as unknown as Scenario;
}

const join = (where: string, k: string) => (where ? `${where}${key(k)}` : key(k).replace(/^\./, ''));
const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);

/** Reads and checks a scenario file; every problem (missing, unreadable, not JSON, not the format) is a
 *  ScenarioError naming the file and the bad field. */
export function readScenario(file: string, shownAs = file): Scenario {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ScenarioError(
      shownAs,
      '',
      code === 'ENOENT'
        ? 'no such file; give a scenario with --workbook FILE, e.g. examples/onboarding.json'
        : code === 'EISDIR'
          ? 'is a directory; give a scenario JSON file with --workbook FILE'
          : `can't be read (${code ?? String(e)})`,
    );
  }
  const problem = findJsonProblem(text);
  if (problem)
    throw new ScenarioError(
      shownAs,
      '',
      `not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}`,
    );
  return validateScenario(JSON.parse(text), shownAs);
}

export function loadScenario(
  scenario: string | Scenario,
  opts: {
    bundle: string;
    latency?: Partial<Latency>;
    perSpace?: PerSpaceReading;
    /** appsscript.json: its oauthScopes become the user's token's (SandboxOptions.manifest). */
    manifest?: AppsScriptManifest | string;
    /** Whether `user` is a Chat administrator ("Manage Chat and spaces conversations"); default true. */
    admin?: boolean;
  },
): Loaded {
  const file = typeof scenario === 'string' ? scenario : 'scenario';
  const sc = typeof scenario === 'string' ? readScenario(scenario) : validateScenario(scenario);
  const clock = new VirtualClock(sc.start ? new Date(sc.start) : undefined);
  const chat = new ChatEmulator({ clock, seed: 11, perSpace: opts.perSpace });
  for (const u of [{ email: sc.user }, ...(sc.users ?? [])]) chat.addUser(u.email, u);
  for (const g of sc.groups ?? []) chat.addGroup(g.email, g.id);
  const webhooks: Record<string, string> = {};
  const authorization = `Bearer ${chat.userToken(sc.user)}`;
  (sc.chat?.spaces ?? []).forEach((s, i) => {
    const made = chat.call({
      method: 'chat.spaces.setup',
      params: {},
      body: {
        space: { spaceType: 'SPACE', displayName: s.displayName },
        memberships: (s.members ?? []).map((e) => ({ member: { name: `users/${e}`, type: 'HUMAN' } })),
      },
      authorization,
    });
    if (made.status !== 200) {
      const said = (made.body as { error?: { message?: string } })?.error?.message;
      throw new ScenarioError(
        file,
        `chat.spaces[${i}]`,
        `Chat refused to make this space: ${said ?? made.status}`,
      );
    }
    const name = (made.body as { name: string }).name;
    if (s.webhook) webhooks[s.webhook] = chat.createWebhook(name, s.webhook);
  });
  const sb = new Sandbox({
    bundle: opts.bundle,
    chat,
    clock,
    user: sc.user,
    admin: opts.admin,
    manifest: opts.manifest,
    timeZone: sc.timeZone,
    latency: opts.latency,
    spreadsheetName: sc.description?.slice(0, 40),
  });
  for (const [tab, rows] of Object.entries(sc.tabs)) {
    const filled = rows.map((r) =>
      r.map((v) => v.replace(WEBHOOK_PLACEHOLDER, (_m, a: string) => webhooks[a])),
    );
    // A new spreadsheet's own Sheet1 is filled in place; every other tab is added after it.
    const existing = sb.workbook.sheets.find((s) => s.name === tab);
    if (existing && filled.length) sb.workbook.setValues(tab, 'A1', padded(filled));
    else if (!existing) sb.workbook.addSheet(tab, filled);
  }
  return { sb, chat, clock, webhooks };
}

/** Rows of one width (setValues takes a rectangle); short rows end in empty cells. */
function padded(rows: string[][]): string[][] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}
