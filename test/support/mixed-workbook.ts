// A mixed workbook (spaces, a group chat, members, Chat-API messages with threads, webhook posts) and the
// audit that says whether a sequence of runs made each thing exactly once and left every row accounted
// for. The cut-off sweep test and `npm run soak` share it.
import { MEMBERS, MESSAGES, SPACES, TABS, WEBHOOKS, type TabSpec } from '../../src/contract/tabs';
import { redact } from '../../src/text/redact';
import { headerKey } from '../../src/sheet/headers';
import { ADMIN, world, type World } from './world';

export interface MixedSize {
  /** SPACE rows, each with `members` people (one of them a manager) and `messages` Chat-API messages. */
  spaces: number;
  groupChats: number;
  members: number;
  messages: number;
  /** Posts through the one webhook of the workbook. */
  webhookPosts: number;
}

export const SMALL: MixedSize = { spaces: 2, groupChats: 1, members: 2, messages: 2, webhookPosts: 3 };

export interface Mixed {
  w: World;
  size: MixedSize;
  /** The space the webhook posts into (made outside the workbook, as a user would have it). */
  hookSpace: string;
  hookUrl: string;
  /** Input cells as the user typed them, by tab, row (1-based) and header. */
  inputs: Map<string, Map<number, Record<string, unknown>>>;
  latency?: Record<string, number>;
}

/** The person's own column on Spaces, Members and Messages: `id:…`, unique per row. */
export const NOTES = 'Notes';

