import { appToken, callAs, errorOf, newEmulator, withTeamSpace } from './testing';

type Membership = { name: string; role: string; state: string; member?: { name: string; type: string } };

const world = () => withTeamSpace();

describe('members.create', () => {
  test('adds a person by e-mail; the answer names them by numeric id, never by e-mail', () => {
    const { chat, owner, space } = world();
    const r = owner(
      'chat.spaces.members.create',
      { parent: space },
      { member: { name: 'users/ann@example.com', type: 'HUMAN' } },
    );
    expect(r.status).toBe(200);
    const m = r.body as Membership;
    const id = chat.userName('ann@example.com') as string;
    expect(id).toMatch(/^users\/\d{21}$/);
    expect(m).toMatchObject({
      name: `${space}/members/${id.slice(6)}`,
      role: 'ROLE_MEMBER',
      state: 'JOINED',
      member: { name: id, type: 'HUMAN' },
    });
    expect(JSON.stringify(m)).not.toContain('@');
  });

  test('a role other than ROLE_MEMBER is refused at create; roles change through patch only', () => {
    const { chat, owner, space, next } = world();
    const r = owner(
      'chat.spaces.members.create',
      { parent: space },
      { member: { name: 'users/ann@example.com' }, role: 'ROLE_MANAGER' },
    );
    expect(r.status).toBe(400);
    expect(chat.members(space)).toHaveLength(1);
    const made = owner(
      'chat.spaces.members.create',
      { parent: space },
      { member: { name: 'users/ann@example.com' } },
    ).body as Membership;
    next();
    const noMask = owner('chat.spaces.members.patch', { name: made.name }, { role: 'ROLE_MANAGER' });
    expect(noMask.status).toBe(400);
    const p = owner(
      'chat.spaces.members.patch',
      { name: made.name, updateMask: 'role' },
      { role: 'ROLE_ASSISTANT_MANAGER' },
    );
    expect(p.status).toBe(200);
    expect((p.body as Membership).role).toBe('ROLE_ASSISTANT_MANAGER');
    // An assistant manager can't make owners.
    next();
    const ann = callAs(chat, chat.userToken('ann@example.com'));
    const owners = owner('chat.spaces.members.get', { name: `${space}/members/owner@example.com` })
      .body as Membership;
    expect(
      ann('chat.spaces.members.patch', { name: owners.name, updateMask: 'role' }, { role: 'ROLE_MEMBER' })
        .status,
    ).toBe(403);
  });

  test('already a member → 409 ALREADY_EXISTS', () => {
    const { owner, space, next } = world();
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/ann@example.com' } });
    next();
    const r = owner(
      'chat.spaces.members.create',
      { parent: space },
      { member: { name: 'users/ann@example.com' } },
    );
    expect(r.status).toBe(409);
    expect(errorOf(r).status).toBe('ALREADY_EXISTS');
  });

  test('group e-mails are refused with a message saying so; groups/{id} is accepted in a SPACE', () => {
    const { chat, owner, space, next } = world();
    const group = chat.addGroup('eng@example.com', 'grp123');
    for (const body of [
      { member: { name: 'users/eng@example.com' } },
      { groupMember: { name: 'groups/eng@example.com' } },
    ]) {
      const r = owner('chat.spaces.members.create', { parent: space }, body);
      expect(r.status).toBe(400);
      expect(errorOf(r).message).toMatch(/group email addresses aren't accepted/i);
    }
    const ok = owner('chat.spaces.members.create', { parent: space }, { groupMember: { name: group } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ groupMember: { name: 'groups/grp123' }, role: 'ROLE_MEMBER' });
    next();
    const list = (q: Record<string, unknown>) =>
      (
        (owner('chat.spaces.members.list', { parent: space, ...q }).body as { memberships?: Membership[] })
          .memberships ?? []
      ).length;
    expect(list({})).toBe(1);
    expect(list({ showGroups: true })).toBe(2);
  });

  test('the app can add people but not groups or apps', () => {
    const { chat, owner, space, next } = world();
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
    next();
    const group = chat.addGroup('ops@example.com');
    const app = callAs(chat, appToken(chat));
    expect(
      app('chat.spaces.members.create', { parent: space }, { groupMember: { name: group } }).status,
    ).toBe(403);
    expect(
      app('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } })
        .status,
    ).toBe(403);
    expect(
      app('chat.spaces.members.create', { parent: space }, { member: { name: 'users/ann@example.com' } })
        .status,
    ).toBe(200);
  });

  test('external people are INVITED, and refused where externals are not allowed', () => {
    const { chat, owner, space, clock } = world();
    chat.addUser('x@other.org', { external: true });
    expect(
      owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/x@other.org' } })
        .status,
    ).toBe(400);
    const open = (
      owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Open', externalUserAllowed: true })
        .body as { name: string }
    ).name;
    clock.advance(1000);
    const r = owner(
      'chat.spaces.members.create',
      { parent: open },
      { member: { name: 'users/x@other.org' } },
    );
    expect((r.body as Membership).state).toBe('INVITED');
    const listed = (q: Record<string, unknown>) =>
      (owner('chat.spaces.members.list', { parent: open, ...q }).body as { memberships: Membership[] })
        .memberships.length;
    expect(listed({})).toBe(1);
    expect(listed({ showInvited: true })).toBe(2);
    expect(chat.members(open)).toHaveLength(2);
  });

  test('with a domain configured, other domains are external', () => {
    const { chat, clock } = newEmulator({ domain: 'example.com' });
    const owner = callAs(chat, chat.userToken('owner@example.com'));
    const space = (
      owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Closed' }).body as { name: string }
    ).name;
    clock.advance(1000);
    expect(
      owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/y@gmail.com' } })
        .status,
    ).toBe(400);
    expect(
      owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/z@example.com' } })
        .status,
    ).toBe(200);
  });
});

describe('members.get / list / delete', () => {
  test('get by e-mail alias, by id, and the app alias', () => {
    const { chat, owner, space, next } = world();
    const made = owner(
      'chat.spaces.members.create',
      { parent: space },
      { member: { name: 'users/ann@example.com' } },
    ).body as Membership;
    next();
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
    expect(
      (owner('chat.spaces.members.get', { name: `${space}/members/ann@example.com` }).body as Membership)
        .name,
    ).toBe(made.name);
    expect((owner('chat.spaces.members.get', { name: made.name }).body as Membership).member?.name).toBe(
      chat.userName('ann@example.com'),
    );
    const app = owner('chat.spaces.members.get', { name: `${space}/members/app` }).body as Membership;
    expect(app.member).toEqual({ name: chat.appUser, type: 'BOT' });
    expect(owner('chat.spaces.members.get', { name: `${space}/members/nobody@example.com` }).status).toBe(
      404,
    );
  });

  test('list pages and filters', () => {
    const { owner, space, next } = world();
    for (const who of ['a', 'b', 'c']) {
      owner(
        'chat.spaces.members.create',
        { parent: space },
        { member: { name: `users/${who}@example.com` } },
      );
      next();
    }
    const first = owner('chat.spaces.members.list', { parent: space, pageSize: 3 }).body as {
      memberships: Membership[];
      nextPageToken: string;
    };
    expect(first.memberships).toHaveLength(3);
    const second = owner('chat.spaces.members.list', {
      parent: space,
      pageSize: 3,
      pageToken: first.nextPageToken,
    }).body as { memberships: Membership[]; nextPageToken?: string };
    expect(second.memberships).toHaveLength(1);
    expect(second.nextPageToken).toBeUndefined();
    const managers = owner('chat.spaces.members.list', { parent: space, filter: 'role = "ROLE_MANAGER"' })
      .body as { memberships: Membership[] };
    expect(managers.memberships).toHaveLength(1);
  });

  test('delete answers the removed membership, then 404', () => {
    const { owner, space, next } = world();
    const made = owner(
      'chat.spaces.members.create',
      { parent: space },
      { member: { name: 'users/ann@example.com' } },
    ).body as Membership;
    next();
    const r = owner('chat.spaces.members.delete', { name: `${space}/members/ann@example.com` });
    expect(r.status).toBe(200);
    expect((r.body as Membership).name).toBe(made.name);
    next();
    expect(owner('chat.spaces.members.delete', { name: made.name }).status).toBe(404);
  });
});
