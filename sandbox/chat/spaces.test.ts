import { APP_NOT_FOUND_MESSAGE, USER_AUTH_ONLY_MESSAGE } from './errors';
import { loadChatSchema } from '../../scripts/chat-schema';
import { appToken, callAs, errorOf, newEmulator, withTeamSpace, type CallAs } from './testing';

type Space = {
  name: string;
  displayName?: string;
  spaceType: string;
  spaceDetails?: { description?: string };
};

function world() {
  const { chat, clock } = newEmulator();
  const owner = callAs(chat, chat.userToken('owner@example.com'));
  return { chat, clock, owner };
}

describe('spaces.create', () => {
  test('creates a SPACE whose creator is its only member, as ROLE_MANAGER', () => {
    const { chat, owner } = world();
    const r = owner(
      'chat.spaces.create',
      { requestId: 'r1' },
      {
        spaceType: 'SPACE',
        displayName: 'Cohort 7',
        spaceDetails: { description: 'Welcome', guidelines: 'Be kind' },
        externalUserAllowed: true,
        spaceHistoryState: 'HISTORY_OFF',
        predefinedPermissionSettings: 'ANNOUNCEMENT_SPACE',
      },
    );
    expect(r.status).toBe(200);
    const space = r.body as Space & Record<string, unknown>;
    expect(space).toMatchObject({
      displayName: 'Cohort 7',
      spaceType: 'SPACE',
      externalUserAllowed: true,
      spaceHistoryState: 'HISTORY_OFF',
      spaceDetails: { description: 'Welcome', guidelines: 'Be kind' },
    });
    expect(space.name).toMatch(/^spaces\/[A-Za-z0-9]{11}$/);
    expect(space.spaceUri).toBe(`https://mail.google.com/chat/u/0/#chat/space/${space.name.slice(7)}`);
    expect(space).not.toHaveProperty('predefinedPermissionSettings'); // input only
    expect(
      (space.permissionSettings as Record<string, { membersAllowed: boolean }>).postMessages.membersAllowed,
    ).toBe(false);
    const members = chat.members(space.name);
    expect(members).toEqual([
      expect.objectContaining({
        role: 'ROLE_MANAGER',
        state: 'JOINED',
        member: { name: chat.userName('owner@example.com'), type: 'HUMAN' },
      }),
    ]);
  });

  test('the same requestId returns the same space and makes no second one', () => {
    const { chat, owner } = world();
    const a = owner('chat.spaces.create', { requestId: 'req-1' }, { spaceType: 'SPACE', displayName: 'A' });
    const b = owner('chat.spaces.create', { requestId: 'req-1' }, { spaceType: 'SPACE', displayName: 'A' });
    expect(b.status).toBe(200);
    expect((b.body as Space).name).toBe((a.body as Space).name);
    expect(chat.spaces()).toHaveLength(1);
    expect(chat.stats.writesByKind.space).toBe(1);
  });

  test('a requestId reused by another user is refused', () => {
    const { chat, owner } = world();
    owner('chat.spaces.create', { requestId: 'req-1' }, { spaceType: 'SPACE', displayName: 'A' });
    const other = callAs(chat, chat.userToken('bob@example.com'));
    const r = other('chat.spaces.create', { requestId: 'req-1' }, { spaceType: 'SPACE', displayName: 'B' });
    expect(r.status).toBe(400);
    expect(chat.spaces()).toHaveLength(1);
  });

  test('a display name another space uses → 409 ALREADY_EXISTS', () => {
    const { clock, owner } = world();
    owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Team' });
    clock.advance(1000);
    const r = owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Team' });
    expect(r.status).toBe(409);
    expect(errorOf(r).status).toBe('ALREADY_EXISTS');
  });

  test.each([
    ['no display name', { spaceType: 'SPACE' }, 'display name is required'],
    ['129-character name', { spaceType: 'SPACE', displayName: 'x'.repeat(129) }, 'at most 128'],
    [
      '151-character description',
      { spaceType: 'SPACE', displayName: 'ok', spaceDetails: { description: 'd'.repeat(151) } },
      'at most 150',
    ],
    [
      '5001-character guidelines',
      { spaceType: 'SPACE', displayName: 'ok', spaceDetails: { guidelines: 'g'.repeat(5001) } },
      'at most 5000',
    ],
    ['a GROUP_CHAT', { spaceType: 'GROUP_CHAT', displayName: 'ok' }, 'spaces.setup'],
  ])('refuses %s with 400', (_label, body, text) => {
    const { chat, owner } = world();
    const r = owner('chat.spaces.create', {}, body);
    expect(r.status).toBe(400);
    expect(errorOf(r).message).toContain(text);
    expect(chat.spaces()).toHaveLength(0);
  });

  test('accepts exactly 128 characters of display name', () => {
    const { owner } = world();
    expect(owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'x'.repeat(128) }).status).toBe(
      200,
    );
  });
});