export function columnLetter(n: number): string {
  let out = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** Texts are unique per row, so a message in Chat names the row it came from. */
export const apiText = (s: number, m: number) => `Note ${m} for team ${s}`;
export const groupText = (g: number) => `Hello group ${g}`;
export const hookText = (n: number) => `Hook post ${n}`;
const teamName = (s: number) => `Team ${s}`;

const templates = new Map<string, Mixed>();

/** A fresh world holding the mixed workbook, nothing run yet but Set up sheets. Sweeps build hundreds:
 *  each is a copy of one set up once. */
export function mixedWorld(size: MixedSize = SMALL, opts: { latency?: Record<string, number> } = {}): Mixed {
  const key = JSON.stringify([size, opts.latency ?? {}]);
  let template = templates.get(key);
  if (!template) {
    template = buildMixed(size, opts);
    templates.set(key, template);
  }
  return fork(template);
}

/** A copy of a mixed world as it is now (workbook, properties, triggers, Chat, time), to run on. Its
 *  `inputs` stay those the user typed before the first run. */
export function fork(m: Mixed): Mixed {
  const inputs = new Map([...m.inputs].map(([tab, rows]) => [tab, new Map(rows)]));
  return { ...m, inputs, w: world({ latency: m.latency, from: m.w }) };
}

function buildMixed(size: MixedSize, opts: { latency?: Record<string, number> }): Mixed {
  const w = world({ latency: opts.latency });
  const token = w.chat.userToken(ADMIN);
  const made = w.chat.call({
    method: 'chat.spaces.create',
    params: {},
    body: { spaceType: 'SPACE', displayName: 'Webhook target' },
    authorization: `Bearer ${token}`,
  });
  const hookSpace = String((made.body as { name: string }).name);
  const hookUrl = w.chat.createWebhook(hookSpace, 'Alerts');
  w.chat.resetStats();
  // People keep columns of their own beside the tool's: here a note that names each row for good, so an
  // audit can tell which row is which after rows were moved.
  for (const tab of [SPACES, MEMBERS, MESSAGES]) {
    const header = w.sb.workbook.sheet(tab.name).values[0];
    w.sb.workbook.setValues(tab.name, `${columnLetter(header.length + 1)}1`, [[NOTES]]);
  }

  w.fill('Spaces', [
    ...Array.from({ length: size.spaces }, (_, s) => ({
      Key: `team${s}`,
      'Display name': teamName(s),
      Description: `Space of team ${s}`,
      History: s % 2 ? 'ON' : '',
      [NOTES]: `id:s${s}`,
    })),
    ...Array.from({ length: size.groupChats }, (_, g) => ({
      Key: `group${g}`,
      Type: 'GROUP_CHAT',
      [NOTES]: `id:g${g}`,
    })),
  ]);
  w.fill('Members', [
    ...Array.from({ length: size.spaces }, (_, s) =>
      Array.from({ length: size.members }, (_, m) => ({
        Space: `team${s}`,
        Member: `t${s}-p${m}@example.com`,
        Role: m === 0 ? 'MANAGER' : '',
        [NOTES]: `id:t${s}-p${m}`,
      })),
    ).flat(),
    ...Array.from({ length: size.groupChats }, (_, g) =>
      [0, 1].map((m) => ({
        Space: `group${g}`,
        Member: `g${g}-p${m}@example.com`,
        [NOTES]: `id:g${g}-p${m}`,
      })),
    ).flat(),
  ]);
  w.fill('Webhooks', [{ Alias: 'alerts', URL: hookUrl }]);
  w.fill('Messages', [
    ...Array.from({ length: size.spaces }, (_, s) =>
      Array.from({ length: size.messages }, (_, m) => ({
        // Every third message has no Key: the tool generates one before sending.
        Key: m % 3 === 2 ? '' : `note-${s}-${m}`,
        Space: `team${s}`,
        Text: apiText(s, m),
        'Thread key': m < 2 ? `kickoff-${s}` : '',
        [NOTES]: `id:n${s}-${m}`,
      })),
    ).flat(),
    ...Array.from({ length: size.groupChats }, (_, g) => ({
      Key: `hello-${g}`,
      Space: `group${g}`,
      Text: groupText(g),
      [NOTES]: `id:hello${g}`,
    })),
    ...Array.from({ length: size.webhookPosts }, (_, n) => ({
      Key: n % 3 === 2 ? '' : `hook-${n}`,
      Webhook: 'alerts',
      Text: hookText(n),
      'Thread key': n < 2 ? 'incident' : '',
      [NOTES]: `id:h${n}`,
    })),
  ]);
  keepSpareRows(w, SPARE_ROWS);
  return { w, size, hookSpace, hookUrl, inputs: inputCells(w), latency: opts.latency };
}

/** Empty rows the mixed workbook keeps below each tab's data. */
const SPARE_ROWS = 100;

/**
 * Deletes each tab's empty rows below its data but `spare`, as a person tidying the sheet would. Set up
 * sheets leaves 1,000 rows with dropdowns on every tab: each world of a sweep copied them all, and the
 * runtime scanned them for the data's extent at every read. The product grows the grid when it writes
 * past it, and a sweep's runs stay well inside the spare rows (their service calls are the same).
 */
function keepSpareRows(w: World, spare: number): void {
  for (const sheet of w.sb.workbook.sheets) {
    const keep = Math.max(sheet.lastRow() + spare, sheet.frozenRows + 1);
    if (sheet.maxRows > keep) sheet.deleteRows(keep + 1, sheet.maxRows - keep);
  }
}

/** The user's input cells of every tab, as values. */
export function inputCells(w: World): Map<string, Map<number, Record<string, unknown>>> {
  const out = new Map<string, Map<number, Record<string, unknown>>>();
  for (const spec of TABS) {
    if (!w.sb.workbook.find(spec.name)) continue;
    const values = w.sb.workbook.sheet(spec.name).values;
    const header = (values[0] ?? []).map((h) => headerKey(h));
    const rows = new Map<number, Record<string, unknown>>();
    values.slice(1).forEach((r, i) => {
      const cells: Record<string, unknown> = {};
      for (const c of spec.columns) {
        if (c.io !== 'in') continue;
        const at = header.indexOf(headerKey(c.header));
        if (at >= 0) cells[c.header] = norm(r[at]);
      }
      rows.set(i + 2, cells);
    });
    out.set(spec.name, rows);
  }
  return out;
}

const norm = (v: unknown) => (v instanceof Date ? `date:${v.getTime()}` : (v ?? ''));

export const FINAL = new Set(['DONE', 'ERROR', 'INVALID', 'UNCERTAIN']);
export const PENDING = new Set(['', 'WAITING', 'RETRY', 'SCHEDULED']);
const GENERATED_KEY = /^m-\d{8}-[0-9a-f]{8}$/;

/**
 * Input cells that changed although the tool does not document writing them. The documented writes
 * (tabs.ts `toolWrites`): a generated Key where Key was blank, and a pasted webhook URL replaced by its
 * redacted form.
 */
export function changedInputs(w: World, before: Mixed['inputs']): string[] {
  const after = inputCells(w);
  const problems: string[] = [];
  for (const [tab, rows] of before) {
    const spec = TABS.find((t) => t.name === tab) as TabSpec;
    for (const [row, cells] of rows) {
      for (const [header, was] of Object.entries(cells)) {
        const now = after.get(tab)?.get(row)?.[header] ?? '';
        if (now === was) continue;
        const col = spec.columns.find((c) => c.header === header)!;
        if (col.toolWrites && tab === MESSAGES.name && !String(was).trim() && GENERATED_KEY.test(String(now)))
          continue;
        if (col.toolWrites && tab === WEBHOOKS.name && isRedactionOf(String(now), String(was))) continue;
        problems.push(`${tab}!${header}${row}: ${JSON.stringify(was)} became ${JSON.stringify(now)}`);
      }
    }
  }
  return problems;
}

/** A stored URL becomes its redacted form; a refused one keeps only what redact() leaves of it. */
function isRedactionOf(now: string, was: string): boolean {
  const m = /^(https:\/\/chat\.googleapis\.com\/v1\/spaces\/[^/]+\/messages)\?/.exec(was.trim());
  return (!!m && now === `${m[1]}?key=…&token=…`) || (now !== was && now === redact(was));
}

export interface Audit {
  rows: number;
  /** Things made more than once in Chat (spaces, API messages, webhook posts), one line each. */
  duplicates: string[];
  /** Rows whose work neither happened nor is accounted for (a final status, or pending with a reason). */
  lost: string[];
  /** Rows that ended otherwise than a clean run would leave them (the work is not done yet). */
  unfinished: string[];
  changedInputs: string[];
}

type Rows = Record<string, string>[];

/**
 * What the runs so far did, checked against the workbook of `mixedWorld`: each space and Chat-API
 * message exactly once, no webhook post twice, every row final or pending with its reason, and no
 * user-entered cell changed except the documented ones.
 */
export function audit(m: Mixed): Audit {
  const { w, size } = m;
  const duplicates: string[] = [];
  const lost: string[] = [];
  const spaces = w.chat.spaces() as { name: string; displayName?: string; spaceType: string }[];
  const teams = new Map<string, number>();
  for (const s of spaces) if (s.displayName) teams.set(s.displayName, (teams.get(s.displayName) ?? 0) + 1);
  for (const [name, n] of teams) if (n > 1) duplicates.push(`space “${name}” ×${n}`);
  const groups = spaces.filter((s) => s.spaceType === 'GROUP_CHAT');
  if (groups.length > size.groupChats)
    duplicates.push(`${groups.length} group chats for ${size.groupChats} rows`);

  const texts = new Map<string, number>();
  for (const s of spaces)
    for (const msg of w.chat.messages(s.name) as { text?: string }[])
      if (msg.text !== undefined) texts.set(msg.text, (texts.get(msg.text) ?? 0) + 1);
  for (const [text, n] of texts) if (n > 1) duplicates.push(`message “${text}” ×${n}`);

  const tabs = Object.fromEntries([SPACES, MEMBERS, MESSAGES, WEBHOOKS].map((t) => [t.name, w.rows(t.name)]));
  const { rows, unfinished, lost: unaccounted } = statuses(tabs);
  lost.push(...unaccounted);
  // What the sheet says is DONE must be so in Chat: made (once), or gone for a DELETE or REMOVE.
  for (const [i, r] of tabs.Spaces.entries()) {
    const space = spaces.find((s) => s.name === r.Space);
    if (r.Status !== 'DONE') continue;
    if (r.Action === 'DELETE' ? space : !space)
      lost.push(
        `Spaces row ${i + 2} ${r.Action || 'CREATE'} DONE but ${r.Space || 'no space'} is ${space ? '' : 'not '}in Chat`,
      );
    else if (space && r['Display name'] && space.displayName !== r['Display name'])
      lost.push(`Spaces row ${i + 2} DONE but the space is called “${space.displayName}”`);
  }
  for (const [i, r] of tabs.Messages.entries()) {
    const n = texts.get(r.Text) ?? 0;
    const want = r.Action === 'DELETE' ? 0 : 1;
    if (r.Status === 'DONE' && n !== want)
      lost.push(`Messages row ${i + 2} ${r.Action || 'SEND'} DONE but “${r.Text}” is in Chat ${n}×`);
  }
  for (const [i, r] of tabs.Members.entries()) {
    if (r.Status !== 'DONE') continue;
    const space = tabs.Spaces.find((s) => s.Key === r.Space)?.Space ?? '';
    const user = w.chat.userName(r.Member);
    const membership = space
      ? (w.chat.members(space) as { member?: { name: string }; role?: string }[]).find(
          (x) => x.member?.name === user,
        )
      : undefined;
    if (r.Action === 'REMOVE' ? membership : !membership)
      lost.push(
        `Members row ${i + 2} ${r.Action || 'ADD'} DONE but ${r.Member} is ${membership ? '' : 'not '}in ${space || 'its space'}`,
      );
    else if (membership && r.Role && membership.role !== `ROLE_${r.Role}`)
      lost.push(`Members row ${i + 2} DONE but ${r.Member} is ${membership.role}, not ${r.Role}`);
  }
  return { rows, duplicates, lost, unfinished, changedInputs: changedInputs(w, m.inputs) };
}

/** Rows not accounted for (lost), and rows not done yet (unfinished: only an in-flight webhook post may
 *  stay UNCERTAIN). */
function statuses(tabs: Record<string, Rows>): { rows: number; lost: string[]; unfinished: string[] } {
  let rows = 0;
  const lost: string[] = [];
  const unfinished: string[] = [];
  for (const [tab, list] of Object.entries(tabs)) {
    for (const [i, r] of list.entries()) {
      rows++;
      const where = `${tab} row ${i + 2} (${r.Status || 'blank'}: ${r.Detail || 'no detail'})`;
      if (!FINAL.has(r.Status) && !(PENDING.has(r.Status) && r.Detail)) lost.push(where);
      if (r.Status !== 'DONE' && !(tab === MESSAGES.name && r.Webhook && r.Status === 'UNCERTAIN'))
        unfinished.push(where);
    }
  }
  return { rows, lost, unfinished };
}

function settled(w: World): boolean {
  const tabs = Object.fromEntries([SPACES, MEMBERS, MESSAGES, WEBHOOKS].map((t) => [t.name, w.rows(t.name)]));
  return statuses(tabs).unfinished.length === 0;
}

/** The counts a finished mixed workbook must show in Chat. */
export function expectedCounts(size: MixedSize) {
  return {
    spaces: size.spaces + size.groupChats,
    apiMessages: size.spaces * size.messages + size.groupChats,
    webhookPosts: size.webhookPosts,
  };
}

/**
 * A mixed world whose Run all stopped at its time budget (Chat answers slowly, 100 seconds a call: the run
 * does only its first waves), its one continueRun trigger installed; and how many service calls that
 * continuation makes when it fires.
 */
export function stoppedRunAll(): { started: Mixed; continuationCalls: number } {
  const started = mixedWorld(SMALL, { latency: { chat: 100_000, fetch: 100_000 } });
  started.w.run('runAll');
  const triggers = started.w.sb.triggers.map((t) => t.handler);
  if (triggers.join() !== 'continueRun') throw new Error(`expected one continueRun trigger, not ${triggers}`);
  const probe = fork(started);
  probe.w.sb.advance(61_000);
  const [cont] = probe.w.sb.runDueTriggers();
  if (cont?.fn !== 'continueRun' || cont.outcome !== 'ok')
    throw new Error(
      `the continuation did not run cleanly: ${cont?.fn} ${cont?.outcome} ${cont?.error ?? ''}`,
    );
  return { started, continuationCalls: cont.totalCalls };
}

/**
 * What a user (and the product's own triggers) do after a run died: continuations and the schedule run
 * as they come due, and the user clicks Run all again until nothing is left.
 */
export function recover(m: Mixed, clicks = 4): void {
  const { w } = m;
  for (let i = 0; i < clicks; i++) {
    w.sb.advance(61_000);
    w.sb.runUntilIdle({ maxExecutions: 20 });
    w.sb.runDueTriggers();
    if (i > 0 && settled(w)) return;
    w.sb.advance(2_000);
    w.sb.run('runAll');
  }
}
