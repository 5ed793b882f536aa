// Imports (issue 17): the sheet as a working copy of Chat. A workspace built in the emulator (hundreds of
// spaces, group chats and DMs; thousands of memberships with groups, invited people and the app; thousands
// of messages over threads and senders) is imported on the built bundle, imported again (nothing added),
// edited and synced back; a smaller one is imported under every cut-off.
import { buildWorkspace, WORKSPACE_SIZES, type WorkspaceSummary } from '../../sandbox/chat/workspace';
import { ADMIN, world, type World } from '../support/world';

const SINCE = '2020-01-01';

/** Runs an import from the menu as a person would, answering its prompt, then lets continuations finish. */
function runImport(w: World, fn: string, answer?: string) {
  if (answer !== undefined) w.sb.ui.answers.push({ button: 'OK', text: answer });
  const first = w.run(fn);
  w.sb.runUntilIdle({ maxExecutions: 20 });
  return first;
}

function importAll(w: World) {
  runImport(w, 'importSpaces', '');
  w.sb.advance(1000);
  // The selection on another tab: every Spaces row with a Space.
  w.sb.selectRange('Log', 'A1');
  const members = runImport(w, 'importMembers');
  w.sb.advance(1000);
  w.sb.selectRange('Spaces', `A2:A${w.rows('Spaces').length + 1}`);
  runImport(w, 'importMessages', SINCE);
  w.sb.advance(1000);
  return { members };
}

const membershipsOf = (ws: WorkspaceSummary, spaces: string[]) =>
  spaces.reduce((n, s) => {
    const b = ws.bySpace[s];
    return n + b.joinedPeople + b.invited + b.groups + (b.app ? 1 : 0);
  }, 0);

const liveMessages = (w: World, spaces: string[]) =>
  spaces.reduce((n, s) => n + w.chat.messages(s).length, 0);

/** Rows by a column, with how many rows hold each value (an import adds each resource once). */
function counted(w: World, tab: string, header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of w.column(tab, header)) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

const twice = (m: Map<string, number>) => [...m].filter(([, n]) => n > 1).map(([v]) => v);

