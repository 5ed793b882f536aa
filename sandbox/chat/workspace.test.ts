import type { ChatEmulator } from './emulator';
import type { ChatState } from './state';
import { callAs, newEmulator, type CallAs } from './testing';
import { WORKSPACE_SIZES, addToSpaces, buildWorkspace, type WorkspaceSummary } from './workspace';

const YOU = 'you@example.com';
const DAY = 86_400_000;

type Space = {
  name: string;
  spaceType: string;
  lastActiveTime?: string;
  membershipCount?: { joinedDirectHumanUserCount?: number; joinedGroupCount?: number };
};
type Membership = { name: string; state: string; member?: { type: string }; groupMember?: { name: string } };
type Message = { name: string; createTime: string; deleteTime?: string; sender?: { name: string } };

/** Reads without quotas: the lists below read every space. */
function reader(chat: ChatEmulator, email = YOU): CallAs {
  Object.assign(chat.limits, {
    spaceReadsPerMinute: 1e9,
    membershipReadsPerMinute: 1e9,
    messageReadsPerMinute: 1e9,
    perSpaceReads: 1e9,
  });
  return callAs(chat, chat.userToken(email));
}

function pages<T>(as: CallAs, method: string, field: string, params: Record<string, unknown>): T[] {
  const out: T[] = [];
  let pageToken: string | undefined;
  do {
    const r = as(method, { ...params, pageToken });
    expect(r.status).toBe(200);
    const body = r.body as Record<string, unknown>;
    out.push(...((body[field] as T[] | undefined) ?? []));
    pageToken = body.nextPageToken as string | undefined;
  } while (pageToken);
  return out;
}

/** The emulator's invariants, checked on its raw state: the broken ones, described (none expected). */
function invariantsBroken(st: ChatState, now: number): string[] {
  const broken: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) broken.push(what);
  };
  const unique = (xs: string[], what: string) => check(new Set(xs).size === xs.length, `${what} repeat`);
  unique(
    st.spaces.map((s) => s.id),
    'space ids',
  );
  unique(
    st.users.map((u) => u.id),
    'user ids',
  );
  unique(
    st.users.map((u) => u.email),
    'user e-mails',
  );
  unique(
    st.spaces.flatMap((s) => (s.displayName ? [s.displayName.toLowerCase()] : [])),
    'display names',
  );
  unique(
    st.threads.map((t) => `${t.space}/${t.id}`),
    'thread names',
  );
  unique(
    st.messages.map((m) => `${m.space}/${m.id}`),
    'message names',
  );
  const users = new Map(st.users.map((u) => [u.id, u]));
  const groups = new Set(st.groups.map((g) => g.id));
  const threads = new Set(st.threads.map((t) => `${t.space}/${t.id}`));
  const membersOf = new Map<string, ChatState['members']>();
  for (const m of st.members) {
    const xs = membersOf.get(m.space);
    if (xs) xs.push(m);
    else membersOf.set(m.space, [m]);
  }
  const messagesOf = new Map<string, ChatState['messages']>();
  for (const m of st.messages) {
    const xs = messagesOf.get(m.space);
    if (xs) xs.push(m);
    else messagesOf.set(m.space, [m]);
  }
  const dmPairs = new Set<string>();
  for (const s of st.spaces) {
    const at = `spaces/${s.id} (${s.spaceType})`;
    const ms = membersOf.get(s.id) ?? [];
    const keys = ms.map((m) => `${m.kind}:${m.id}`);
    check(new Set(keys).size === keys.length, `${at}: a member twice`);
    for (const m of ms) {
      check(m.createTime >= s.createTime, `${at}: a membership older than the space`);
      if (m.kind === 'user') check(users.has(m.id), `${at}: users/${m.id} unknown to the store`);
      if (m.kind === 'group') {
        check(groups.has(m.id), `${at}: groups/${m.id} unknown to the store`);
        check(s.spaceType === 'SPACE', `${at}: a group outside a named space`);
      }
      // The emulator invites only people outside the organization, into spaces that allow them.
      if (m.state === 'INVITED')
        check(
          m.kind === 'user' && users.get(m.id)?.external === true && s.externalUserAllowed,
          `${at}: ${m.kind}/${m.id} invited`,
        );
    }
    const joinedPeople = ms.filter((m) => m.kind === 'user' && m.state === 'JOINED');
    if (s.spaceType === 'SPACE')
      check(
        joinedPeople.some((m) => m.role === 'ROLE_MANAGER'),
        `${at}: no joined ROLE_MANAGER`,
      );
    if (s.spaceType === 'DIRECT_MESSAGE') {
      check(ms.length === 2 && ms.every((m) => m.state === 'JOINED'), `${at}: not two joined members`);
      check(
        ms.filter((m) => m.kind === 'app').length === (s.singleUserBotDm ? 1 : 0),
        `${at}: the app in a DM with a person, or not in its own`,
      );
      const pair = [...keys].sort().join('|');
      check(!dmPairs.has(pair), `${at}: a second DM of ${pair}`);
      dmPairs.add(pair);
    }
    if (s.spaceType === 'GROUP_CHAT') {
      check(joinedPeople.length >= 3, `${at}: fewer than 3 joined people`);
      check(
        ms.every((m) => m.kind === 'user' && m.role === 'ROLE_MEMBER'),
        `${at}: not all people, ROLE_MEMBER`,
      );
    }
    const msgs = messagesOf.get(s.id) ?? [];
    const latest = msgs.length ? Math.max(...msgs.map((m) => m.createTime)) : undefined;
    check(s.lastActiveTime === latest, `${at}: lastActiveTime is not its latest message's createTime`);
    const posters = new Set(joinedPeople.map((m) => `user:${m.id}`));
    if (ms.some((m) => m.kind === 'app')) posters.add('app');
    for (const m of msgs) {
      const what = `${at} messages/${m.id}`;
      check(threads.has(`${m.space}/${m.thread}`), `${what}: no such thread`);
      // Senders are members who could post: joined people, or the app where it is a member.
      const sender = m.sender.kind === 'app' ? 'app' : `user:${(m.sender as { id: string }).id}`;
      check(posters.has(sender), `${what}: sent by ${sender}, not a joined member`);
      check(m.createTime <= now && m.createTime >= s.createTime, `${what}: createTime out of range`);
      if (m.deleteTime !== undefined)
        check(
          m.deleteTime > m.createTime && m.deleteTime <= now && m.deletionType !== undefined,
          `${what}: deleteTime or deletionType`,
        );
      if (m.cardsV2) check(m.sender.kind === 'app', `${what}: cards from a person`);
      if (s.spaceType !== 'SPACE') check(!m.threadReply, `${what}: a thread reply outside a named space`);
    }
  }
  return broken;
}

