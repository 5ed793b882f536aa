// What the viewer page shows, read from the sandbox: the emulated Chat (spaces → members → threads →
// messages, as Chat's API returns them), the Spaces, Members and Messages tabs' statuses, the Chat menu
// onOpen built, and recent runs.
// No secret leaves: webhook tokens, keys and service accounts stay on the host.
import type { ChatEmulator } from '../chat/emulator';
import type { Sandbox } from '../runtime';

type Json = Record<string, unknown>;

export interface ViewerMessage {
  message: Json;
  sender: { name: string; kind: 'human' | 'app' | 'webhook' };
  time: string;
  edited: boolean;
}

export interface ViewerSpace {
  name: string;
  displayName: string;
  type: string;
  members: { who: string; role: string; state: string }[];
  threads: { name: string; key?: string; messages: ViewerMessage[] }[];
}

export interface ViewerRow {
  row: number;
  key: string;
  to: string;
  status: string;
  detail: string;
}

/** A Spaces or Members row: what it asks for, in a few words, and what the tool wrote back. */
export interface ViewerTabRow {
  row: number;
  what: string;
  status: string;
  detail: string;
}

export interface ViewerSnapshot {
  /** The virtual clock, in the spreadsheet's time zone. */
  time: string;
  menu: ({ caption: string; fn: string } | 'separator')[];
  /** The Messages tab. */
  rows: ViewerRow[];
  /** The Spaces and Members tabs (empty lists before Set up sheets). */
  tabs: { Spaces: ViewerTabRow[]; Members: ViewerTabRow[] };
  spaces: ViewerSpace[];
  names: Record<string, string>;
  runs: { fn: string; trigger: string; outcome: string; error?: string }[];
}

const ROLE: Record<string, string> = {
  ROLE_MANAGER: 'Owner',
  ROLE_ASSISTANT_MANAGER: 'Manager',
  ROLE_MEMBER: 'Member',
};

export function snapshot(sb: Sandbox, chat: ChatEmulator): ViewerSnapshot {
  const state = chat.toJSON();
  const names: Record<string, string> = {};
  for (const u of state.users) names[`users/${u.id}`] = u.displayName || u.email;
  const app = `users/${state.appUserId}`;
  names[app] = state.appName;
  const groups = new Map(state.groups.map((g) => [`groups/${g.id}`, g.email]));
  const zone = sb.workbook.timeZone;
  const clock = (iso: unknown) =>
    typeof iso === 'string'
      ? new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(
          new Date(iso),
        )
      : '';

  const spaces = chat.spaces().map((s): ViewerSpace => {
    const name = String(s.name);
    const members = chat.members(name).map((m) => {
      const member = (m.member ?? m.groupMember) as Json | undefined;
      const id = String(member?.name ?? '');
      return {
        who: id === app ? `${state.appName} (app)` : (names[id] ?? groups.get(id) ?? id),
        role: ROLE[String(m.role)] ?? String(m.role ?? ''),
        state: String(m.state ?? ''),
      };
    });
    const threads: ViewerSpace['threads'] = [];
    for (const m of chat.messages(name)) {
      const thread = (m.thread ?? {}) as Json;
      let t = threads.find((x) => x.name === thread.name);
      if (!t) {
        t = {
          name: String(thread.name),
          ...(thread.threadKey ? { key: String(thread.threadKey) } : {}),
          messages: [],
        };
        threads.push(t);
      }
      const sender = (m.sender ?? {}) as Json;
      const id = String(sender.name ?? '');
      t.messages.push({
        message: m,
        sender: {
          name: String(sender.displayName ?? names[id] ?? id),
          kind: sender.type !== 'BOT' ? 'human' : id === app ? 'app' : 'webhook',
        },
        time: clock(m.createTime),
        edited: m.lastUpdateTime !== undefined,
      });
    }
    return {
      name,
      displayName: String(
        s.displayName ?? (s.spaceType === 'DIRECT_MESSAGE' ? 'Direct message' : 'Group chat'),
      ),
      type: String(s.spaceType),
      members,
      threads,
    };
  });

  const menu: ViewerSnapshot['menu'] = [];
  for (const i of sb.ui.menus.find((m) => m.name === 'Chat')?.items ?? []) {
    if ('fn' in i) menu.push({ caption: i.caption, fn: i.fn });
    else if ('separator' in i) menu.push('separator');
  }

  return {
    time: new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(sb.clock.now())),
    menu,
    rows: messagesTab(sb),
    tabs: { Spaces: spacesTab(sb), Members: membersTab(sb) },
    spaces,
    names,
    runs: sb.executions.slice(-6).map((e) => ({
      fn: e.fn,
      trigger: e.trigger,
      outcome: e.outcome,
      ...(e.error ? { error: e.error } : {}),
    })),
  };
}

/** A tab's rows below the header, each with a reader of its cells by header name (none: no tab yet). */
function tabRows(sb: Sandbox, tab: string): { row: number; at: (header: string) => string }[] {
  if (!sb.workbook.sheets.some((s) => s.name === tab)) return [];
  const [header = [], ...rows] = sb.workbook.sheet(tab).display;
  const names = header.map((h) => h.replace(/[\s_-]/g, '').toLowerCase());
  return rows.map((r, i) => ({
    row: i + 2,
    at: (name: string) => {
      const j = names.indexOf(name);
      return j >= 0 ? (r[j] ?? '') : '';
    },
  }));
}

function messagesTab(sb: Sandbox): ViewerRow[] {
  return tabRows(sb, 'Messages')
    .map(({ row, at }) => ({
      row,
      key: at('key'),
      to: at('space') || (at('webhook') ? `webhook ${at('webhook')}` : ''),
      status: at('status'),
      detail: at('detail'),
    }))
    .filter((r) => r.key || r.to || r.detail);
}

function spacesTab(sb: Sandbox): ViewerTabRow[] {
  return tabRows(sb, 'Spaces')
    .map(({ row, at }) => {
      const name = at('displayname') || at('type');
      const action = at('action');
      return {
        row,
        what: [at('key'), name && `“${name}”`, at('space') && `(${at('space')})`, action]
          .filter(Boolean)
          .join(' '),
        status: at('status'),
        detail: at('detail'),
      };
    })
    .filter((r) => r.what || r.detail);
}

function membersTab(sb: Sandbox): ViewerTabRow[] {
  return tabRows(sb, 'Members')
    .map(({ row, at }) => ({
      row,
      what: [at('member'), at('space') && `in ${at('space')}`, at('role') && `as ${at('role')}`, at('action')]
        .filter(Boolean)
        .join(' '),
      status: at('status'),
      detail: at('detail'),
    }))
    .filter((r) => r.what || r.detail);
}
