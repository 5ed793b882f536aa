// Administrator access (admin.ts): the privilege per person, the scopes of user tokens, `useAdminAccess`.
import {
  ADMIN_DELETE_SCOPE,
  ADMIN_MEMBERSHIPS_READONLY_SCOPE,
  ADMIN_SCOPES,
  ADMIN_SPACES_READONLY_SCOPE,
  ADMIN_SPACES_SCOPE,
  NAMED_SPACES_ONLY,
} from './admin';
import { ChatEmulator } from './emulator';
import { STANDARD_MESSAGES } from './errors';
import {
  ADMIN_LIST_FILTER,
  ADMIN_NO_APP_CREATE,
  ADMIN_NO_APP_DELETE,
  ADMIN_NO_APP_GET,
  ADMIN_NO_EXTERNAL,
} from './members';
import { appToken, callAs, errorOf, newEmulator, withTeamSpace } from './testing';

describe('the administrator privilege', () => {
  test('per person: addUser(e, {admin}), setAdmin, isAdmin; nobody is one unless said', () => {
    const { chat } = newEmulator();
    chat.addUser('boss@example.com', { admin: true });
    chat.userToken('ann@example.com');
    expect(chat.isAdmin('boss@example.com')).toBe(true);
    expect(chat.isAdmin('ann@example.com')).toBe(false);
    expect(chat.isAdmin('nobody@example.com')).toBe(false);
    chat.setAdmin('ann@example.com');
    chat.setAdmin('boss@example.com', false);
    expect([chat.isAdmin('ann@example.com'), chat.isAdmin('BOSS@example.com')]).toEqual([true, false]);
    chat.addUser('ann@example.com', { displayName: 'Ann' }); // says nothing of the privilege: kept
    expect(chat.isAdmin('ann@example.com')).toBe(true);
  });

  test("the sandbox's runner is one unless told otherwise, or already set as not one", () => {
    const { chat } = newEmulator();
    chat.registerRunner('ada@example.com');
    expect(chat.isAdmin('ada@example.com')).toBe(true);
    chat.registerRunner('ada@example.com', { admin: false });
    expect(chat.isAdmin('ada@example.com')).toBe(false);
    chat.registerRunner('ada@example.com'); // a second Sandbox over the same Chat keeps what was said
    expect(chat.isAdmin('ada@example.com')).toBe(false);
    chat.setAdmin('bob@example.com', false);
    chat.registerRunner('bob@example.com');
    expect(chat.isAdmin('bob@example.com')).toBe(false);
  });

  test('kept by toJSON / fromJSON', () => {
    const { chat, clock } = newEmulator();
    chat.addUser('boss@example.com', { admin: true });
    chat.addUser('ann@example.com', { admin: false });
    const copy = ChatEmulator.fromJSON(chat.toJSON(), { clock });
    expect([copy.isAdmin('boss@example.com'), copy.isAdmin('ann@example.com')]).toEqual([true, false]);
    copy.registerRunner('ann@example.com');
    expect(copy.isAdmin('ann@example.com')).toBe(false);
  });
});

describe('scopes of user tokens', () => {
  test('a token holds the scopes it was issued with; without, it is not restricted', () => {
    const { chat } = newEmulator();
    const scoped = chat.userToken('ann@example.com', ['https://www.googleapis.com/auth/chat.spaces']);
    const open = chat.userToken('ann@example.com');
    const { tokens } = chat.toJSON();
    expect(tokens[scoped].principal).toEqual({
      kind: 'user',
      email: 'ann@example.com',
      scopes: ['https://www.googleapis.com/auth/chat.spaces'],
    });
    expect(tokens[open].principal).toEqual({ kind: 'user', email: 'ann@example.com' });
  });
});

const AUTH = 'https://www.googleapis.com/auth/';

/** A named space of owner@example.com with ann as a member and the app; boss@example.com an administrator
 *  in none of it; a group chat and a DM of other people. */