describe('buildWorkspace', () => {
  let chat: ChatEmulator;
  let ws: WorkspaceSummary;
  let now: number;
  beforeAll(() => {
    ({ chat } = newEmulator());
    now = chat.clock.now();
    ws = buildWorkspace(chat, { you: YOU, seed: 7, ...WORKSPACE_SIZES.product });
  });

  test("the product test's sizes: 300+ spaces with group chats and DMs, 3,000+ memberships, 2,000+ messages", () => {
    expect(ws.spaces.total).toBeGreaterThanOrEqual(300);
    expect(ws.spaces.yours.GROUP_CHAT).toBe(70);
    expect(ws.spaces.yours.DIRECT_MESSAGE).toBe(45); // 44 with people and one with the app
    expect(ws.spaces.yours.SPACE).toBe(200);
    expect(ws.spaces.notYours).toBe(15);
    expect(ws.spaces.managedByYou).toBeGreaterThanOrEqual(40);
    expect(ws.memberships.total).toBeGreaterThanOrEqual(3000);
    expect(ws.memberships.groups).toBeGreaterThan(100);
    expect(ws.memberships.invited).toBeGreaterThan(50);
    expect(ws.memberships.app).toBeGreaterThan(20);
    expect(ws.messages.total - ws.messages.deleted).toBeGreaterThanOrEqual(2000);
    expect(ws.messages.deleted).toBeGreaterThan(0);
    expect(ws.messages.withCards).toBeGreaterThan(0);
    expect(ws.messages.threads).toBeLessThan(ws.messages.total); // replies in threads
    const senders = Object.keys(ws.messages.bySender);
    expect(senders.length).toBeGreaterThan(50);
    expect(ws.messages.bySender[YOU]).toBeGreaterThan(200);
    expect(ws.messages.bySender.app).toBeGreaterThan(20);
    expect(ws.messages.first).toBeGreaterThanOrEqual(now - 30 * DAY);
    expect(ws.messages.last).toBeLessThan(now);
    // No quota used, no call counted.
    expect(chat.stats.reads + chat.stats.writes).toBe(0);
  });

  test('the summary matches the store, and the store keeps every invariant', () => {
    const st = chat.toJSON();
    expect(invariantsBroken(st, now)).toEqual([]);
    expect(st.spaces).toHaveLength(ws.spaces.total);
    expect(st.members).toHaveLength(ws.memberships.total);
    expect(st.messages).toHaveLength(ws.messages.total);
    expect(st.messages.filter((m) => m.deleteTime !== undefined)).toHaveLength(ws.messages.deleted);
    expect(Object.keys(ws.bySpace)).toEqual(st.spaces.map((s) => `spaces/${s.id}`));
    const you = st.users.find((u) => u.email === YOU);
    expect(ws.you.name).toBe(`users/${you?.id}`);
    // `you` manage every named space they made, and are in every group chat and DM counted as theirs.
    for (const [name, s] of Object.entries(ws.bySpace)) {
      const mine = st.members.find(
        (m) => `spaces/${m.space}` === name && m.kind === 'user' && m.id === you?.id,
      );
      expect([name, mine?.role]).toEqual([name, s.yourRole]);
    }
    const emails = new Map(st.users.map((u) => [u.id, u.email]));
    const bySender: Record<string, number> = {};
    for (const m of st.messages)
      if (m.deleteTime === undefined) {
        const key = m.sender.kind === 'app' ? 'app' : (emails.get((m.sender as { id: string }).id) as string);
        bySender[key] = (bySender[key] ?? 0) + 1;
      }
    expect(bySender).toEqual(ws.messages.bySender);
  });

  test('spaces.list pages through exactly the spaces you can list, each as built', () => {
    const you = reader(chat);
    for (const pageSize of [100, 1000]) {
      const listed = pages<Space>(you, 'chat.spaces.list', 'spaces', { pageSize });
      expect(listed.map((s) => s.name)).toEqual(ws.listable);
    }
    const listed = pages<Space>(you, 'chat.spaces.list', 'spaces', { pageSize: 1000 });
    for (const s of listed) {
      const built = ws.bySpace[s.name];
      expect(s.spaceType).toBe(built.type);
      expect(s.membershipCount).toEqual({
        ...(built.joinedPeople ? { joinedDirectHumanUserCount: built.joinedPeople } : {}),
        ...(built.groups ? { joinedGroupCount: built.groups } : {}),
      });
      expect(s.lastActiveTime === undefined).toBe(built.messages + built.deleted === 0);
    }
    expect(listed.filter((s) => s.spaceType === 'DIRECT_MESSAGE')).toHaveLength(45);
    const dmsAndGroups = pages<Space>(you, 'chat.spaces.list', 'spaces', {
      filter: 'space_type = "GROUP_CHAT" OR space_type = "DIRECT_MESSAGE"',
    });
    expect(dmsAndGroups).toHaveLength(ws.spaces.yours.GROUP_CHAT + ws.spaces.yours.DIRECT_MESSAGE);
    // Someone else sees their own spaces only.
    const other = reader(chat, ws.people[0]);
    const theirs = pages<Space>(other, 'chat.spaces.list', 'spaces', { pageSize: 1000 });
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.length).toBeLessThan(ws.listable.length);
  });

  test('members.list answers each space as built: showGroups, showInvited, the app', () => {
    const you = reader(chat);
    for (const name of ws.listable) {
      const built = ws.bySpace[name];
      const all = pages<Membership>(you, 'chat.spaces.members.list', 'memberships', {
        parent: name,
        showGroups: true,
        showInvited: true,
      });
      expect(all.filter((m) => m.groupMember)).toHaveLength(built.groups);
      expect(all.filter((m) => m.state === 'INVITED')).toHaveLength(built.invited);
      expect(all.filter((m) => m.member?.type === 'BOT')).toHaveLength(built.app ? 1 : 0);
      expect(all.filter((m) => m.member?.type === 'HUMAN' && m.state === 'JOINED')).toHaveLength(
        built.joinedPeople,
      );
      const plain = pages<Membership>(you, 'chat.spaces.members.list', 'memberships', { parent: name });
      expect(plain).toHaveLength(built.joinedPeople + (built.app ? 1 : 0));
    }
  });

  test('messages.list answers each space as built, with a create_time filter and showDeleted', () => {
    const you = reader(chat);
    const since = now - 10 * DAY;
    const filter = `create_time > "${new Date(since).toISOString()}"`;
    let recent = 0;
    for (const name of ws.listable) {
      const built = ws.bySpace[name];
      const live = pages<Message>(you, 'chat.spaces.messages.list', 'messages', {
        parent: name,
        pageSize: 1000,
      });
      expect(live).toHaveLength(built.messages);
      const all = pages<Message>(you, 'chat.spaces.messages.list', 'messages', {
        parent: name,
        showDeleted: true,
      });
      expect(all).toHaveLength(built.messages + built.deleted);
      expect(all.filter((m) => m.deleteTime)).toHaveLength(built.deleted);
      const times = all.map((m) => Date.parse(m.createTime));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      const after = pages<Message>(you, 'chat.spaces.messages.list', 'messages', { parent: name, filter });
      expect(after.map((m) => m.name)).toEqual(
        live.filter((m) => Date.parse(m.createTime) > since).map((m) => m.name),
      );
      recent += after.length;
    }
    expect(recent).toBeGreaterThan(0);
    expect(recent).toBeLessThan(ws.messages.total);
  });
});

