// Imports under cut-offs, and Find a person's spaces. An import may be cut off after any service call;
// running it again (as a person would, or its continuation) must end with exactly the rows an uncut
// import makes: each space, membership and message once, nothing a person typed changed.
import { buildWorkspace } from '../../sandbox/chat/workspace';
import { ADMIN, world, type World } from '../support/world';

const IMPORTS: [fn: string, answer: string | undefined, tab: string, name: string][] = [
  ['importSpaces', '', 'Spaces', 'Space'],
  ['importMembers', undefined, 'Members', 'Membership'],
  ['importMessages', '2020-01-01', 'Messages', 'Message'],
];

/** A small workspace with its spaces imported (the start of the members and messages imports). */
function base(): World {
  const w = world();
  buildWorkspace(w.chat, { you: ADMIN, seed: 5, spaces: 8, groupChats: 3, directMessages: 2, notYours: 2 });
  return w;
}

function start(w: World, fn: string, answer: string | undefined) {
  if (answer !== undefined) w.sb.ui.answers.push({ button: 'OK', text: answer });
  if (fn === 'importMessages') w.sb.selectRange('Spaces', `A2:A${w.rows('Spaces').length + 1}`);
  else w.sb.selectRange('Log', 'A1');
}

/** The tab as the import leaves it, without the time stamps (a re-run stamps later). */
const snapshot = (w: World, tab: string) =>
  w
    .rows(tab)
    .map((r) => JSON.stringify({ ...r, Updated: undefined }))
    .sort();

describe('imports under cut-offs', () => {
  it.each(IMPORTS)('%s cut after any call, then run again: the same rows, each once', (fn, answer, tab) => {
    const before = base();
    // Each import starts from the ones before it, uncut.
    for (const [f, a] of IMPORTS.slice(
      0,
      IMPORTS.findIndex(([x]) => x === fn),
    )) {
      start(before, f, a);
      before.run(f);
    }
    const uncut = world({ from: before });
    start(uncut, fn, answer);
    const total = uncut.run(fn).totalCalls;
    const expected = snapshot(uncut, tab);
    expect(expected.length).toBeGreaterThan(10);
    expect(total).toBeGreaterThan(5);
    for (let k = 1; k < total; k++) {
      const w = world({ from: before });
      start(w, fn, answer);
      const cut = w.sb.run(fn, { cutAfterCalls: k });
      expect([k, cut.outcome]).toEqual([k, 'cutoff']);
      w.sb.advance(61_000);
      w.sb.runUntilIdle({ maxExecutions: 5 });
      start(w, fn, answer);
      w.run(fn);
      expect([k, snapshot(w, tab)]).toEqual([k, expected]);
    }
  });
});

describe('imports that need more than one execution', () => {
  it('messages: a space read part-way goes on from the newest message read, not from the start', () => {
    const w = world();
    buildWorkspace(w.chat, {
      you: ADMIN,
      seed: 9,
      spaces: 2,
      groupChats: 0,
      directMessages: 0,
      appDm: false,
      notYours: 0,
      messagesPerSpace: [1500, 1600],
      deletedShare: 0,
    });
    start(w, 'importSpaces', '');
    w.run('importSpaces');
    const spaces = w.column('Spaces', 'Space');
    // Chat answers slowly: 16 pages of 100 per space, one after the other, don't fit in one execution.
    w.sb.setLatency({ fetch: 30_000 });
    start(w, 'importMessages', '2020-01-01');
    const first = w.run('importMessages');
    expect(w.sb.triggers.some((t) => t.handler === 'continueRun' && !t.spent)).toBe(true);
    const more = w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(more.map((r) => [r.fn, r.outcome])).toEqual(more.map(() => ['continueRun', 'ok']));
    expect(more.length).toBeGreaterThan(0);
    const live = spaces.flatMap((s) => w.chat.messages(s).map((m) => m.name as string));
    expect(live.length).toBeGreaterThan(3000);
    expect(w.column('Messages', 'Message').sort()).toEqual([...live].sort());
    // Each space's pages are read about once: no continuation starts over.
    const lists = w.rows('Log').filter((l) => l.Action === 'spaces.messages.list').length;
    expect(lists).toBeLessThanOrEqual(Math.ceil(live.length / 100) + 2 * (1 + more.length));
    expect(first.outcome).toBe('ok');
  });

  it('members: a space read part-way goes on from its next page; no page is read twice', () => {
    const w = world();
    buildWorkspace(w.chat, {
      you: ADMIN,
      seed: 4,
      spaces: 12,
      groupChats: 0,
      directMessages: 0,
      appDm: false,
      notYours: 0,
      // Pages of 1000 for 12 spaces (paging.ts, pageSizeFor): three or more each.
      membersPerSpace: [2100, 3000],
      people: 3200,
    });
    start(w, 'importSpaces', '');
    w.run('importSpaces');
    const spaces = w.column('Spaces', 'Space');
    // Two waves an execution: every space is read part-way by the first.
    w.sb.setLatency({ fetch: 150_000 });
    start(w, 'importMembers', undefined);
    w.run('importMembers');
    const more = w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(more.length).toBeGreaterThan(0);
    const live = spaces.flatMap((s) => w.chat.members(s).map((m) => m.name as string));
    expect(w.column('Members', 'Membership').sort()).toEqual([...live].sort());
    const pages = spaces.reduce((n, s) => n + Math.max(1, Math.ceil(w.chat.members(s).length / 1000)), 0);
    const lists = w.rows('Log').filter((l) => l.Action === 'spaces.members.list').length;
    expect(lists).toBe(pages);
  });
});

