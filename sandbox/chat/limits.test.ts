import { APP_NOT_FOUND_MESSAGE, STANDARD_MESSAGES } from './errors';
import { callAs, errorOf, newEmulator, withTeamSpace } from './testing';

const world = (limits = {}) => withTeamSpace('Team', { limits });

describe('rate limits on the virtual clock', () => {
  test("a second write to a space within a second → 429 with Google's message; accepted after 1 s", () => {
    const { chat, clock, owner, space } = world();
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'a' }).status).toBe(200);
    clock.advance(999);
    const r = owner('chat.spaces.messages.create', { parent: space }, { text: 'b' });
    expect(r).toEqual({
      status: 429,
      body: {
        error: {
          code: 429,
          message: 'Resource has been exhausted (e.g. check quota).',
          status: 'RESOURCE_EXHAUSTED',
        },
      },
    });
    // Memberships share the space's budget; the refused calls had no effect.
    expect(
      owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/ann@example.com' } })
        .status,
    ).toBe(429);
    expect(chat.messages(space)).toHaveLength(1);
    expect(chat.members(space)).toHaveLength(1);
    clock.advance(1);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'b' }).status).toBe(200);
    expect(chat.stats.throttled).toBe(2);
    expect(chat.stats.errors[429]).toBe(2);
  });

  test('reads are not limited, and other spaces have their own budget', () => {
    const { clock, owner, space } = world();
    const other = (
      owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Other' }).body as { name: string }
    ).name;
    clock.advance(1000);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'a' }).status).toBe(200);
    expect(owner('chat.spaces.messages.create', { parent: other }, { text: 'a' }).status).toBe(200);
    for (let i = 0; i < 20; i++) expect(owner('chat.spaces.get', { name: space }).status).toBe(200);
  });

  test('fewer than 35 space creations a minute (spaces.create and spaces.setup); other space writes go on', () => {
    const { chat, clock } = newEmulator();
    const owner = callAs(chat, chat.userToken('owner@example.com'));
    chat.addUser('ann@example.com');
    const made: string[] = [];
    for (let i = 0; i < 34; i++) {
      const r = owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: `S${i}` });
      expect(r.status).toBe(200);
      made.push((r.body as { name: string }).name);
      clock.advance(100);
    }
    expect(owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'S34' }).status).toBe(429);
    const dm = {
      space: { spaceType: 'DIRECT_MESSAGE' },
      memberships: [{ member: { name: 'users/ann@example.com', type: 'HUMAN' } }],
    };
    expect(owner('chat.spaces.setup', {}, dm).status).toBe(429);
    expect(
      owner(
        'chat.spaces.patch',
        { name: made[0], updateMask: 'space_details' },
        { spaceDetails: { description: 'x' } },
      ).status,
    ).toBe(200);
    clock.advance(60_000 - 3400 + 1);
    expect(owner('chat.spaces.setup', {}, dm).status).toBe(200);
  });

  test('project limit on space writes per minute (60 by default)', () => {
    const { chat, clock } = newEmulator({ limits: { spaceCreationsPerMinute: 1000 } });
    const owner = callAs(chat, chat.userToken('owner@example.com'));
    for (let i = 0; i < 60; i++) {
      expect(owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: `S${i}` }).status).toBe(200);
      clock.advance(100);
    }
    expect(owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'S60' }).status).toBe(429);
    expect(chat.spaces()).toHaveLength(60);
    clock.advance(60_000 - 6000 + 1);
    expect(owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'S60' }).status).toBe(200);
  });

  test('project limits on message and membership writes (configurable)', () => {
    const { chat, clock, owner, space } = world({
      messageWritesPerMinute: 3,
      membershipWritesPerMinute: 2,
      perSpaceWrites: 100,
    });
    for (let i = 0; i < 3; i++)
      expect(owner('chat.spaces.messages.create', { parent: space }, { text: `${i}` }).status).toBe(200);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'x' }).status).toBe(429);
    for (const who of ['a', 'b'])
      expect(
        owner(
          'chat.spaces.members.create',
          { parent: space },
          { member: { name: `users/${who}@example.com` } },
        ).status,
      ).toBe(200);
    expect(
      owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/c@example.com' } })
        .status,
    ).toBe(429);
    clock.advance(60_000);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'x' }).status).toBe(200);
    expect(chat.stats.writesByKind).toEqual({ space: 1, message: 4, membership: 2 });
  });
});

describe('fault schedule', () => {
  test('next(n, 503) fails the next n matching calls with no effect, then calls succeed', () => {
    const { chat, clock, owner, space } = world();
    chat.faults.next(2, 503, { method: 'chat.spaces.messages.create' });
    expect(owner('chat.spaces.get', { name: space }).status).toBe(200); // not matching
    const r = owner('chat.spaces.messages.create', { parent: space }, { text: 'a' });
    expect(errorOf(r)).toEqual({ code: 503, message: STANDARD_MESSAGES[503], status: 'UNAVAILABLE' });
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'a' }).status).toBe(503);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'a' }).status).toBe(200);
    expect(chat.messages(space)).toHaveLength(1);
    expect(chat.faults.pending).toBe(0);
    clock.advance(1000);
    chat.faults.next(1, 500, { method: 'chat.spaces.members' });
    expect(
      owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/a@example.com' } })
        .status,
    ).toBe(500);
  });

  test('at(k, 403) fails exactly the k-th call from now; appNotFound and webhook faults', () => {
    const { chat, owner, space } = world();
    chat.faults.at(3, 403);
    const codes = [1, 2, 3, 4].map(() => owner('chat.spaces.get', { name: space }).status);
    expect(codes).toEqual([200, 200, 403, 200]);
    chat.faults.next(1, 'appNotFound');
    expect(errorOf(owner('chat.spaces.get', { name: space })).message).toBe(APP_NOT_FOUND_MESSAGE);
    const url = chat.createWebhook(space);
    chat.faults.next(1, 429, { method: 'webhook' });
    expect(chat.http({ method: 'POST', url, headers: {}, body: '{"text":"x"}' }).status).toBe(429);
    expect(chat.http({ method: 'POST', url, headers: {}, body: '{"text":"x"}' }).status).toBe(200);
  });
});