describe('buildWorkspace: seeds, sizes, speed', () => {
  test('the invariant check finds a broken workspace', () => {
    const { chat } = newEmulator();
    buildWorkspace(chat, { you: YOU, seed: 5 });
    const st = chat.toJSON();
    const dm = st.spaces.find((s) => s.spaceType === 'DIRECT_MESSAGE' && !s.singleUserBotDm);
    const named = st.spaces.find((s) => s.spaceType === 'SPACE' && s.lastActiveTime !== undefined);
    if (!dm || !named) throw new Error('the workspace has a DM and a named space with messages');
    st.members.push({ ...st.members.find((m) => m.space === named.id)!, space: dm.id, id: 'someone-else' });
    named.lastActiveTime = (named.lastActiveTime as number) + 1;
    const broken = invariantsBroken(st, chat.clock.now());
    expect(broken).toEqual(
      expect.arrayContaining([
        `spaces/${dm.id} (DIRECT_MESSAGE): not two joined members`,
        `spaces/${dm.id} (DIRECT_MESSAGE): users/someone-else unknown to the store`,
        `spaces/${named.id} (SPACE): lastActiveTime is not its latest message's createTime`,
      ]),
    );
  });

  test('the same seed builds the same workspace; another seed another one', () => {
    const build = (seed: number) => {
      const { chat } = newEmulator();
      const summary = buildWorkspace(chat, { you: YOU, seed });
      return { summary, state: chat.toJSON() };
    };
    const a = build(3);
    const b = build(3);
    expect(b.summary).toEqual(a.summary);
    expect(b.state).toEqual(a.state);
    expect(build(4).summary).not.toEqual(a.summary);
  });

  test('the bench: 2,000 spaces and 20,000 memberships, built well within a second or two', () => {
    const { chat } = newEmulator();
    const started = performance.now();
    const ws = buildWorkspace(chat, { you: YOU, seed: 1, ...WORKSPACE_SIZES.bench });
    const took = performance.now() - started;
    expect(ws.spaces.total).toBe(2000);
    expect(ws.memberships.total).toBeGreaterThanOrEqual(20_000);
    expect(took).toBeLessThan(2500);
    expect(invariantsBroken(chat.toJSON(), chat.clock.now())).toEqual([]);
    // spaces.list at its largest page size: 1000, then the rest.
    const you = reader(chat);
    const first = you('chat.spaces.list', { pageSize: 1000 }).body as {
      spaces: Space[];
      nextPageToken: string;
    };
    expect(first.spaces).toHaveLength(1000);
    const rest = you('chat.spaces.list', { pageSize: 1000, pageToken: first.nextPageToken }).body as {
      spaces: Space[];
      nextPageToken?: string;
    };
    expect([...first.spaces, ...rest.spaces].map((s) => s.name)).toEqual(ws.listable);
    expect(rest.nextPageToken).toBeUndefined();
  });

  test('on top of an existing workspace: no name or DM clash; another caller, another seed', () => {
    const { chat, clock } = newEmulator();
    const you = callAs(chat, chat.userToken(YOU));
    const made = you('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Platform release 0001' });
    expect(made.status).toBe(200);
    clock.advance(1000);
    const first = buildWorkspace(chat, { you: YOU, seed: 1, people: 12, directMessages: 10 });
    const second = buildWorkspace(chat, { you: YOU, seed: 2, people: 12, directMessages: 2 });
    const other = buildWorkspace(chat, { you: 'boss@example.com', seed: 9 });
    expect(invariantsBroken(chat.toJSON(), chat.clock.now())).toEqual([]);
    expect(first.listable[0]).toBe((made.body as Space).name);
    expect(second.listable.length).toBeGreaterThan(first.listable.length);
    expect(other.listable.length).toBeLessThan(second.listable.length);
    expect(() => buildWorkspace(chat, { you: YOU, seed: 3, people: 12, directMessages: 1 })).toThrow(
      /direct messages need as many people/,
    );
    // The emulator goes on working as usual on the built workspace.
    const space = first.listable.find((n) => first.bySpace[n]?.yourRole === 'ROLE_MANAGER') as string;
    const posted = you('chat.spaces.messages.create', { parent: space }, { text: 'after the build' });
    expect(posted.status).toBe(200);
    expect(chat.messages(space).at(-1)?.text).toBe('after the build');
  });
});