describe('Imports of a whole workspace', () => {
  let w: World;
  let ws: WorkspaceSummary;
  let listable: string[];
  let dataCalls: number[];
  let membersRun: ReturnType<typeof runImport>;

  beforeAll(() => {
    w = world();
    ws = buildWorkspace(w.chat, { you: ADMIN, seed: 17, ...WORKSPACE_SIZES.product });
    listable = ws.listable;
    const before = w.sb.executions.length;
    membersRun = importAll(w).members;
    dataCalls = w.sb.executions.slice(before).map((e) => e.sheetDataCalls);
  });

  it('is a workspace of the size the issue asks for', () => {
    const kinds = listable.map((s) => ws.bySpace[s]?.type);
    expect(listable.length).toBeGreaterThanOrEqual(300);
    expect(kinds.filter((k) => k === 'GROUP_CHAT').length).toBeGreaterThan(0);
    expect(kinds.filter((k) => k === 'DIRECT_MESSAGE').length).toBeGreaterThan(0);
    expect(membershipsOf(ws, listable)).toBeGreaterThanOrEqual(3000);
    expect(ws.memberships.groups).toBeGreaterThan(0);
    expect(ws.memberships.invited).toBeGreaterThan(0);
    expect(liveMessages(w, listable)).toBeGreaterThanOrEqual(2000);
    expect(Object.keys(ws.messages.bySender).length).toBeGreaterThan(10);
  });

  it('imports every space you are in once, DONE, with what Chat says of it', () => {
    const rows = w.rows('Spaces');
    expect(rows.map((r) => r.Space).sort()).toEqual([...listable].sort());
    expect(rows.every((r) => r.Status === 'DONE' && r.Detail.startsWith('Imported'))).toBe(true);
    expect(twice(counted(w, 'Spaces', 'Key'))).toEqual([]);
    const chat = new Map(w.chat.spaces().map((s) => [s.name as string, s]));
    for (const r of rows) {
      const s = chat.get(r.Space)!;
      const count = (s.membershipCount as { joinedDirectHumanUserCount?: number } | undefined)
        ?.joinedDirectHumanUserCount;
      expect([r.Space, r.Type, r['Display name'], r.Members]).toEqual([
        r.Space,
        s.spaceType,
        s.displayName ?? '',
        String(count ?? 0),
      ]);
      expect(r.Link).toBe(s.spaceUri);
    }
  });

  it('imports every membership of those spaces once: people, groups, invited people and apps', () => {
    const rows = w.rows('Members');
    expect(rows).toHaveLength(membershipsOf(ws, listable));
    expect(twice(counted(w, 'Members', 'Membership'))).toEqual([]);
    expect(rows.filter((r) => r.State === 'INVITED')).toHaveLength(
      listable.reduce((n, s) => n + ws.bySpace[s].invited, 0),
    );
    expect(rows.filter((r) => r.Member.startsWith('groups/')).length).toBe(
      listable.reduce((n, s) => n + ws.bySpace[s].groups, 0),
    );
    const inChat = new Set(listable.flatMap((s) => w.chat.members(s).map((m) => m.name as string)));
    expect(new Set(rows.map((r) => r.Membership))).toEqual(inChat);
    expect(rows.every((r) => r.Status === 'DONE')).toBe(true);
  });

  it('reads every space’s members in one wave, and the Members tab once, right before its rows go in', () => {
    expect(membersRun.outcome).toBe('ok');
    expect(membersRun.calls['UrlFetchApp.fetchAll']).toBe(1);
    // Spaces and Members (each once), and the Log's header.
    expect(membersRun.calls['SpreadsheetApp.getValues']).toBe(3);
  });

  it('imports every message since the date once, with its sender, thread and card', () => {
    const rows = w.rows('Messages');
    expect(rows).toHaveLength(liveMessages(w, listable));
    expect(twice(counted(w, 'Messages', 'Message'))).toEqual([]);
    expect(rows.filter((r) => r.Card).length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.Thread)).size).toBeLessThan(rows.length);
    const mine = rows.filter((r) => r.Detail.includes('your message'));
    expect(mine.length).toBe(ws.messages.bySender[ADMIN]);
  });

  it('tells a person at the menu how far it is', () => {
    const toasts = w.sb.ui.toasts.map((t) => t.message);
    expect(toasts).toContain(`Importing members: 0 of ${listable.length} spaces…`);
    expect(toasts).toContain(`Importing messages: 0 of ${listable.length} spaces…`);
    expect(toasts.some((t) => /Members: \d+ imported/.test(t))).toBe(true);
  });

  it('writes in blocks: at most 3 data calls per 100 rows', () => {
    const rows = ['Spaces', 'Members', 'Messages'].reduce((n, t) => n + w.rows(t).length, 0);
    const calls = dataCalls.reduce((a, b) => a + b, 0);
    expect(calls / (rows / 100)).toBeLessThanOrEqual(3);
  });

  it('importing again adds nothing and changes nothing a person typed', () => {
    const before = ['Spaces', 'Members', 'Messages'].map((t) => w.rows(t).length);
    const inputs = w.rows('Spaces').map((r) => [r.Key, r['Display name'], r.Type]);
    importAll(w);
    expect(['Spaces', 'Members', 'Messages'].map((t) => w.rows(t).length)).toEqual(before);
    expect(w.rows('Spaces').map((r) => [r.Key, r['Display name'], r.Type])).toEqual(inputs);
  });

  it('an imported full roster with Members mode EXACT removes nobody', () => {
    const row = w.rows('Spaces').findIndex((r) => r.Type === 'SPACE' && ws.bySpace[r.Space].groups > 0);
    const space = w.rows('Spaces')[row].Space;
    const before = w.chat.members(space).length;
    w.set('Spaces', row + 2, { 'Members mode': 'EXACT' });
    w.run('syncMembers');
    expect(w.chat.members(space)).toHaveLength(before);
    expect(w.rows('Spaces')[row].Detail).toMatch(/membership matches the Members tab/);
  });

  it('edit → sync round trip: does exactly what the edited rows say', () => {
    const me = w.chat.userName(ADMIN)!;
    const spaces = w.rows('Spaces');
    const managed = spaces
      .map((r, i) => ({ r, row: i + 2 }))
      .filter(({ r }) => r.Type === 'SPACE' && ws.bySpace[r.Space].yourRole === 'ROLE_MANAGER');
    // Rename 10 spaces.
    const renamed = managed.slice(0, 10);
    for (const { r, row } of renamed)
      w.set('Spaces', row, {
        'Display name': `${r['Display name']} (renamed)`,
        Action: 'UPDATE',
        Status: '',
      });
    // Remove 20 people and change 5 roles, in spaces you manage.
    const managedSpaces = new Set(managed.map(({ r }) => r.Space));
    const key = new Map(spaces.map((r) => [r.Key, r.Space]));
    const people = w
      .rows('Members')
      .map((r, i) => ({ r, row: i + 2 }))
      .filter(
        ({ r }) =>
          managedSpaces.has(key.get(r.Space) ?? r.Space) &&
          r.State === 'JOINED' &&
          r.Role === 'MEMBER' &&
          r.Member.startsWith('users/') &&
          r.Member !== me &&
          !r.Detail.includes('Chat app'),
      );
    const removed = people.slice(0, 20);
    const promoted = people.slice(20, 25);
    for (const { row } of removed) w.set('Members', row, { Action: 'REMOVE', Status: '' });
    for (const { row } of promoted)
      w.set('Members', row, { Role: 'ASSISTANT_MANAGER', Action: 'ROLE', Status: '' });
    // Delete 15 of your messages (ones without replies: Chat deletes a thread start only with its replies),
    // and try to edit 3 of other people's and 1 of an app's.
    const messages = w.rows('Messages').map((r, i) => ({ r, row: i + 2 }));
    const threadSizes = counted(w, 'Messages', 'Thread');
    const mine = messages.filter(({ r }) => r.From === me && threadSizes.get(r.Thread) === 1);
    const deleted = mine.slice(0, 15);
    for (const { row } of deleted) w.set('Messages', row, { Action: 'DELETE', Status: '' });
    const others = messages
      .filter(({ r }) => r.From && r.From !== me && !r.From.endsWith('(app)'))
      .slice(0, 3);
    const app = messages.filter(({ r }) => r.From.endsWith('(app)')).slice(0, 1);
    for (const { r, row } of [...others, ...app])
      w.set('Messages', row, { Text: `${r.Text} (edited)`, Action: 'UPDATE', Status: '' });
    const membersBefore = listable.reduce((n, s) => n + w.chat.members(s).length, 0);
    const messagesBefore = liveMessages(w, listable);
    const logBefore = w.rows('Log').length;

    w.run('runAll');
    w.sb.runUntilIdle({ maxExecutions: 10 });

    const names = new Map(w.chat.spaces().map((s) => [s.name as string, String(s.displayName ?? '')]));
    expect(renamed.map(({ r }) => names.get(r.Space))).toEqual(
      renamed.map(({ r }) => `${r['Display name']} (renamed)`),
    );
    expect([...names.values()].filter((n) => n.endsWith('(renamed)'))).toHaveLength(10);
    const membersNow = listable.flatMap((s) => w.chat.members(s));
    expect(membersNow).toHaveLength(membersBefore - 20);
    const live = new Map(membersNow.map((m) => [m.name as string, m]));
    expect(removed.filter(({ r }) => live.has(r.Membership))).toEqual([]);
    expect(promoted.map(({ r }) => live.get(r.Membership)?.role)).toEqual(
      promoted.map(() => 'ROLE_ASSISTANT_MANAGER'),
    );
    expect(liveMessages(w, listable)).toBe(messagesBefore - 15);
    const after = w.rows('Messages');
    for (const { row } of deleted) expect(after[row - 2].Status).toBe('DONE');
    for (const { r, row } of others) {
      expect(after[row - 2]).toMatchObject({ Status: 'INVALID' });
      expect(after[row - 2].Detail).toContain(`sent by ${r.From}, not by you`);
    }
    expect(after[app[0].row - 2]).toMatchObject({ Status: 'INVALID' });
    expect(after[app[0].row - 2].Detail).toContain('sent by a Chat app');
    // Exactly those writes reached Chat.
    const writes: Record<string, number> = {};
    for (const l of w.rows('Log').slice(logBefore))
      if (/\.(patch|delete|create|setup)$/.test(l.Action)) writes[l.Action] = (writes[l.Action] ?? 0) + 1;
    expect(writes).toEqual({
      'spaces.patch': 10,
      'spaces.members.delete': 20,
      'spaces.members.patch': 5,
      'spaces.messages.delete': 15,
    });
  });
});