describe('spaces.setup', () => {
  test('SPACE with members: caller is added as manager, others as members', () => {
    const { chat, owner } = world();
    const r = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'SPACE', displayName: 'Set up' },
        memberships: [
          { member: { name: 'users/ann@example.com', type: 'HUMAN' } },
          { member: { name: 'users/ben@example.com', type: 'HUMAN' } },
        ],
        requestId: 'setup-1',
      },
    );
    expect(r.status).toBe(200);
    const name = (r.body as Space).name;
    const roles = chat.members(name).map((m) => m.role);
    expect(roles).toEqual(['ROLE_MANAGER', 'ROLE_MEMBER', 'ROLE_MEMBER']);
    const again = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'SPACE', displayName: 'Set up' },
        memberships: [],
        requestId: 'setup-1',
      },
    );
    expect((again.body as Space).name).toBe(name);
    expect(chat.spaces()).toHaveLength(1);
  });

  test('GROUP_CHAT needs at least 2 other members and no display name', () => {
    const { chat, owner } = world();
    const one = [{ member: { name: 'users/ann@example.com' } }];
    const two = [...one, { member: { name: 'users/ben@example.com' } }];
    expect(
      owner('chat.spaces.setup', {}, { space: { spaceType: 'GROUP_CHAT' }, memberships: one }).status,
    ).toBe(400);
    expect(
      owner(
        'chat.spaces.setup',
        {},
        { space: { spaceType: 'GROUP_CHAT', displayName: 'x' }, memberships: two },
      ).status,
    ).toBe(400);
    const ok = owner('chat.spaces.setup', {}, { space: { spaceType: 'GROUP_CHAT' }, memberships: two });
    expect(ok.status).toBe(200);
    expect((ok.body as Space).spaceType).toBe('GROUP_CHAT');
    expect(chat.members((ok.body as Space).name)).toHaveLength(3);
  });

  test('DIRECT_MESSAGE takes exactly one other member and returns the existing DM', () => {
    const { chat, clock, owner } = world();
    const dm = {
      space: { spaceType: 'DIRECT_MESSAGE' },
      memberships: [{ member: { name: 'users/ann@example.com' } }],
    };
    const a = owner('chat.spaces.setup', {}, dm);
    clock.advance(5000);
    const b = owner('chat.spaces.setup', {}, dm);
    expect(a.status).toBe(200);
    expect((b.body as Space).name).toBe((a.body as Space).name);
    expect(chat.spaces()).toHaveLength(1);
    const two = { ...dm, memberships: [...dm.memberships, { member: { name: 'users/ben@example.com' } }] };
    expect(owner('chat.spaces.setup', {}, two).status).toBe(400);
    const found = owner('chat.spaces.findDirectMessage', { name: 'users/ann@example.com' });
    expect((found.body as Space).name).toBe((a.body as Space).name);
    expect(owner('chat.spaces.findDirectMessage', { name: 'users/zed@example.com' }).status).toBe(404);
  });

  test('at most 49 memberships besides the caller', () => {
    const { owner } = world();
    const ms = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ member: { name: `users/u${i}@example.com` } }));
    expect(
      owner(
        'chat.spaces.setup',
        {},
        { space: { spaceType: 'SPACE', displayName: 'Big' }, memberships: ms(50) },
      ).status,
    ).toBe(400);
    expect(
      owner(
        'chat.spaces.setup',
        {},
        { space: { spaceType: 'SPACE', displayName: 'Big' }, memberships: ms(49) },
      ).status,
    ).toBe(200);
  });

  test('app authentication is refused', () => {
    const { chat } = world();
    const app = callAs(chat, appToken(chat));
    const r = app('chat.spaces.setup', {}, { space: { spaceType: 'SPACE', displayName: 'x' } });
    expect(r.status).toBe(403);
    expect(errorOf(r).message).toBe(USER_AUTH_ONLY_MESSAGE);
  });

  // https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/setup: "For a named space or
  // group chat, if the caller … doesn't have permission to add some members, then those members aren't
  // added to the created space."
  test('an external invitee of a space that refuses externals is left out — the space is made, no 400', () => {
    const { chat, owner } = world();
    chat.addUser('guest@other.org', { external: true });
    const r = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'SPACE', displayName: 'Inside' },
        memberships: [
          { member: { name: 'users/ann@example.com', type: 'HUMAN' } },
          { member: { name: 'users/guest@other.org', type: 'HUMAN' } },
        ],
      },
    );
    expect(r.status).toBe(200);
    const people = chat.members((r.body as Space).name).map((m) => (m.member as { name: string }).name);
    expect(people).toEqual([chat.userName('owner@example.com'), chat.userName('ann@example.com')]);
    // Where externals are allowed (a space that says so, a group chat) they are invited.
    const open = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'SPACE', displayName: 'Open', externalUserAllowed: true },
        memberships: [{ member: { name: 'users/guest@other.org', type: 'HUMAN' } }],
      },
    );
    expect(chat.members((open.body as Space).name).map((m) => m.state)).toEqual(['JOINED', 'INVITED']);
    const group = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'GROUP_CHAT' },
        memberships: [
          { member: { name: 'users/ann@example.com', type: 'HUMAN' } },
          { member: { name: 'users/guest@other.org', type: 'HUMAN' } },
        ],
      },
    );
    expect(chat.members((group.body as Space).name).map((m) => m.state)).toEqual([
      'JOINED',
      'JOINED',
      'INVITED',
    ]);
  });

  // SetUpSpaceRequest.memberships: "You can only add human users when setting up a space (adding Chat apps
  // is only supported for direct message setup with the calling app)."
  test('setup takes human users only: the app or a BOT member → 400, nothing made', () => {
    const { chat, owner } = world();
    for (const member of [
      { name: 'users/app' },
      { name: chat.appUser, type: 'BOT' },
      { name: 'users/ann@example.com', type: 'BOT' },
    ]) {
      const r = owner(
        'chat.spaces.setup',
        {},
        { space: { spaceType: 'SPACE', displayName: 'Bots' }, memberships: [{ member }] },
      );
      expect([member.name, r.status, errorOf(r).status]).toEqual([member.name, 400, 'INVALID_ARGUMENT']);
      expect(errorOf(r).message).toMatch(/Only human users/);
    }
    expect(chat.spaces()).toHaveLength(0);
    // The one way an app joins a setup: the caller's DM with it.
    const dm = owner(
      'chat.spaces.setup',
      {},
      { space: { spaceType: 'DIRECT_MESSAGE', singleUserBotDm: true } },
    );
    expect(dm.status).toBe(200);
  });

  test('space.customer is not set with user authentication', () => {
    const { chat, owner } = world();
    const r = owner(
      'chat.spaces.setup',
      {},
      { space: { spaceType: 'SPACE', displayName: 'C', customer: 'customers/my_customer' } },
    );
    expect(r.status).toBe(400);
    expect(chat.spaces()).toHaveLength(0);
  });
});

