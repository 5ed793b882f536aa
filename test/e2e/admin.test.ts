// Admin mode (issue 18) on the built bundle: offboarding a person from spaces the admin is not in, an idle
// clean-up and an audit through the Import spaces search, a person without the privilege, what admin
// access refuses, and a cut-off sweep over an admin run.
import { buildWorkspace } from '../../sandbox/chat/workspace';
import type { UiAnswer } from '../../sandbox/runtime';
import { ADMIN, world, type World } from '../support/world';

const LEAVER = 'leaver@example.com';

/** Runs an entry point from the menu with the person's answers to its questions, then its continuations. */
function click(w: World, fn: string, ...answers: UiAnswer[]) {
  w.sb.ui.answers.push(...answers);
  const r = w.run(fn);
  w.sb.runUntilIdle({ maxExecutions: 20 });
  return r;
}

/** Sets a column on every row of a tab and clears Status, as a person readying an edit → sync. */
function setAll(w: World, tab: string, cells: Record<string, string>) {
  w.rows(tab).forEach((_, i) => w.set(tab, i + 2, { ...cells, Status: '' }));
}

const chatCalls = (w: World) => w.rows('Log').filter((l) => l.Action.startsWith('spaces'));

describe('Admin mode', () => {
  it('offboarding: a person in 40 of 300 spaces, the admin in 5 of them, removed from all 40', () => {
    const w = world();
    const ws = buildWorkspace(w.chat, {
      you: ADMIN,
      seed: 21,
      spaces: 20,
      groupChats: 4,
      directMessages: 3,
      notYours: 290,
      membersPerSpace: [3, 6],
      messagesPerSpace: [1, 2],
      person: { email: LEAVER, in: 40, alsoYours: 5 },
    });
    expect(ws.spaces.total).toBeGreaterThanOrEqual(300);
    const theirs = ws.person!.spaces;
    expect([theirs.length, ws.person!.yours.length]).toEqual([40, 5]);

    click(w, 'findPersonSpaces', { button: 'OK', text: LEAVER }, { button: 'YES' });
    const rows = w.rows('Members');
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.As === 'ADMIN' && r.Member === LEAVER && r.Status === 'DONE')).toBe(true);
    const spaceOf = new Map(w.rows('Spaces').map((r) => [r.Key, r.Space]));
    expect(rows.map((r) => spaceOf.get(r.Space) ?? r.Space).sort()).toEqual([...theirs].sort());

    setAll(w, 'Members', { Action: 'REMOVE' });
    click(w, 'syncMembers');
    expect(w.rows('Members').map((r) => r.Status)).toEqual(rows.map(() => 'DONE'));
    const still = ws.named.filter((s) =>
      w.chat.members(s).some((m) => (m.member as { name?: string })?.name === w.chat.userName(LEAVER)),
    );
    expect(still).toEqual([]);
    // Nobody else left any space.
    const deletes = chatCalls(w).filter((l) => l.Action === 'spaces.members.delete');
    expect(deletes).toHaveLength(40);
  });

  it('idle clean-up: “inactive since” finds exactly the idle spaces; deleting them touches no other', () => {
    const w = world();
    const ws = buildWorkspace(w.chat, {
      you: ADMIN,
      seed: 22,
      spaces: 10,
      notYours: 90,
      groupChats: 2,
      directMessages: 2,
      membersPerSpace: [3, 5],
      messagesPerSpace: [1, 2],
      idle: { spaces: 50, before: Date.UTC(2025, 10, 20) },
    });
    click(w, 'importSpaces', { button: 'OK', text: 'inactive since 2025-11-25' });
    const found = w.rows('Spaces');
    expect(found.map((r) => r.Space).sort()).toEqual([...ws.idle].sort());
    expect(found.every((r) => r.As === 'ADMIN')).toBe(true);

    // An imported ADMIN row edits like any: renamed with admin access (its History left blank, as is).
    const first = found[0];
    w.set('Spaces', 2, { 'Display name': `${first['Display name']} (old)`, Action: 'UPDATE', Status: '' });
    click(w, 'syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({ Status: 'DONE', History: '' });
    expect(w.chat.spaces().find((s) => s.name === first.Space)?.displayName).toBe(
      `${first['Display name']} (old)`,
    );

    const before = w.chat.spaces().map((s) => s.name as string);
    setAll(w, 'Spaces', { Action: 'DELETE' });
    click(w, 'syncSpaces', { button: 'YES' });
    expect(w.column('Spaces', 'Status')).toEqual(found.map(() => 'DONE'));
    const after = w.chat.spaces().map((s) => s.name as string);
    expect(after.sort()).toEqual(before.filter((s) => !ws.idle.includes(s)).sort());
  });

  it('audit: “external” finds exactly the spaces open to people outside the organisation', () => {
    const w = world();
    const ws = buildWorkspace(w.chat, {
      you: ADMIN,
      seed: 23,
      spaces: 10,
      notYours: 40,
      externalSpaces: 12,
    });
    click(w, 'importSpaces', { button: 'OK', text: 'external' });
    expect(w.column('Spaces', 'Space').sort()).toEqual([...ws.external].sort());
    expect(w.column('Spaces', 'External users')).toEqual(ws.external.map(() => 'TRUE'));
    // Their members, with admin access: people only (Chat lists no groups or apps then), As ADMIN.
    w.sb.selectRange('Log', 'A1');
    click(w, 'importMembers');
    const people = ws.external.flatMap((s) =>
      w.chat
        .members(s)
        .filter((m) => (m.member as { type?: string } | undefined)?.type === 'HUMAN')
        .map((m) => m.name as string),
    );
    expect(w.column('Members', 'Membership').sort()).toEqual(people.sort());
    expect(new Set(w.column('Members', 'As'))).toEqual(new Set(['ADMIN']));
    expect(
      w
        .rows('Log')
        .filter((l) => l.Action === 'spaces.members.list')
        .every((l) => l.Result === 'OK'),
    ).toBe(true);
  });

  it('a person without the admin privilege gets the advice once, and nothing else is tried', () => {
    const w = world();
    const ws = buildWorkspace(w.chat, {
      you: ADMIN,
      seed: 24,
      spaces: 4,
      notYours: 6,
      person: { email: LEAVER, in: 4, alsoYours: 0 },
    });
    w.chat.setAdmin(ADMIN, false);
    w.fill(
      'Members',
      ws.person!.spaces.map((s) => ({ Space: s, Member: LEAVER, Action: 'REMOVE', As: 'ADMIN' })),
    );
    click(w, 'syncMembers');
    const statuses = w.column('Members', 'Status');
    expect(statuses.filter((s) => s === 'ERROR')).toHaveLength(1);
    expect(statuses.filter((s) => s === '')).toHaveLength(3);
    expect(w.rows('Members').find((r) => r.Status === 'ERROR')!.Detail).toContain(
      'Manage Chat and spaces conversations',
    );
    const alerts = w.sb.ui.alerts.filter((a) => a.prompt.includes('Manage Chat and spaces conversations'));
    expect(alerts).toHaveLength(1);
    expect(chatCalls(w)).toHaveLength(1);
    // The person stays in every space.
    for (const s of ws.person!.spaces)
      expect(
        w.chat.members(s).some((m) => (m.member as { name?: string })?.name === w.chat.userName(LEAVER)),
      ).toBe(true);
  });

  it('what admin access does not allow is INVALID with the reason, before any call', () => {
    const w = world();
    const ws = buildWorkspace(w.chat, { you: ADMIN, seed: 25, spaces: 2, notYours: 2 });
    const space = ws.named.find((s) => !ws.bySpace[s].yourRole)!;
    w.chat.addGroup('team@example.com', 'g1');
    w.fill('Members', [
      { Space: space, Member: 'app', As: 'ADMIN' },
      { Space: space, Member: 'groups/g1', As: 'ADMIN' },
      { Space: space, Member: 'guest@partner.example', As: 'ADMIN' },
    ]);
    w.fill('Spaces', [
      { Key: 'new', 'Display name': 'New', As: 'ADMIN' },
      { Key: 'hist', Space: space, History: 'OFF', Action: 'UPDATE', As: 'ADMIN' },
      { Key: 'aud', Space: space, Audience: 'ORG', Action: 'UPDATE', As: 'ADMIN' },
    ]);
    w.fill('Messages', [{ Key: 'm', Space: space, Text: 'hi', As: 'ADMIN' }]);
    click(w, 'runAll');
    const said = ['Members', 'Spaces', 'Messages'].flatMap((t) =>
      w.rows(t).map((r) => [t, r.Status, r.Detail]),
    );
    const expected: [string, string][] = [
      ['Members', 'As ADMIN can’t manage the Chat app’s membership'],
      ['Members', 'As ADMIN can’t manage groups'],
      ['Members', 'As ADMIN can’t manage people outside your organisation'],
      ['Spaces', 'As ADMIN can’t create spaces'],
      ['Spaces', 'As ADMIN can’t change History'],
      ['Spaces', 'As ADMIN can’t change Audience'],
      ['Messages', 'As ADMIN is for Spaces and Members rows'],
    ];
    expect(said.map(([t, status, detail], i) => [t, status, detail.includes(expected[i]?.[1])])).toEqual(
      expected.map(([t]) => [t, 'INVALID', true]),
    );
    expect(chatCalls(w)).toEqual([]);
  });

  it('cut off after any call of an admin run, then run again: each change made once, the rest as uncut', () => {
    const base = world();
    const ws = buildWorkspace(base.chat, {
      you: ADMIN,
      seed: 26,
      spaces: 3,
      notYours: 9,
      membersPerSpace: [3, 4],
      person: { email: LEAVER, in: 6, alsoYours: 1 },
    });
    base.fill(
      'Members',
      ws.person!.spaces.map((s) => ({ Space: s, Member: LEAVER, Action: 'REMOVE', As: 'ADMIN' })),
    );
    const renamed = ws.named.filter((s) => !ws.bySpace[s].yourRole).slice(0, 3);
    base.fill(
      'Spaces',
      renamed.map((s, i) => ({
        Key: `s${i}`,
        Space: s,
        'Display name': `Renamed ${i}`,
        Action: 'UPDATE',
        As: 'ADMIN',
      })),
    );
    const uncut = world({ from: base });
    const total = uncut.run('runAll').totalCalls;
    const state = (w: World) => ({
      members: ws.named.map((s) => w.chat.members(s).length),
      names: renamed.map((s) => w.chat.spaces().find((x) => x.name === s)?.displayName),
      statuses: [...w.column('Members', 'Status'), ...w.column('Spaces', 'Status')],
    });
    const expected = state(uncut);
    expect(expected.statuses.every((s) => s === 'DONE')).toBe(true);
    expect(total).toBeGreaterThan(10);
    for (let k = 1; k < total; k++) {
      const w = world({ from: base });
      expect([k, w.sb.run('runAll', { cutAfterCalls: k }).outcome]).toEqual([k, 'cutoff']);
      w.sb.advance(61_000);
      w.sb.runUntilIdle({ maxExecutions: 5 });
      w.run('runAll');
      expect([k, state(w)]).toEqual([k, expected]);
      const crashed = w.sb.executions.filter((e) => e.outcome === 'error');
      expect(crashed).toEqual([]);
    }
  });
});