describe('buildWorkspace: what administrator tests need', () => {
  const BASE = 'customer = "customers/my_customer" AND space_type = "SPACE"';
  /** Every space an administrator's search finds (reads without quotas). */
  function searchAll(chat: ChatEmulator, query: string): string[] {
    const admin = reader(chat);
    return pages<Space>(admin, 'chat.spaces.search', 'spaces', {
      query,
      useAdminAccess: true,
      pageSize: 1000,
    }).map((s) => s.name);
  }

  test('a person in 40 of 300+ spaces, you (an administrator) in only 5 of them', () => {
    const { chat } = newEmulator();
    const now = chat.clock.now();
    const ws = buildWorkspace(chat, {
      you: YOU,
      seed: 11,
      ...WORKSPACE_SIZES.product,
      admin: true,
      person: { email: 'leaver@example.com', in: 40, alsoYours: 5 },
    });
    expect(ws.spaces.total).toBeGreaterThanOrEqual(300);
    expect(chat.isAdmin(YOU)).toBe(true);
    const p = ws.person!;
    expect([p.spaces.length, p.yours.length, p.notYours.length]).toEqual([40, 5, 35]);
    expect(ws.spaces.notYours).toBeGreaterThanOrEqual(35); // more were built for the person
    const st = chat.toJSON();
    expect(invariantsBroken(st, now)).toEqual([]);
    expect(st.members).toHaveLength(ws.memberships.total);
    const id = p.name.slice('users/'.length);
    const theirs = st.members.filter((m) => m.kind === 'user' && m.id === id);
    expect(theirs.map((m) => `spaces/${m.space}`).sort()).toEqual([...p.spaces].sort());
    expect(theirs.every((m) => m.state === 'JOINED' && m.role === 'ROLE_MEMBER')).toBe(true);
    for (const n of p.yours) expect(ws.bySpace[n].yourRole).toBeDefined();
    for (const n of p.notYours) expect(ws.bySpace[n].yourRole).toBeUndefined();
    // An administrator finds them: search every named space, then members.get of the person in each.
    const admin = reader(chat);
    const found = searchAll(chat, BASE).filter(
      (space) =>
        admin('chat.spaces.members.get', {
          name: `${space}/members/leaver@example.com`,
          useAdminAccess: true,
        }).status === 200,
    );
    expect(found.sort()).toEqual([...p.spaces].sort());
    // Without admin access `you` see only the five.
    const mine = pages<Space>(admin, 'chat.spaces.list', 'spaces', { pageSize: 1000 }).map((s) => s.name);
    expect(p.spaces.filter((n) => mine.includes(n)).sort()).toEqual([...p.yours].sort());
  });

  test('idle spaces: exactly those last active before the date, every other one active since', () => {
    const { chat } = newEmulator();
    const now = chat.clock.now();
    const before = new Date(now - 90 * DAY);
    const ws = buildWorkspace(chat, {
      you: YOU,
      seed: 12,
      admin: true,
      spaces: 120,
      notYours: 40,
      messagesPerSpace: [0, 4],
      idle: { spaces: 50, before },
    });
    expect(ws.idle).toHaveLength(50);
    expect(invariantsBroken(chat.toJSON(), now)).toEqual([]);
    const idle = searchAll(chat, `${BASE} AND last_active_time < "${before.toISOString()}"`);
    expect(idle.sort()).toEqual([...ws.idle].sort());
    const active = searchAll(chat, `${BASE} AND last_active_time >= "${before.toISOString()}"`);
    expect(active.length + idle.length).toBe(ws.named.length);
  });

  test('exactly so many spaces allow external users: the search for them finds those', () => {
    const { chat } = newEmulator();
    const ws = buildWorkspace(chat, {
      you: YOU,
      seed: 13,
      admin: true,
      spaces: 60,
      notYours: 10,
      externalSpaces: 17,
    });
    expect(ws.external).toHaveLength(17);
    expect(searchAll(chat, `${BASE} AND external_user_allowed = true`).sort()).toEqual(
      [...ws.external].sort(),
    );
    expect(invariantsBroken(chat.toJSON(), chat.clock.now())).toEqual([]);
  });

  test('the same options build the same workspace; admin: false takes the privilege away', () => {
    const build = () => {
      const { chat } = newEmulator();
      chat.setAdmin(YOU);
      const summary = buildWorkspace(chat, {
        you: YOU,
        seed: 5,
        admin: false,
        person: { email: 'p@example.com', in: 6, alsoYours: 2 },
        idle: { spaces: 4, before: chat.clock.now() - 40 * DAY },
        externalSpaces: 3,
      });
      return { summary, state: chat.toJSON(), admin: chat.isAdmin(YOU) };
    };
    const a = build();
    expect(build()).toEqual(a);
    expect(a.admin).toBe(false);
  });

  test('options that cannot be met are refused with what to change', () => {
    const { chat } = newEmulator();
    const now = chat.clock.now();
    const build = (o: Partial<Parameters<typeof buildWorkspace>[1]>) => () =>
      buildWorkspace(chat, { you: YOU, seed: 1, ...o });
    expect(build({ person: { email: YOU, in: 3 } })).toThrow(/someone other than you/);
    expect(build({ person: { email: 'x@other.example', in: 3 } })).toThrow(/must be of example.com/);
    expect(build({ person: { email: 'x@example.com', in: 3, alsoYours: 4 } })).toThrow(/alsoYours ≤ in/);
    expect(build({ person: { email: 'x@example.com', in: 30, alsoYours: 25 } })).toThrow(/raise "spaces"/);
    expect(build({ idle: { spaces: 2, before: now - DAY } })).toThrow(/idle.before must be at or before/);
    expect(build({ externalSpaces: 500 })).toThrow(/externalSpaces 500 of \d+ named spaces/);
  });

  test('addToSpaces: a person joins the spaces given (named spaces and group chats), once', () => {
    const { chat } = newEmulator();
    const ws = buildWorkspace(chat, { you: YOU, seed: 2 });
    const groupChat = Object.keys(ws.bySpace).find((n) => ws.bySpace[n].type === 'GROUP_CHAT')!;
    const dm = Object.keys(ws.bySpace).find((n) => ws.bySpace[n].type === 'DIRECT_MESSAGE')!;
    const spaces = [...ws.named.slice(0, 3), groupChat];
    const name = addToSpaces(chat, 'new@example.com', spaces, 'ROLE_MANAGER');
    addToSpaces(chat, 'new@example.com', spaces.slice(0, 1));
    const st = chat.toJSON();
    const theirs = st.members.filter((m) => `users/${m.id}` === name);
    expect(theirs.map((m) => [`spaces/${m.space}`, m.role, m.state])).toEqual([
      ...ws.named.slice(0, 3).map((n) => [n, 'ROLE_MANAGER', 'JOINED']),
      [groupChat, 'ROLE_MEMBER', 'JOINED'],
    ]);
    expect(invariantsBroken(st, chat.clock.now())).toEqual([]);
    expect(() => addToSpaces(chat, 'new@example.com', [dm])).toThrow(/direct message/);
  });
});