// https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/create: "When authenticating as
// an app, the space.customer field must be set in the request." Space.customer: "Required only when creating
// a space with app authentication and SpaceType is SPACE, otherwise should not be set."
describe('spaces.create: space.customer', () => {
  test('the field is in the discovery document the emulator validates bodies against', () => {
    expect(loadChatSchema().schemas.Schema$Space.customer).toEqual({ kind: 'string' });
    const { owner } = world();
    const typo = owner(
      'chat.spaces.create',
      {},
      { spaceType: 'SPACE', displayName: 'T', customers: 'customers/my_customer' },
    );
    expect(errorOf(typo).message).toMatch(/Unknown name "customers"/);
  });

  test('required with app authentication, and in the customers/{customer} format', () => {
    const { chat } = world();
    const app = callAs(chat, appToken(chat));
    const without = app('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'By app' });
    expect([without.status, errorOf(without).message]).toEqual([400, expect.stringMatching(/customer/)]);
    const malformed = app(
      'chat.spaces.create',
      {},
      { spaceType: 'SPACE', displayName: 'By app', customer: 'my_customer' },
    );
    expect(malformed.status).toBe(400);
    expect(chat.spaces()).toHaveLength(0);
    const ok = app(
      'chat.spaces.create',
      {},
      { spaceType: 'SPACE', displayName: 'By app', customer: 'customers/my_customer' },
    );
    expect(ok.status).toBe(200);
    expect(chat.members((ok.body as Space).name).map((m) => (m.member as { type: string }).type)).toEqual([
      'BOT',
    ]);
  });

  test('refused with user authentication', () => {
    const { chat, owner } = world();
    const r = owner(
      'chat.spaces.create',
      {},
      { spaceType: 'SPACE', displayName: 'By a person', customer: 'customers/my_customer' },
    );
    expect(r.status).toBe(400);
    expect(chat.spaces()).toHaveLength(0);
    expect(owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'By a person' }).status).toBe(
      200,
    );
  });
});

