import type { Limits } from './emulator';
import { APP_NOT_FOUND_MESSAGE, STANDARD_MESSAGES } from './errors';
import { DEFAULT_LIMITS, RateLimiter, perSpaceReading } from './rate-limits';
import { callAs, errorOf, newEmulator, withTeamSpace } from './testing';

const world = (limits: Partial<Limits> = {}) => withTeamSpace('Team', { limits });

// Quotas follow https://developers.google.com/workspace/chat/limits (see rate-limits.ts for the readings).
describe('rate limits on the virtual clock', () => {
  test("a second write to a space within a second → 429 with Google's message; accepted after 1 s", () => {
    const { chat, clock, owner, space } = world();
    expect(chat.perSpace).toBe('interval');
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
    expect(chat.messages(space)).toHaveLength(1);
    clock.advance(1);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'b' }).status).toBe(200);
    expect(chat.stats.throttled).toBe(1);
    expect(chat.stats.errors[429]).toBe(1);
  });

  test('members.* are not per-space writes: they count only toward the project membership quota', () => {
    const { chat, owner, space } = world({ membershipWritesPerMinute: 2 });
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'a' }).status).toBe(200);
    // Same instant: a member add, a role change and a removal all go through; the space's budget is untouched.
    const add = (who: string) =>
      owner('chat.spaces.members.create', { parent: space }, { member: { name: `users/${who}` } });
    expect(add('ann@example.com').status).toBe(200);
    expect(add('bob@example.com').status).toBe(200);
    expect(add('cy@example.com').status).toBe(429); // the project's membership quota (2 here)
    expect(chat.members(space)).toHaveLength(3);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'b' }).status).toBe(429);
    expect(chat.stats.writesByKind).toEqual({
      space: 1,
      message: 1,
      membership: 2,
      attachment: 0,
      reaction: 0,
    });
  });

  test('Google samples: a setup, a member add and a post 300 ms apart all go through', () => {
    const { chat, clock } = newEmulator();
    const owner = callAs(chat, chat.userToken('owner@example.com'));
    const made = owner(
      'chat.spaces.setup',
      {},
      {
        space: { spaceType: 'SPACE', displayName: 'Sample' },
        memberships: [{ member: { name: 'users/ann@example.com', type: 'HUMAN' } }],
      },
    );
    expect(made.status).toBe(200);
    const space = (made.body as { name: string }).name;
    clock.advance(300);
    expect(
      owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/bob@example.com' } })
        .status,
    ).toBe(200);
    clock.advance(300);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'Welcome' }).status).toBe(200);
    expect(chat.stats.throttled).toBe(0);
  });

  test('per-space writes: spaces.patch/delete and messages.create/patch/update/delete share the space budget', () => {
    const { clock, owner, space } = world();
    const made = owner('chat.spaces.messages.create', { parent: space }, { text: 'a' });
    const msg = (made.body as { name: string }).name;
    const attempts: [string, Record<string, unknown>, unknown][] = [
      [
        'chat.spaces.patch',
        { name: space, updateMask: 'space_details' },
        { spaceDetails: { description: 'd' } },
      ],
      ['chat.spaces.messages.patch', { name: msg, updateMask: 'text' }, { text: 'b' }],
      ['chat.spaces.messages.update', { name: msg, updateMask: 'text' }, { text: 'c' }],
      ['chat.spaces.messages.delete', { name: msg }, undefined],
      ['chat.spaces.delete', { name: space }, undefined],
    ];
    for (const [method, params, body] of attempts) {
      clock.advance(500);
      expect([method, owner(method, params, body).status]).toEqual([method, 429]);
      clock.advance(500);
      expect([method, owner(method, params, body).status]).toEqual([method, 200]);
    }
  });

  test('incoming webhooks share the space budget', () => {
    const { chat, clock, owner, space } = world();
    const url = chat.createWebhook(space);
    const post = () => chat.http({ method: 'POST', url, headers: {}, body: '{"text":"x"}' }).status;
    expect(post()).toBe(200);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'a' }).status).toBe(429);
    clock.advance(1000);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'a' }).status).toBe(200);
    expect(post()).toBe(429);
  });

  test("perSpace 'window': 60 writes per 60 s in a space, in a burst if need be; the 61st waits", () => {
    const { chat, clock, owner, space } = withTeamSpace('Team', { perSpace: 'window' });
    expect(chat.limits).toMatchObject({ perSpaceWrites: 60, perSpaceWindowMs: 60_000 });
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'first' }).status).toBe(200);
    clock.advance(1000);
    for (let i = 0; i < 59; i++)
      expect(owner('chat.spaces.messages.create', { parent: space }, { text: `${i}` }).status).toBe(200);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'x' }).status).toBe(429);
    clock.advance(59_000); // the first write leaves the window
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'x' }).status).toBe(200);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'y' }).status).toBe(429);
    clock.advance(1000);
    expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'y' }).status).toBe(200);
    // Explicit limits still win over the reading.
    expect(newEmulator({ perSpace: 'window', limits: { perSpaceWrites: 2 } }).chat.limits).toMatchObject({
      perSpaceWrites: 2,
      perSpaceWindowMs: 60_000,
    });
  });

  test('the reading comes from outside as text (CHAT_PER_SPACE, --per-space)', () => {
    expect(perSpaceReading(undefined)).toBe('interval');
    expect(perSpaceReading('')).toBe('interval');
    expect(perSpaceReading(' Window ')).toBe('window');
    expect(perSpaceReading('interval')).toBe('interval');
    expect(() => perSpaceReading('minute')).toThrow(/"interval" or "window"/);
  });

  test('reads: 15 per second per space (get and list of spaces, members and messages), others have their own', () => {
    const { chat, clock, owner, space, next } = world();
    next();
    const other = (
      owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Other' }).body as { name: string }
    ).name;
    const made = owner('chat.spaces.messages.create', { parent: space }, { text: 'a' });
    const msg = (made.body as { name: string }).name;
    const member = `${space}/members/owner@example.com`;
    const reads: [string, Record<string, unknown>][] = [
      ['chat.spaces.get', { name: space }],
      ['chat.spaces.members.get', { name: member }],
      ['chat.spaces.members.list', { parent: space }],
      ['chat.spaces.messages.get', { name: msg }],
      ['chat.spaces.messages.list', { parent: space }],
    ];
    for (let i = 0; i < 15; i++) expect(owner(...reads[i % reads.length]).status).toBe(200);
    for (const r of reads) expect(owner(...r).status).toBe(429);
    expect(owner('chat.spaces.get', { name: other }).status).toBe(200);
    expect(owner('chat.spaces.list', {}).status).toBe(200); // no space: the project's quota only
    clock.advance(999);
    expect(owner('chat.spaces.get', { name: space }).status).toBe(429);
    clock.advance(1);
    expect(owner('chat.spaces.get', { name: space }).status).toBe(200);
    // A read refused for another reason uses no quota.
    expect(owner('chat.spaces.messages.get', { name: `${space}/messages/nope` }).status).toBe(404);
    expect(chat.stats.reads).toBe(18);
  });

  test('reads: 3000 a minute per project, for each of space, membership and message reads', () => {
    const { chat, clock, owner, space } = world({ perSpaceReads: 1_000_000 });
    for (let i = 0; i < 3000; i++) if (owner('chat.spaces.list', {}).status !== 200) throw new Error(`${i}`);
    expect(owner('chat.spaces.list', {}).status).toBe(429);
    expect(owner('chat.spaces.get', { name: space }).status).toBe(429); // space reads share the quota
    expect(owner('chat.spaces.members.list', { parent: space }).status).toBe(200); // a quota of its own
    expect(owner('chat.spaces.messages.list', { parent: space }).status).toBe(200);
    clock.advance(60_000);
    expect(owner('chat.spaces.get', { name: space }).status).toBe(200);
    expect(chat.stats.throttled).toBe(2);
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
    expect(chat.stats.writesByKind).toEqual({
      space: 1,
      message: 4,
      membership: 2,
      attachment: 0,
      reaction: 0,
    });
  });
});