function organization() {
  const { chat, clock, owner, space, next } = withTeamSpace('Team', { domain: 'example.com' });
  chat.addUser('boss@example.com', { admin: true });
  const groups = chat.addGroup('eng@example.com');
  owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/ann@example.com' } });
  owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
  owner('chat.spaces.members.create', { parent: space }, { groupMember: { name: groups } });
  const gc = owner(
    'chat.spaces.setup',
    {},
    {
      space: { spaceType: 'GROUP_CHAT' },
      memberships: [{ member: { name: 'users/a@example.com' } }, { member: { name: 'users/b@example.com' } }],
    },
  ).body as { name: string };
  const dm = owner(
    'chat.spaces.setup',
    {},
    { space: { spaceType: 'DIRECT_MESSAGE' }, memberships: [{ member: { name: 'users/c@example.com' } }] },
  ).body as { name: string };
  next();
  const boss = (scopes?: string[]) => callAs(chat, chat.userToken('boss@example.com', scopes));
  return { chat, clock, owner, space, next, boss, groupChat: gc.name, dm: dm.name };
}

const ADMIN = { useAdminAccess: true };

describe('useAdminAccess: who, with which scopes', () => {
  test('an administrator reaches a space they are not in; without useAdminAccess they are a stranger', () => {
    const { space, boss } = organization();
    const as = boss();
    expect(as('chat.spaces.get', { name: space }).status).toBe(403);
    const r = as('chat.spaces.get', { name: space, ...ADMIN });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: space, displayName: 'Team' });
  });

  test('the token must hold one of the method’s chat.admin.* scopes: else 403 insufficient scopes', () => {
    const { space, boss } = organization();
    const plain = boss([`${AUTH}chat.spaces`, `${AUTH}chat.memberships`, `${AUTH}chat.delete`]);
    const r = plain('chat.spaces.get', { name: space, ...ADMIN });
    expect(r.status).toBe(403);
    expect(errorOf(r).message).toBe('Request had insufficient authentication scopes.');
    expect((r.body as { error: { details: unknown[] } }).error.details).toEqual([
      expect.objectContaining({
        reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
        metadata: { service: 'chat.googleapis.com', method: 'google.chat.v1.ChatService.GetSpace' },
      }),
    ]);
    // Read-only admin scopes read, and only read.
    const readonly = boss([ADMIN_SPACES_READONLY_SCOPE, ADMIN_MEMBERSHIPS_READONLY_SCOPE]);
    expect(readonly('chat.spaces.get', { name: space, ...ADMIN }).status).toBe(200);
    expect(
      readonly('chat.spaces.members.list', { parent: space, filter: 'member.type = "HUMAN"', ...ADMIN })
        .status,
    ).toBe(200);
    expect(
      errorOf(
        readonly(
          'chat.spaces.patch',
          { name: space, updateMask: 'display_name', ...ADMIN },
          { displayName: 'X' },
        ),
      ).message,
    ).toBe('Request had insufficient authentication scopes.');
    // spaces.delete takes chat.admin.delete, not chat.admin.spaces.
    const spacesOnly = boss([ADMIN_SPACES_SCOPE]);
    expect(errorOf(spacesOnly('chat.spaces.delete', { name: space, ...ADMIN })).message).toBe(
      'Request had insufficient authentication scopes.',
    );
    expect(boss([ADMIN_DELETE_SCOPE])('chat.spaces.delete', { name: space, ...ADMIN }).status).toBe(200);
  });

  test('without the privilege (a member even) → 403; the app → 403 insufficient scopes', () => {
    const { chat, space } = organization();
    const ann = callAs(chat, chat.userToken('ann@example.com', [...ADMIN_SCOPES]));
    const r = ann('chat.spaces.get', { name: space, ...ADMIN });
    expect(r.status).toBe(403);
    expect(errorOf(r)).toEqual({ code: 403, message: STANDARD_MESSAGES[403], status: 'PERMISSION_DENIED' });
    expect(ann('chat.spaces.get', { name: space }).status).toBe(200); // as herself she is a member
    const app = callAs(chat, appToken(chat));
    expect(errorOf(app('chat.spaces.get', { name: space, ...ADMIN })).message).toBe(
      'Request had insufficient authentication scopes.',
    );
  });

  test('useAdminAccess=false is ordinary access; only the documented methods take the parameter', () => {
    const { space, boss } = organization();
    const as = boss();
    expect(as('chat.spaces.get', { name: space, useAdminAccess: false }).status).toBe(403);
    for (const [method, params] of [
      ['chat.spaces.messages.create', { parent: space }],
      ['chat.spaces.messages.list', { parent: space }],
      ['chat.spaces.list', {}],
      ['chat.spaces.setup', {}],
    ] as const) {
      const r = as(method, { ...params, ...ADMIN }, method.endsWith('create') ? { text: 'hi' } : undefined);
      expect(r.status).toBe(400);
      expect(errorOf(r).message).toContain('Unknown name "useAdminAccess"');
    }
    expect(errorOf(as('chat.spaces.get', { name: space, useAdminAccess: 'yes' })).message).toBe(
      `Invalid value at 'use_admin_access' (TYPE_BOOL), "yes"`,
    );
  });

  test('REST: ?useAdminAccess=true', () => {
    const { chat, space } = organization();
    const token = chat.userToken('boss@example.com');
    const get = (query: string) =>
      chat.http({
        method: 'GET',
        url: `https://chat.googleapis.com/v1/${space}${query}`,
        headers: { Authorization: `Bearer ${token}` },
        body: '',
      }).status;
    expect([get(''), get('?useAdminAccess=true'), get('?useAdminAccess=false')]).toEqual([403, 200, 403]);
  });

  test('named spaces only: a group chat or a DM → 400', () => {
    const { boss, groupChat, dm } = organization();
    for (const name of [groupChat, dm]) {
      const r = boss()('chat.spaces.get', { name, ...ADMIN });
      expect(r.status).toBe(400);
      expect(errorOf(r).message).toBe(NAMED_SPACES_ONLY);
    }
  });
});