describe('spaces.get / list / patch / delete', () => {
  test('patch needs an updateMask; display name and details change; history must be alone', () => {
    const { clock, owner } = world();
    const name = (owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Old' }).body as Space)
      .name;
    clock.advance(1000);
    const noMask = owner('chat.spaces.patch', { name }, { displayName: 'New' });
    expect(noMask.status).toBe(400);
    expect(errorOf(noMask).message).toContain('update_mask');
    const r = owner(
      'chat.spaces.patch',
      { name, updateMask: 'displayName,space_details' },
      {
        displayName: 'New',
        spaceDetails: { description: 'Now described' },
      },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ displayName: 'New', spaceDetails: { description: 'Now described' } });
    clock.advance(1000);
    expect(
      owner(
        'chat.spaces.patch',
        { name, updateMask: 'space_history_state,display_name' },
        { spaceHistoryState: 'HISTORY_OFF', displayName: 'X' },
      ).status,
    ).toBe(400);
    expect(
      owner(
        'chat.spaces.patch',
        { name, updateMask: 'space_history_state' },
        { spaceHistoryState: 'HISTORY_OFF' },
      ).body,
    ).toMatchObject({
      spaceHistoryState: 'HISTORY_OFF',
    });
    clock.advance(1000);
    const ext = owner(
      'chat.spaces.patch',
      { name, updateMask: 'external_user_allowed' },
      { externalUserAllowed: true },
    );
    expect(ext.status).toBe(400);
    expect(errorOf(ext).message).toContain('immutable');
  });

  test('permission settings: owners only; members then lose what the setting denies', () => {
    const { chat, clock, owner } = world();
    const name = (owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Perm' }).body as Space)
      .name;
    clock.advance(1000);
    owner('chat.spaces.members.create', { parent: name }, { member: { name: 'users/ann@example.com' } });
    clock.advance(1000);
    const ann = callAs(chat, chat.userToken('ann@example.com'));
    const deny = { permissionSettings: { manageMembersAndGroups: { membersAllowed: false } } };
    const updateMask = 'permission_settings.manageMembersAndGroups';
    expect(ann('chat.spaces.patch', { name, updateMask }, deny).status).toBe(403);
    expect(owner('chat.spaces.patch', { name, updateMask }, deny).status).toBe(200);
    const add = (as: typeof ann, who: string) =>
      as('chat.spaces.members.create', { parent: name }, { member: { name: `users/${who}` } }).status;
    expect(add(ann, 'bob@example.com')).toBe(403);
    expect(add(owner, 'bob@example.com')).toBe(200);
  });

  test('GROUP_CHAT becomes a SPACE with a display name', () => {
    const { clock, owner } = world();
    const gc = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'GROUP_CHAT' },
        memberships: [
          { member: { name: 'users/a@example.com' } },
          { member: { name: 'users/b@example.com' } },
        ],
      },
    );
    clock.advance(1000);
    const name = (gc.body as Space).name;
    expect(
      owner('chat.spaces.patch', { name, updateMask: 'space_type' }, { spaceType: 'SPACE' }).status,
    ).toBe(400);
    const r = owner(
      'chat.spaces.patch',
      { name, updateMask: 'space_type,display_name' },
      { spaceType: 'SPACE', displayName: 'Now a space' },
    );
    expect(r.body).toMatchObject({ spaceType: 'SPACE', displayName: 'Now a space' });
  });

  test('get, list, delete; a deleted space answers 404', () => {
    const { chat, clock, owner } = world();
    const name = (
      owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Gone soon' }).body as Space
    ).name;
    expect((owner('chat.spaces.get', { name }).body as Space).displayName).toBe('Gone soon');
    expect((owner('chat.spaces.list').body as { spaces: Space[] }).spaces.map((s) => s.name)).toEqual([name]);
    const stranger = callAs(chat, chat.userToken('stranger@example.com'));
    expect(stranger('chat.spaces.get', { name }).status).toBe(403);
    expect(stranger('chat.spaces.list').body).toEqual({});
    clock.advance(1000);
    expect(owner('chat.spaces.delete', { name }).body).toEqual({});
    expect(owner('chat.spaces.get', { name }).status).toBe(404);
    expect(owner('chat.spaces.delete', { name }).status).toBe(404);
    expect(chat.spaces()).toEqual([]);
  });
});