// The limits page's per-project table lists "Attachment writes per minute" (media.upload) 600, "Reaction
// writes per minute" (reactions.create/delete) 600 and "Reaction reads per minute" (reactions.list) 3000:
// quotas of their own, apart from the message quotas; per space they are writes and reads like any other.
describe('attachment and reaction quotas', () => {
  test('600 reaction writes a minute per project, none taken from the message writes', () => {
    const limiter = new RateLimiter({ ...DEFAULT_LIMITS, perSpaceWrites: 10_000 }, {});
    for (let i = 0; i < 600; i++) limiter.take(i, 'reaction', 'S');
    expect(() => limiter.take(600, 'reaction', 'S')).toThrow();
    expect(() => limiter.take(600, 'attachment', 'S')).not.toThrow();
    expect(() => limiter.take(600, 'message', 'S')).not.toThrow();
    expect(() => limiter.take(60_000, 'reaction', 'S')).not.toThrow();
  });

  test('reaction reads share the per-space read window with message reads', () => {
    const limiter = new RateLimiter(DEFAULT_LIMITS, {});
    for (let i = 0; i < 15; i++) limiter.read(0, i % 2 ? 'reaction' : 'message', 'S');
    expect(() => limiter.read(999, 'reaction', 'S')).toThrow();
    expect(() => limiter.read(999, 'message', 'S')).toThrow();
    expect(() => limiter.read(1000, 'reaction', 'S')).not.toThrow();
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

  test("injected faults are counted apart from Chat's own rate-limit 429s", () => {
    const { chat, clock, owner, space } = world();
    chat.faults.next(2, 429, { method: 'chat.spaces.messages.create' });
    const send = () => owner('chat.spaces.messages.create', { parent: space }, { text: 'a' }).status;
    expect([send(), send(), send(), send()]).toEqual([429, 429, 200, 429]);
    clock.advance(1000);
    chat.faults.next(1, 503);
    expect(send()).toBe(503);
    const url = chat.createWebhook(space);
    chat.faults.next(1, 429, { method: 'webhook' });
    expect(chat.http({ method: 'POST', url, headers: {}, body: '{"text":"x"}' }).status).toBe(429);
    expect(chat.stats.injected).toEqual({ 429: 3, 503: 1 });
    expect(chat.stats.throttled).toBe(1);
    expect(chat.stats.errors).toEqual({ 429: 4, 503: 1 });
  });
});