describe('useAdminAccess: spaces', () => {
  test('patch: details and permission settings as an owner would; not space_type, history, audience', () => {
    const { space, boss, next } = organization();
    const as = boss();
    const r = as(
      'chat.spaces.patch',
      { name: space, updateMask: 'display_name', ...ADMIN },
      { displayName: 'Team (archived)' },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ displayName: 'Team (archived)' });
    next();
    for (const [updateMask, body] of [
      ['space_type', { spaceType: 'SPACE' }],
      ['space_history_state', { spaceHistoryState: 'HISTORY_OFF' }],
      ['access_settings.audience', { accessSettings: { audience: 'audiences/default' } }],
    ] as const) {
      const refused = as('chat.spaces.patch', { name: space, updateMask, ...ADMIN }, body);
      expect(refused.status).toBe(400);
      expect(errorOf(refused).message).toBe(
        `${updateMask} can't be updated with administrator access (useAdminAccess).`,
      );
    }
    const perms = as(
      'chat.spaces.patch',
      { name: space, updateMask: 'permission_settings.manageMembersAndGroups', ...ADMIN },
      { permissionSettings: { manageMembersAndGroups: { membersAllowed: false } } },
    );
    expect(perms.status).toBe(200);
    expect(perms.body).toMatchObject({
      permissionSettings: { manageMembersAndGroups: { managersAllowed: true, membersAllowed: false } },
    });
  });

  test('delete: any named space, the administrator in it or not', () => {
    const { chat, space, boss } = organization();
    expect(boss()('chat.spaces.delete', { name: space }).status).toBe(403);
    expect(boss()('chat.spaces.delete', { name: space, ...ADMIN }).body).toEqual({});
    expect(chat.spaces().map((s) => s.name)).not.toContain(space);
  });
});