test("appConfigured = false: every Chat call answers 404 with Google's text", () => {
  const { chat, owner } = world();
  chat.appConfigured = false;
  const r = owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'x' });
  expect(r).toEqual({
    status: 404,
    body: { error: { code: 404, message: APP_NOT_FOUND_MESSAGE, status: 'NOT_FOUND' } },
  });
  expect(chat.spaces()).toEqual([]);
});

// spaces.patch's update_mask as the reference lists it (spaces.ts, checkMask), and the access settings.
describe('spaces.patch: the update mask as documented', () => {
  function team() {
    const { chat, clock, owner, space: name, next } = withTeamSpace('Team');
    owner('chat.spaces.members.create', { parent: name }, { member: { name: 'users/ann@example.com' } });
    const ann = callAs(chat, chat.userToken('ann@example.com'));
    const patch = (as: CallAs, updateMask: string, body: unknown) => {
      next();
      return as('chat.spaces.patch', { name, updateMask }, body);
    };
    return { chat, clock, owner, ann, name, next, patch };
  }

  test('space_details is replaced as a whole; its parts are not paths', () => {
    const { owner, patch } = team();
    const both = { spaceDetails: { description: 'About', guidelines: 'Be kind' } };
    expect(patch(owner, 'space_details', both).body).toMatchObject(both);
    // The part left out is cleared: pass the existing value to keep it.
    expect(
      (patch(owner, 'spaceDetails', { spaceDetails: { description: 'New' } }).body as Space).spaceDetails,
    ).toEqual({ description: 'New' });
    const part = patch(owner, 'space_details.description', { spaceDetails: { description: 'x' } });
    expect(part.status).toBe(400);
    expect(errorOf(part).message).toContain('space_details is updated as a whole');
  });

  test('permission settings: several together, camelCase or snake_case; alone; never postMessages', () => {
    const { owner, patch } = team();
    const r = patch(
      owner,
      'permission_settings.manageMembersAndGroups,permission_settings.use_at_mention_all',
      {
        permissionSettings: {
          manageMembersAndGroups: { membersAllowed: false },
          useAtMentionAll: { assistantManagersAllowed: false, membersAllowed: false },
        },
      },
    );
    expect(r.status).toBe(200);
    expect((r.body as { permissionSettings: unknown }).permissionSettings).toMatchObject({
      manageMembersAndGroups: {
        managersAllowed: true,
        assistantManagersAllowed: true,
        membersAllowed: false,
      },
      useAtMentionAll: { managersAllowed: true, assistantManagersAllowed: false, membersAllowed: false },
      toggleHistory: { membersAllowed: true },
    });
    for (const [updateMask, problem] of [
      ['permission_settings.toggleHistory,display_name', 'Permission settings are updated on their own'],
      [
        'permission_settings',
        'Name each permission setting to update: permission_settings.manageMembersAndGroups',
      ],
      ['permission_settings.postMessages', "permission_settings.postMessages can't be updated"],
      [
        'permission_settings.manage_everything',
        'Invalid update_mask path: permission_settings.manage_everything',
      ],
      ['predefined_permission_settings', 'Invalid update_mask path'],
    ]) {
      const bad = patch(owner, updateMask, {
        displayName: 'X',
        permissionSettings: {
          toggleHistory: { membersAllowed: false },
          postMessages: { membersAllowed: false },
        },
      });
      expect(bad.status).toBe(400);
      expect(errorOf(bad).message).toContain(problem);
    }
  });

  test('access_settings.audience: alone, by a space manager with user authentication, named spaces only', () => {
    const { chat, owner, ann, name, patch } = team();
    const discoverable = { accessSettings: { audience: 'audiences/default' } };
    const r = patch(owner, 'access_settings.audience', discoverable);
    expect(r.status).toBe(200);
    expect((r.body as { accessSettings: unknown }).accessSettings).toEqual({
      accessState: 'DISCOVERABLE',
      audience: 'audiences/default',
    });
    expect(
      errorOf(patch(owner, 'access_settings.audience,display_name', { ...discoverable, displayName: 'X' }))
        .message,
    ).toBe('access_settings.audience must be the only field in the update_mask.');
    // Ann may change the space's details (a collaboration space lets members) but not who may find it.
    expect(patch(ann, 'display_name', { displayName: 'Team 2' }).status).toBe(200);
    expect(patch(ann, 'access_settings.audience', discoverable).status).toBe(403);
    expect(
      errorOf(patch(owner, 'access_settings.audience', { accessSettings: { audience: 'everyone' } })).message,
    ).toContain('Expected audiences/{audience}');
    // Omitting the value makes the space private again.
    expect(
      (patch(owner, 'accessSettings.audience', {}).body as { accessSettings: unknown }).accessSettings,
    ).toEqual({
      accessState: 'PRIVATE',
    });
    owner('chat.spaces.members.create', { parent: name }, { member: { name: 'users/app', type: 'BOT' } });
    const app = callAs(chat, appToken(chat));
    const byApp = patch(app, 'access_settings.audience', discoverable);
    expect(byApp.status).toBe(403);
    expect(errorOf(byApp).message).toBe(
      "Updating access_settings.audience isn't supported with app authentication.",
    );
  });

  test('a space made with an audience is discoverable; not a group chat, not by the app', () => {
    const { chat, owner } = world();
    const made = owner(
      'chat.spaces.create',
      {},
      { spaceType: 'SPACE', displayName: 'Open', accessSettings: { audience: 'audiences/default' } },
    );
    expect((made.body as { accessSettings: unknown }).accessSettings).toEqual({
      accessState: 'DISCOVERABLE',
      audience: 'audiences/default',
    });
    const gc = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'GROUP_CHAT', accessSettings: { audience: 'audiences/default' } },
        memberships: [
          { member: { name: 'users/a@example.com' } },
          { member: { name: 'users/b@example.com' } },
        ],
      },
    );
    expect(gc.status).toBe(400);
    const app = callAs(chat, appToken(chat));
    const byApp = app(
      'chat.spaces.create',
      {},
      {
        spaceType: 'SPACE',
        displayName: 'By app',
        customer: 'customers/my_customer',
        accessSettings: { audience: 'audiences/default' },
      },
    );
    expect(byApp.status).toBe(403);
  });

  test('space_type: GROUP_CHAT → SPACE with display_name (its changer becomes manager); SPACE → SPACE a no-op', () => {
    const { chat, clock, owner } = world();
    const gc = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'GROUP_CHAT' },
        memberships: [
          { member: { name: 'users/a@example.com' } },
          { member: { name: 'users/b@example.com' } },
        ],
      },
    ).body as Space;
    clock.advance(1000);
    const toChat = owner(
      'chat.spaces.patch',
      { name: gc.name, updateMask: 'space_type,display_name' },
      { spaceType: 'GROUP_CHAT', displayName: 'X' },
    );
    expect(errorOf(toChat).message).toBe('space_type can only be changed from GROUP_CHAT to SPACE.');
    const r = owner(
      'chat.spaces.patch',
      { name: gc.name, updateMask: 'space_type,display_name' },
      { spaceType: 'SPACE', displayName: 'Grown up' },
    );
    expect(r.body).toMatchObject({
      spaceType: 'SPACE',
      displayName: 'Grown up',
      accessSettings: { accessState: 'PRIVATE' },
      permissionSettings: { manageMembersAndGroups: { membersAllowed: true } },
    });
    expect(chat.members(gc.name).map((m) => m.role)).toEqual(['ROLE_MANAGER', 'ROLE_MEMBER', 'ROLE_MEMBER']);
    clock.advance(1000);
    const again = owner(
      'chat.spaces.patch',
      { name: gc.name, updateMask: 'space_type,display_name' },
      { spaceType: 'SPACE', displayName: 'Renamed' },
    );
    expect(again.body).toMatchObject({ spaceType: 'SPACE', displayName: 'Renamed' });
    const dm = owner(
      'chat.spaces.setup',
      {},
      { space: { spaceType: 'DIRECT_MESSAGE' }, memberships: [{ member: { name: 'users/c@example.com' } }] },
    ).body as Space;
    const dmUp = owner(
      'chat.spaces.patch',
      { name: dm.name, updateMask: 'space_type,display_name' },
      { spaceType: 'SPACE', displayName: 'No' },
    );
    expect(dmUp.status).toBe(400);
  });
});
