// The three list methods the imports read (spaces.list, spaces.members.list, spaces.messages.list), each rule
// tested against the reference page it follows:
// https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/list
// https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.members/list
// https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/list
import { CHAT_BOT_SCOPE } from './auth';
import { APP_MESSAGES_READONLY_SCOPE } from './messages';
import {
  appToken,
  callAs,
  errorOf,
  newEmulator,
  signedAssertion,
  tokenRequest,
  withTeamSpace,
  type CallAs,
} from './testing';
import type { ChatEmulator } from './emulator';

type Space = {
  name: string;
  spaceType: string;
  createTime?: string;
  lastActiveTime?: string;
  membershipCount?: { joinedDirectHumanUserCount?: number; joinedGroupCount?: number };
  spaceUri?: string;
};
type Membership = {
  name: string;
  role: string;
  state: string;
  member?: { name: string; type: string };
  groupMember?: { name: string };
};
type Message = {
  name: string;
  text?: string;
  createTime: string;
  deleteTime?: string;
  deletionMetadata?: { deletionType: string };
  sender?: unknown;
  thread?: { name: string };
  space?: { name: string };
};

/** No quota gets in the way of making many resources quickly. */
const UNLIMITED = {
  limits: {
    spaceCreationsPerMinute: 1e9,
    spaceWritesPerMinute: 1e9,
    membershipWritesPerMinute: 1e9,
    messageWritesPerMinute: 1e9,
    perSpaceWrites: 1e9,
    spaceReadsPerMinute: 1e9,
    membershipReadsPerMinute: 1e9,
    messageReadsPerMinute: 1e9,
    perSpaceReads: 1e9,
  },
};

const ok = <T>(r: { status: number; body: unknown }): T => {
  expect(r.status).toBe(200);
  return r.body as T;
};

const invalidArgument = (r: { status: number; body: unknown }) =>
  expect([r.status, errorOf(r).status]).toEqual([400, 'INVALID_ARGUMENT']);