describe('useAdminAccess: members', () => {
  test('create: people of the organization and groups; not the app, not people outside it', () => {
    const { chat, space, boss } = organization();
    const as = boss();
    const add = (body: unknown) => as('chat.spaces.members.create', { parent: space, ...ADMIN }, body);
    expect(add({ member: { name: 'users/dev@example.com', type: 'HUMAN' } })).toMatchObject({
      status: 200,
      body: { state: 'JOINED', role: 'ROLE_MEMBER' },
    });
    for (const body of [{ member: { name: 'users/app', type: 'BOT' } }, { member: { name: chat.appUser } }]) {
      const r = add(body);
      expect(r.status).toBe(400);
      expect(errorOf(r).message).toBe(ADMIN_NO_APP_CREATE);
    }
    const guest = add({ member: { name: 'users/guest@partner.example' } });
    expect(guest.status).toBe(400);
    expect(errorOf(guest).message).toBe(ADMIN_NO_EXTERNAL);
    expect(add({ groupMember: { name: chat.addGroup('ops@example.com') } }).status).toBe(200);
    expect(chat.members(space)).toHaveLength(6); // owner, ann, app, eng, dev, ops
  });

  test('get: people, not the app', () => {
    const { space, boss } = organization();
    const as = boss();
    expect(
      as('chat.spaces.members.get', { name: `${space}/members/ann@example.com`, ...ADMIN }).body,
    ).toMatchObject({
      member: { type: 'HUMAN' },
    });
    expect(as('chat.spaces.members.get', { name: `${space}/members/ann@example.com` }).status).toBe(403);
    const app = as('chat.spaces.members.get', { name: `${space}/members/app`, ...ADMIN });
    expect(app.status).toBe(400);
    expect(errorOf(app).message).toBe(ADMIN_NO_APP_GET);
  });

  test('list: a filter with member.type = "HUMAN" (or != "BOT") is required; other type filters refused', () => {
    const { space, boss } = organization();
    const as = boss();
    const list = (filter?: string, extra: Record<string, unknown> = {}) =>
      as('chat.spaces.members.list', { parent: space, filter, ...ADMIN, ...extra });
    const names = (r: ReturnType<typeof list>) =>
      (
        (r.body as { memberships?: { member?: { type: string }; groupMember?: unknown }[] }).memberships ?? []
      ).map((m) => m.member?.type ?? 'GROUP');
    for (const bad of [
      undefined,
      'role = "ROLE_MANAGER"',
      'member.type = "BOT"',
      'member.type = "HUMAN" OR role = "ROLE_MANAGER"',
      '(member.type = "HUMAN" OR member.type = "BOT") AND role = "ROLE_MEMBER"',
    ]) {
      const r = list(bad);
      expect(r.status).toBe(400);
      expect(errorOf(r).message).toBe(ADMIN_LIST_FILTER);
    }
    expect(names(list('member.type = "HUMAN"'))).toEqual(['HUMAN', 'HUMAN']);
    expect(names(list('member.type != "BOT"', { showGroups: true }))).toEqual(['HUMAN', 'HUMAN', 'GROUP']);
    expect(names(list('member.type = "HUMAN" AND role = "ROLE_MANAGER"'))).toEqual(['HUMAN']);
    expect(names(list('role = "ROLE_MEMBER" AND (member.type = "HUMAN")'))).toEqual(['HUMAN']);
  });

  test('patch a role and delete a person; not the app', () => {
    const { chat, space, boss } = organization();
    const as = boss();
    const ann = `${space}/members/ann@example.com`;
    expect(
      as('chat.spaces.members.patch', { name: ann, updateMask: 'role', ...ADMIN }, { role: 'ROLE_MANAGER' })
        .body,
    ).toMatchObject({ role: 'ROLE_MANAGER' });
    expect(as('chat.spaces.members.delete', { name: ann, ...ADMIN }).status).toBe(200);
    const app = as('chat.spaces.members.delete', { name: `${space}/members/app`, ...ADMIN });
    expect(app.status).toBe(400);
    expect(errorOf(app).message).toBe(ADMIN_NO_APP_DELETE);
    expect(
      chat.members(space).map((m) => (m.member as { type: string } | undefined)?.type ?? 'GROUP'),
    ).toEqual(['HUMAN', 'BOT', 'GROUP']);
  });
});
