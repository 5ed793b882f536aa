// A workbook scenario (examples/*.json): the people and spaces Chat already has, and the tabs as a user
// filled them in. Loaded into a fresh sandbox by `npm start` and by tests.
import * as fs from 'fs';
import { ChatEmulator } from './chat/emulator';
import { VirtualClock } from './clock';
import { Sandbox, type Latency } from './runtime';

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

export function loadScenario(file: string, opts: { bundle: string; latency?: Partial<Latency> }): Loaded {
  const sc = JSON.parse(fs.readFileSync(file, 'utf8')) as Scenario;
  const clock = new VirtualClock(sc.start ? new Date(sc.start) : undefined);
  const chat = new ChatEmulator({ clock, seed: 11 });
  for (const u of [{ email: sc.user }, ...(sc.users ?? [])]) chat.addUser(u.email, u);
  for (const g of sc.groups ?? []) chat.addGroup(g.email, g.id);
  const webhooks: Record<string, string> = {};
  const authorization = `Bearer ${chat.userToken(sc.user)}`;
  for (const s of sc.chat?.spaces ?? []) {
    const made = chat.call({
      method: 'chat.spaces.setup',
      params: {},
      body: {
        space: { spaceType: 'SPACE', displayName: s.displayName },
        memberships: (s.members ?? []).map((e) => ({ member: { name: `users/${e}`, type: 'HUMAN' } })),
      },
      authorization,
    });
    if (made.status !== 200) throw new Error(`scenario space ${s.displayName}: ${JSON.stringify(made.body)}`);
    const name = (made.body as { name: string }).name;
    if (s.webhook) webhooks[s.webhook] = chat.createWebhook(name, s.webhook);
  }
  const sb = new Sandbox({
    bundle: opts.bundle,
    chat,
    clock,
    user: sc.user,
    timeZone: sc.timeZone,
    latency: opts.latency,
    spreadsheetName: sc.description?.slice(0, 40),
  });
  for (const [tab, rows] of Object.entries(sc.tabs)) {
    const filled = rows.map((r) =>
      r.map((v) => v.replace(/\{\{webhook:([^}]+)\}\}/g, (_m, a: string) => webhooks[a] ?? '')),
    );
    sb.workbook.addSheet(tab, filled);
  }
  return { sb, chat, clock, webhooks };
}