/** An app token that also carries chat.app.messages.readonly (granted with administrator approval). */
function appReaderToken(chat: ChatEmulator): string {
  const key = chat.serviceAccountKeys()[0] ?? chat.addServiceAccount();
  const res = chat.http(
    tokenRequest(
      signedAssertion(key, chat.clock.now(), { scope: `${CHAT_BOT_SCOPE} ${APP_MESSAGES_READONLY_SCOPE}` }),
    ),
  );
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

describe('pageSize and pageToken (all three lists)', () => {
  // pageSize: "If unspecified, at most 100 spaces are returned. The maximum value is 1000. If you use a value
  // more than 1000, it's automatically changed to 1000. Negative values return an INVALID_ARGUMENT error."
  test('spaces.list: 100 by default, 1000 at most, negative → 400', () => {
    const { chat } = newEmulator(UNLIMITED);
    const you = callAs(chat, chat.userToken('you@example.com'));
    for (let i = 0; i < 1001; i++)
      you('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: `S${i}` });
    const first = ok<{ spaces: Space[]; nextPageToken: string }>(you('chat.spaces.list'));
    expect(first.spaces).toHaveLength(100);
    expect(ok<{ spaces: Space[] }>(you('chat.spaces.list', { pageSize: 0 })).spaces).toHaveLength(100);
    const big = ok<{ spaces: Space[]; nextPageToken: string }>(you('chat.spaces.list', { pageSize: 5000 }));
    expect(big.spaces).toHaveLength(1000);
    const rest = ok<{ spaces: Space[]; nextPageToken?: string }>(
      you('chat.spaces.list', { pageSize: 5000, pageToken: big.nextPageToken }),
    );
    expect(rest.spaces).toHaveLength(1);
    expect(rest.nextPageToken).toBeUndefined();
    invalidArgument(you('chat.spaces.list', { pageSize: -1 }));
    invalidArgument(you('chat.spaces.list', { pageToken: 'not a token' }));
  });

  test('members.list: 100 by default, 1000 at most, negative → 400', () => {
    const { chat, owner, space } = withTeamSpace('Team', UNLIMITED);
    for (let i = 0; i < 1000; i++)
      owner('chat.spaces.members.create', { parent: space }, { member: { name: `users/p${i}@example.com` } });
    const list = (q: Record<string, unknown>) =>
      ok<{ memberships: Membership[]; nextPageToken?: string }>(
        owner('chat.spaces.members.list', { parent: space, ...q }),
      );
    expect(list({}).memberships).toHaveLength(100);
    const big = list({ pageSize: 1001 });
    expect(big.memberships).toHaveLength(1000);
    expect(list({ pageSize: 1001, pageToken: big.nextPageToken }).memberships).toHaveLength(1);
    invalidArgument(owner('chat.spaces.members.list', { parent: space, pageSize: -5 }));
    expect(chat.members(space)).toHaveLength(1001);
  });

  test('messages.list: 25 by default, 1000 at most, negative → 400', () => {
    const { owner, space } = withTeamSpace('Team', UNLIMITED);
    for (let i = 0; i < 1001; i++) owner('chat.spaces.messages.create', { parent: space }, { text: `m${i}` });
    const list = (q: Record<string, unknown>) =>
      ok<{ messages: Message[]; nextPageToken?: string }>(
        owner('chat.spaces.messages.list', { parent: space, ...q }),
      );
    expect(list({}).messages).toHaveLength(25);
    const big = list({ pageSize: 2000 });
    expect(big.messages).toHaveLength(1000);
    expect(list({ pageSize: 2000, pageToken: big.nextPageToken }).messages.map((m) => m.text)).toEqual([
      'm1000',
    ]);
    invalidArgument(owner('chat.spaces.messages.list', { parent: space, pageSize: -1 }));
  });
});

describe('spaces.list', () => {
  function world() {
    const { chat, clock } = newEmulator();
    const you = callAs(chat, chat.userToken('you@example.com'));
    const made = (r: { body: unknown }) => (r.body as Space).name;
    const named = made(you('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Named' }));
    const group = made(
      you(
        'chat.spaces.setup',
        {},
        {
          space: { spaceType: 'GROUP_CHAT' },
          memberships: [
            { member: { name: 'users/a@example.com' } },
            { member: { name: 'users/b@example.com' } },
          ],
        },
      ),
    );
    const dm = made(
      you(
        'chat.spaces.setup',
        {},
        {
          space: { spaceType: 'DIRECT_MESSAGE' },
          memberships: [{ member: { name: 'users/a@example.com' } }],
        },
      ),
    );
    clock.advance(1000);
    const names = (q: Record<string, unknown> = {}, as: CallAs = you) =>
      (ok<{ spaces?: Space[] }>(as('chat.spaces.list', q)).spaces ?? []).map((s) => s.name);
    return { chat, clock, you, named, group, dm, names };
  }

  // "Lists spaces the caller is a member of. Group chats and DMs aren't listed until the first message is sent."
  test("group chats and DMs aren't listed until their first message", () => {
    const { clock, you, named, group, dm, names } = world();
    expect(names()).toEqual([named]);
    you('chat.spaces.messages.create', { parent: group }, { text: 'hi all' });
    expect(names()).toEqual([named, group]);
    you('chat.spaces.messages.create', { parent: dm }, { text: 'hi' });
    expect(names()).toEqual([named, group, dm]);
    clock.advance(1000);
    // Deleting the message doesn't take the conversation out of the list again.
    const [first] = ok<{ messages: Message[] }>(you('chat.spaces.messages.list', { parent: dm })).messages;
    expect(you('chat.spaces.messages.delete', { name: first.name }).status).toBe(200);
    expect(names()).toEqual([named, group, dm]);
  });

  test('only spaces the caller has joined: not others, not where they are only invited; the app its own', () => {
    const { chat, clock, you, named, names } = world();
    chat.addUser('guest@partner.example', { external: true });
    const open = (
      you('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Open', externalUserAllowed: true })
        .body as Space
    ).name;
    clock.advance(1000);
    you('chat.spaces.members.create', { parent: open }, { member: { name: 'users/guest@partner.example' } });
    you('chat.spaces.members.create', { parent: named }, { member: { name: 'users/app', type: 'BOT' } });
    const guest = callAs(chat, chat.userToken('guest@partner.example'));
    expect(names({}, guest)).toEqual([]);
    expect(names({}, callAs(chat, chat.userToken('stranger@example.com')))).toEqual([]);
    expect(names({}, callAs(chat, appToken(chat)))).toEqual([named]);
  });

  // filter: "To filter by space type, you must specify valid enum value, such as SPACE or GROUP_CHAT (the
  // space_type can't be SPACE_TYPE_UNSPECIFIED). To query for multiple space types, use the OR operator."
  // Valid: `space_type = "SPACE"`, `spaceType = "GROUP_CHAT" OR spaceType = "DIRECT_MESSAGE"`.
  test('filter by space type, joined by OR', () => {
    const { you, named, group, dm, names } = world();
    you('chat.spaces.messages.create', { parent: group }, { text: 'x' });
    you('chat.spaces.messages.create', { parent: dm }, { text: 'x' });
    expect(names({ filter: 'space_type = "SPACE"' })).toEqual([named]);
    expect(names({ filter: 'spaceType = "GROUP_CHAT" OR spaceType = "DIRECT_MESSAGE"' })).toEqual([
      group,
      dm,
    ]);
    expect(names({ filter: 'space_type = "DIRECT_MESSAGE" OR space_type = "SPACE"' })).toEqual([named, dm]);
    expect(names({ filter: 'space_type = GROUP_CHAT' })).toEqual([group]);
  });

  test.each([
    ['space_type = "SPACE_TYPE_UNSPECIFIED"', 'unspecified type'],
    ['space_type = "ROOM"', 'not a space type'],
    ['space_type = "space"', 'enum values are upper case'],
    ['space_type = "SPACE" AND space_type = "GROUP_CHAT"', 'AND'],
    ['space_type = "SPACE" or space_type = "GROUP_CHAT"', 'lower-case or'],
    ['space_type != "SPACE"', 'another operator'],
    ['display_name = "Named"', 'another field'],
    ['SPACE_TYPE = "SPACE"', 'another spelling of the field'],
  ])('an invalid filter (%s: %s) → 400 INVALID_ARGUMENT', (filter) => {
    const { you } = world();
    invalidArgument(you('chat.spaces.list', { filter }));
  });
});