describe('Find a person’s spaces (your own access)', () => {
  it('adds a Members row for every space of yours they are in; again, nothing; REMOVE offboards them', () => {
    const w = base();
    start(w, 'importSpaces', '');
    w.run('importSpaces');
    const mine = w.rows('Spaces').map((r) => r.Space);
    // The colleague in most of your spaces.
    const count = new Map<string, string[]>();
    for (const s of mine)
      for (const m of w.chat.members(s)) {
        const id = (m.member as { name?: string } | undefined)?.name;
        if (id && id !== w.chat.userName(ADMIN) && (m.member as { type: string }).type === 'HUMAN')
          count.set(id, [...(count.get(id) ?? []), s]);
      }
    const [id, spaces] = [...count].sort((a, b) => b[1].length - a[1].length)[0];
    const email = w.chat.toJSON().users.find((u) => `users/${u.id}` === id)!.email;
    expect(spaces.length).toBeGreaterThan(1);

    w.sb.ui.answers.push({ button: 'OK', text: email }, { button: 'NO' });
    w.run('findPersonSpaces');
    const rows = w.rows('Members');
    expect(rows.map((r) => w.rows('Spaces').find((s) => s.Key === r.Space)?.Space).sort()).toEqual(
      [...spaces].sort(),
    );
    expect(
      rows.every((r) => r.Member === email && r.Status === 'DONE' && r.Membership.endsWith(id.slice(6))),
    ).toBe(true);
    w.sb.advance(1000);
    w.sb.ui.answers.push({ button: 'OK', text: email }, { button: 'NO' });
    w.run('findPersonSpaces');
    expect(w.rows('Members')).toHaveLength(rows.length);

    rows.forEach((_, i) => w.set('Members', i + 2, { Action: 'REMOVE', Status: '' }));
    w.sb.advance(1000);
    w.run('syncMembers');
    const after = w.rows('Members');
    // Removed wherever you may manage members; elsewhere Chat refuses, and the row says so.
    for (const [i, r] of after.entries()) {
      const space = spaces.find((s) => rows[i].Membership.startsWith(s))!;
      const still = w.chat.members(space).some((m) => m.name === rows[i].Membership);
      expect([r.Status, still]).toEqual(r.Status === 'DONE' ? ['DONE', false] : ['ERROR', true]);
    }
    expect(after.filter((r) => r.Status === 'DONE').length).toBeGreaterThan(0);
  });

  it('a prompt answer that is not an e-mail gets a plain alert, and nothing runs', () => {
    const w = base();
    w.sb.ui.answers.push({ button: 'OK', text: 'not a person' });
    const r = w.run('findPersonSpaces');
    expect(w.sb.ui.alerts.map((a) => a.prompt)).toEqual(['“not a person” is not an e-mail address.']);
    expect(r.calls['Chat.spaces.list'] ?? 0).toBe(0);
  });
});