describe('spaces JSON', () => {
  // https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces#Space
  test('createTime for spaces and group chats only; membershipCount; lastActiveTime follows new messages', () => {
    const { chat, clock } = newEmulator();
    const you = callAs(chat, chat.userToken('you@example.com'));
    chat.addGroup('team@example.com', 'g1');
    const named = ok<Space>(
      you(
        'chat.spaces.setup',
        {},
        {
          space: { spaceType: 'SPACE', displayName: 'Counted' },
          memberships: [{ member: { name: 'users/a@example.com' } }, { groupMember: { name: 'groups/g1' } }],
        },
      ),
    );
    expect(named.createTime).toBe(new Date(clock.now()).toISOString());
    expect(named.membershipCount).toEqual({ joinedDirectHumanUserCount: 2, joinedGroupCount: 1 });
    expect(named.lastActiveTime).toBeUndefined();
    expect(named.spaceUri).toMatch(/^https:\/\//);
    const dm = ok<Space>(
      you(
        'chat.spaces.setup',
        {},
        {
          space: { spaceType: 'DIRECT_MESSAGE' },
          memberships: [{ member: { name: 'users/a@example.com' } }],
        },
      ),
    );
    expect(dm.createTime).toBeUndefined();
    expect(dm.membershipCount).toEqual({ joinedDirectHumanUserCount: 2 });
    clock.advance(5000);
    const posted = ok<Message>(you('chat.spaces.messages.create', { parent: named.name }, { text: 'a' }));
    const get = () => ok<Space>(you('chat.spaces.get', { name: named.name }));
    expect(get().lastActiveTime).toBe(posted.createTime);
    clock.advance(5000);
    // An edit is not a new message: lastActiveTime stays ("Timestamp of the last message in the space").
    you('chat.spaces.messages.patch', { name: posted.name, updateMask: 'text' }, { text: 'b' });
    expect(get().lastActiveTime).toBe(posted.createTime);
    clock.advance(5000);
    const later = ok<Message>(you('chat.spaces.messages.create', { parent: named.name }, { text: 'c' }));
    expect(get().lastActiveTime).toBe(later.createTime);
  });
});

describe('members.list', () => {
  function world() {
    const { chat, owner, space } = withTeamSpace('Team', UNLIMITED);
    chat.addGroup('eng@example.com', 'eng');
    chat.addUser('guest@partner.example', { external: true });
    const add = (body: unknown) =>
      ok<Membership>(owner('chat.spaces.members.create', { parent: space }, body));
    const ann = add({ member: { name: 'users/ann@example.com' } });
    add({ member: { name: 'users/ben@example.com' } });
    owner('chat.spaces.members.patch', { name: ann.name, updateMask: 'role' }, { role: 'ROLE_MANAGER' });
    add({ member: { name: 'users/app', type: 'BOT' } });
    add({ groupMember: { name: 'groups/eng' } });
    return { chat, owner, space };
  }

  const who = (ms: Membership[] | undefined) =>
    (ms ?? []).map((m) => (m.groupMember ? m.groupMember.name : `${m.member?.type}:${m.role}:${m.state}`));

  test('showGroups and showInvited add group and invited memberships', () => {
    const { chat, owner, space } = world();
    const open = ok<Space>(
      owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Open', externalUserAllowed: true }),
    ).name;
    owner(
      'chat.spaces.members.create',
      { parent: open },
      { member: { name: 'users/guest@partner.example' } },
    );
    owner('chat.spaces.members.create', { parent: open }, { groupMember: { name: 'groups/eng' } });
    const list = (q: Record<string, unknown>) =>
      who(
        ok<{ memberships?: Membership[] }>(owner('chat.spaces.members.list', { parent: open, ...q }))
          .memberships,
      );
    expect(list({})).toEqual(['HUMAN:ROLE_MANAGER:JOINED']);
    expect(list({ showInvited: true })).toEqual(['HUMAN:ROLE_MANAGER:JOINED', 'HUMAN:ROLE_MEMBER:INVITED']);
    expect(list({ showGroups: true })).toEqual(['HUMAN:ROLE_MANAGER:JOINED', 'groups/eng']);
    expect(list({ showGroups: true, showInvited: true })).toHaveLength(3);
    // "If a filter is set, invited memberships that don't match the filter criteria aren't returned."
    expect(list({ showInvited: true, filter: 'role = "ROLE_MANAGER"' })).toEqual([
      'HUMAN:ROLE_MANAGER:JOINED',
    ]);
    expect(chat.members(space)).toHaveLength(5);
  });

  // "Listing memberships with app authentication … excludes Chat app memberships, including its own";
  // showInvited "currently requires user authentication".
  test('with app authentication: no app memberships, no invited people', () => {
    const { chat, owner, space } = world();
    const app = callAs(chat, appToken(chat));
    expect(
      who(ok<{ memberships: Membership[] }>(app('chat.spaces.members.list', { parent: space })).memberships),
    ).toEqual(['HUMAN:ROLE_MANAGER:JOINED', 'HUMAN:ROLE_MANAGER:JOINED', 'HUMAN:ROLE_MEMBER:JOINED']);
    expect(
      who(
        ok<{ memberships: Membership[] }>(
          app('chat.spaces.members.list', { parent: space, filter: 'member.type = "BOT"' }),
        ).memberships,
      ),
    ).toEqual([]);
    expect(
      who(
        ok<{ memberships: Membership[] }>(owner('chat.spaces.members.list', { parent: space })).memberships,
      ),
    ).toContain('BOT:ROLE_MEMBER:JOINED');
    const open = ok<Space>(
      owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Open', externalUserAllowed: true }),
    ).name;
    owner(
      'chat.spaces.members.create',
      { parent: open },
      { member: { name: 'users/guest@partner.example' } },
    );
    owner('chat.spaces.members.create', { parent: open }, { member: { name: 'users/app', type: 'BOT' } });
    expect(
      who(
        ok<{ memberships: Membership[] }>(
          app('chat.spaces.members.list', { parent: open, showInvited: true }),
        ).memberships,
      ),
    ).toEqual(['HUMAN:ROLE_MANAGER:JOINED']);
  });

  // filter: role (ROLE_MEMBER or ROLE_MANAGER) and member.type (HUMAN or BOT, also with !=); "To filter by both
  // role and type, use the AND operator. To filter by either role or type, use the OR operator."
  test.each([
    ['role = "ROLE_MANAGER"', ['HUMAN:ROLE_MANAGER:JOINED', 'HUMAN:ROLE_MANAGER:JOINED']],
    ['role = "ROLE_MANAGER" OR role = "ROLE_MEMBER"', 5],
    ['member.type = "HUMAN"', 3],
    ['member.type = "BOT"', ['BOT:ROLE_MEMBER:JOINED']],
    ['member.type != "BOT"', 4],
    ['member.type = "HUMAN" AND role = "ROLE_MANAGER"', 2],
    ['member.type = "HUMAN" AND role = "ROLE_MEMBER"', ['HUMAN:ROLE_MEMBER:JOINED']],
    ['member.type = "BOT" OR role = "ROLE_MANAGER"', 3],
    ['(role = "ROLE_MEMBER" OR role = "ROLE_MANAGER") AND member.type = "BOT"', ['BOT:ROLE_MEMBER:JOINED']],
    ['member.type = "BOT" AND role = "ROLE_MEMBER" OR role = "ROLE_MANAGER"', ['BOT:ROLE_MEMBER:JOINED']],
  ])('filter %s (with showGroups)', (filter, expected) => {
    const { owner, space } = world();
    const r = owner('chat.spaces.members.list', { parent: space, filter, showGroups: true });
    const got = who(ok<{ memberships?: Membership[] }>(r).memberships);
    if (typeof expected === 'number') expect(got).toHaveLength(expected);
    else expect(got).toEqual(expected);
  });

  test.each([
    ['member.type = "HUMAN" AND member.type = "BOT"', 'the reference: same field twice with AND'],
    ['role = "ROLE_MANAGER" AND role = "ROLE_MEMBER"', 'the reference: same field twice with AND'],
    ['role != "ROLE_MANAGER"', '!= is for member.type only'],
    ['role = "MEMBERSHIP_ROLE_UNSPECIFIED"', 'role is ROLE_MEMBER or ROLE_MANAGER'],
    ['member.type = "GROUP"', 'member.type is HUMAN or BOT'],
    ['state = "JOINED"', 'another field'],
    ['member.type = "HUMAN" and role = "ROLE_MANAGER"', 'lower-case and'],
    ['(member.type = "HUMAN"', 'unbalanced parenthesis'],
    ['member.type = ', 'no value'],
  ])('an invalid filter (%s: %s) → 400 INVALID_ARGUMENT', (filter) => {
    const { owner, space } = world();
    invalidArgument(owner('chat.spaces.members.list', { parent: space, filter }));
  });
});

describe('messages.list', () => {
  function world() {
    const { chat, clock, owner, space, next } = withTeamSpace('Team', UNLIMITED);
    const post = (text: string) => {
      const m = ok<Message>(owner('chat.spaces.messages.create', { parent: space }, { text }));
      next();
      return m;
    };
    return { chat, clock, owner, space, next, post };
  }

  // showDeleted: "Whether to include deleted messages. Deleted messages include deleted time and metadata
  // about their deletion, but message content is unavailable."
  test('a deleted message is kept: hidden from get and list, listed with showDeleted without its content', () => {
    const { chat, clock, owner, space, post } = world();
    const a = post('a');
    const b = post('b');
    post('c');
    const deletedAt = clock.now();
    expect(owner('chat.spaces.messages.delete', { name: b.name }).status).toBe(200);
    expect(owner('chat.spaces.messages.get', { name: b.name }).status).toBe(404);
    const texts = (q: Record<string, unknown> = {}) =>
      ok<{ messages: Message[] }>(owner('chat.spaces.messages.list', { parent: space, ...q })).messages;
    expect(texts().map((m) => m.text)).toEqual(['a', 'c']);
    const all = texts({ showDeleted: true });
    expect(all.map((m) => m.text)).toEqual(['a', undefined, 'c']);
    expect(all[1]).toEqual({
      name: b.name,
      createTime: b.createTime,
      deleteTime: new Date(deletedAt).toISOString(),
      // A person's own message deleted through the API: "A Chat app deleted the message on behalf of the
      // creator (using user authentication)."
      deletionMetadata: { deletionType: 'CREATOR_VIA_APP' },
      thread: b.thread,
      space: { name: space },
    });
    expect(all[0]).toEqual(ok<Message>(owner('chat.spaces.messages.get', { name: a.name })));
    // The emulator's own views follow list without showDeleted.
    expect(chat.messages(space).map((m) => m.text)).toEqual(['a', 'c']);
    expect(chat.messages(space, { deleted: true })).toHaveLength(3);
    expect(chat.tree()).toContain('(1 deleted message not shown)');
    expect(chat.tree()).not.toContain('"b"');
    // Filters and order apply to deleted messages too.
    const iso = (t: string) => t.replace('Z', '+00:00');
    expect(
      texts({
        showDeleted: true,
        filter: `create_time > "${iso(a.createTime)}"`,
        orderBy: 'create_time desc',
      }).map((m) => m.deleteTime !== undefined),
    ).toEqual([false, true]);
  });

  test("the app deleting its own message is its CREATOR; a deleted message can't be edited or deleted again", () => {
    const { chat, owner, space, next } = world();
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
    const app = callAs(chat, appToken(chat));
    const m = ok<Message>(app('chat.spaces.messages.create', { parent: space }, { text: 'from the app' }));
    next();
    expect(app('chat.spaces.messages.delete', { name: m.name }).status).toBe(200);
    next();
    expect(app('chat.spaces.messages.delete', { name: m.name }).status).toBe(404);
    expect(
      app('chat.spaces.messages.patch', { name: m.name, updateMask: 'text' }, { text: 'again' }).status,
    ).toBe(404);
    const [listed] = ok<{ messages: Message[] }>(
      owner('chat.spaces.messages.list', { parent: space, showDeleted: true }),
    ).messages;
    expect(listed.deletionMetadata).toEqual({ deletionType: 'CREATOR' });
  });

  // messageId "is unique within a space"; the page is silent on deleted messages, so their ID stays free to
  // use again (as before the emulator kept deleted messages).
  test("a deleted message's client ID can name a new message; the name then finds the new one", () => {
    const { owner, space, next } = world();
    const first = ok<Message>(
      owner('chat.spaces.messages.create', { parent: space, messageId: 'client-row-1' }, { text: 'one' }),
    );
    next();
    owner('chat.spaces.messages.delete', { name: `${space}/messages/client-row-1` });
    next();
    const second = ok<Message>(
      owner('chat.spaces.messages.create', { parent: space, messageId: 'client-row-1' }, { text: 'two' }),
    );
    expect(second.name).not.toBe(first.name);
    expect(
      ok<Message>(owner('chat.spaces.messages.get', { name: `${space}/messages/client-row-1` })).text,
    ).toBe('two');
  });

  // Authentication: user, or app "with administrator approval with the authorization scope
  // chat.app.messages.readonly".
  test('the app needs chat.app.messages.readonly: its chat.bot token is refused', () => {
    const { chat, owner, space, post } = world();
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
    post('hello');
    const bot = callAs(chat, appToken(chat))('chat.spaces.messages.list', { parent: space });
    expect([bot.status, errorOf(bot).status, errorOf(bot).message]).toEqual([
      403,
      'PERMISSION_DENIED',
      'Request had insufficient authentication scopes.',
    ]);
    const reader = callAs(chat, appReaderToken(chat));
    expect(
      ok<{ messages: Message[] }>(reader('chat.spaces.messages.list', { parent: space })).messages,
    ).toHaveLength(1);
  });

  // "The default ordering is create_time ASC": by creation time, whatever order the store holds them in.
  test('oldest first by createTime', () => {
    const { owner, space, post } = world();
    post('a');
    post('b');
    const asc = ok<{ messages: Message[] }>(owner('chat.spaces.messages.list', { parent: space })).messages;
    const times = asc.map((m) => Date.parse(m.createTime));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });
});
