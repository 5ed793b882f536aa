// https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages.reactions (create, list,
// delete) and Message.emojiReactionSummaries; the rules are listed at the head of reactions.ts.
import { loadChatSchema } from '../../scripts/chat-schema';
import { USER_AUTH_ONLY_MESSAGE } from './errors';
import { isUnicodeEmoji } from './reactions';
import { appToken, callAs, errorOf, withTeamSpace, type CallAs } from './testing';

type Reaction = { name: string; user: { name: string; type: string }; emoji: Record<string, unknown> };
type Summary = { emoji: Record<string, unknown>; reactionCount: number };
type Message = { name: string; emojiReactionSummaries?: Summary[] };

const PEOPLE = ['ann', 'bob', 'cy', 'dee'].map((p) => `${p}@example.com`);
const NO_LIMITS = {
  limits: { perSpaceWrites: 100_000, perSpaceReads: 100_000, reactionWritesPerMinute: 100_000 },
};

function world(opts = {}) {
  const w = withTeamSpace('Team', opts);
  const { chat, owner, space, next } = w;
  for (const who of PEOPLE)
    owner('chat.spaces.members.create', { parent: space }, { member: { name: `users/${who}` } });
  next();
  const as: Record<string, CallAs> = Object.fromEntries(
    PEOPLE.map((p) => [p.split('@')[0], callAs(chat, chat.userToken(p))]),
  );
  const message = (
    owner('chat.spaces.messages.create', { parent: space }, { text: 'Policy' }).body as Message
  ).name;
  next();
  const react = (who: CallAs, unicode: string, parent = message) => {
    const r = who('chat.spaces.messages.reactions.create', { parent }, { emoji: { unicode } });
    next();
    return r;
  };
  return { ...w, as, message, react };
}

describe('spaces.messages.reactions', () => {
  test('create, list and delete are in the discovery document the emulator validates against', () => {
    const methods = loadChatSchema().methods;
    expect(methods.Params$Resource$Spaces$Messages$Reactions$Create).toEqual({
      params: { parent: { kind: 'string' } },
      requestBody: 'Schema$Reaction',
    });
    expect(Object.keys(methods.Params$Resource$Spaces$Messages$Reactions$List.params).sort()).toEqual([
      'filter',
      'pageSize',
      'pageToken',
      'parent',
    ]);
    const { as, message } = world();
    const typo = as.ann(
      'chat.spaces.messages.reactions.create',
      { parent: message },
      { emoji: { unicod: '👍' } },
    );
    expect(errorOf(typo).message).toMatch(/Unknown name "unicod"/);
  });

  test('create answers the Reaction; messages.get and list show emojiReactionSummaries in first-use order', () => {
    const { chat, as, owner, space, message, react, next } = world();
    expect(owner('chat.spaces.messages.get', { name: message }).body).not.toHaveProperty(
      'emojiReactionSummaries',
    );
    next();
    const r = react(as.ann, '👍');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      name: expect.stringMatching(new RegExp(`^${message}/reactions/[\\w-]+$`)),
      user: { name: chat.userName('ann@example.com'), type: 'HUMAN' },
      emoji: { unicode: '👍' },
    });
    react(as.bob, '🎉');
    react(as.bob, '👍');
    react(as.cy, '👍🏽');
    const summaries = [
      { emoji: { unicode: '👍' }, reactionCount: 2 },
      { emoji: { unicode: '🎉' }, reactionCount: 1 },
      { emoji: { unicode: '👍🏽' }, reactionCount: 1 },
    ];
    expect(
      (owner('chat.spaces.messages.get', { name: message }).body as Message).emojiReactionSummaries,
    ).toEqual(summaries);
    next();
    const listed = owner('chat.spaces.messages.list', { parent: space }).body as { messages: Message[] };
    expect(listed.messages[0].emojiReactionSummaries).toEqual(summaries);
    expect(chat.messages(space)[0].emojiReactionSummaries).toEqual(summaries);
  });

  test('the same person, message and emoji twice → 409 ALREADY_EXISTS (undocumented); another emoji is fine', () => {
    const { chat, as, react, space } = world();
    expect(react(as.ann, '👍').status).toBe(200);
    const again = react(as.ann, '👍');
    expect([again.status, errorOf(again).status]).toEqual([409, 'ALREADY_EXISTS']);
    expect(react(as.ann, '❤️').status).toBe(200);
    expect(chat.messages(space)[0].emojiReactionSummaries).toHaveLength(2);
  });

  test('user authentication only; a member who sees the message; an emoji that is one', () => {
    const { chat, as, owner, space, message, react, next } = world();
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
    next();
    const app = callAs(chat, appToken(chat));
    for (const method of ['create', 'list']) {
      const r = app(
        `chat.spaces.messages.reactions.${method}`,
        { parent: message },
        method === 'create' ? { emoji: { unicode: '👍' } } : undefined,
      );
      expect([r.status, errorOf(r).message]).toEqual([403, USER_AUTH_ONLY_MESSAGE]);
    }
    const stranger = callAs(chat, chat.userToken('stranger@example.com'));
    expect(react(stranger, '👍').status).toBe(403);
    const priv = (
      app(
        'chat.spaces.messages.create',
        { parent: space },
        { text: 'x', privateMessageViewer: { name: 'users/ann@example.com' } },
      ).body as Message
    ).name;
    next();
    expect(react(as.bob, '👍', priv).status).toBe(404);
    expect(react(as.ann, '👍', priv).status).toBe(200);
    for (const bad of ['', 'ok', 'a👍', '1']) expect([bad, react(as.ann, bad).status]).toEqual([bad, 400]);
    expect(as.ann('chat.spaces.messages.reactions.create', { parent: message }, {}).status).toBe(400);
    expect(
      as.ann(
        'chat.spaces.messages.reactions.create',
        { parent: message },
        {
          emoji: { unicode: '👍', customEmoji: { uid: 'x' } },
        },
      ).status,
    ).toBe(400);
    expect(react(as.ann, '👍', `${space}/messages/nope.nope`).status).toBe(404);
  });

  test('emoji recognition: modifiers, ZWJ sequences, flags, keycaps, variation selectors', () => {
    for (const e of ['👍', '👍🏽', '👨‍👩‍👧', '🇫🇷', '1️⃣', '❤️', '🏳️‍🌈', '✅'])
      expect([e, isUnicodeEmoji(e)]).toEqual([e, true]);
    for (const e of ['', 'a', '1', ':+1:', 'ok 👍']) expect([e, isUnicodeEmoji(e)]).toEqual([e, false]);
  });

  test('custom emoji: by uid or name when the organization has it; unknown → 404', () => {
    const { chat, as, message, space, next } = world();
    const parrot = chat.addCustomEmoji(':party-parrot:');
    expect(parrot).toEqual({
      name: expect.stringMatching(/^customEmojis\//),
      uid: expect.any(String),
      emojiName: ':party-parrot:',
    });
    const byUid = as.ann(
      'chat.spaces.messages.reactions.create',
      { parent: message },
      { emoji: { customEmoji: { uid: parrot.uid } } },
    );
    expect((byUid.body as Reaction).emoji).toEqual({ customEmoji: parrot });
    next();
    const byName = as.bob(
      'chat.spaces.messages.reactions.create',
      { parent: message },
      { emoji: { customEmoji: { name: parrot.name } } },
    );
    expect(byName.status).toBe(200);
    next();
    const unknown = as.cy(
      'chat.spaces.messages.reactions.create',
      { parent: message },
      { emoji: { customEmoji: { uid: 'nope' } } },
    );
    expect(unknown.status).toBe(404);
    expect(chat.messages(space)[0].emojiReactionSummaries).toEqual([
      { emoji: { customEmoji: parrot }, reactionCount: 2 },
    ]);
  });

  test('list: oldest first, 25 a page by default, at most 200, negative → 400', () => {
    const { chat, owner, space, next } = world(NO_LIMITS);
    const many = Array.from({ length: 230 }, (_, i) => `p${i}@example.com`);
    for (const who of many)
      owner('chat.spaces.members.create', { parent: space }, { member: { name: `users/${who}` } });
    const message = (owner('chat.spaces.messages.create', { parent: space }, { text: 'x' }).body as Message)
      .name;
    for (const who of many)
      callAs(chat, chat.userToken(who))(
        'chat.spaces.messages.reactions.create',
        { parent: message },
        { emoji: { unicode: '👍' } },
      );
    next();
    const list = (p: Record<string, unknown>) =>
      owner('chat.spaces.messages.reactions.list', { parent: message, ...p });
    const first = list({}).body as { reactions: Reaction[]; nextPageToken: string };
    expect(first.reactions).toHaveLength(25);
    expect(first.reactions[0].user.name).toBe(chat.userName(many[0]));
    const second = list({ pageToken: first.nextPageToken }).body as { reactions: Reaction[] };
    expect(second.reactions[0].user.name).toBe(chat.userName(many[25]));
    const big = list({ pageSize: 1000 }).body as { reactions: Reaction[]; nextPageToken: string };
    expect(big.reactions).toHaveLength(200);
    expect(
      (list({ pageSize: 1000, pageToken: big.nextPageToken }).body as { reactions: Reaction[] }).reactions,
    ).toHaveLength(30);
    expect(list({ pageSize: -1 }).status).toBe(400);
    expect(list({ filter: 'emoji.unicode = "🎉"' }).body).toEqual({});
  });

  test('list filter: the reference’s valid queries work, its invalid ones → 400 INVALID_ARGUMENT', () => {
    const { chat, as, message, react, owner } = world(NO_LIMITS);
    const parrot = chat.addCustomEmoji('parrot');
    react(as.ann, '🙂');
    react(as.bob, '🙂');
    react(as.bob, '👍');
    as.cy(
      'chat.spaces.messages.reactions.create',
      { parent: message },
      { emoji: { customEmoji: { uid: parrot.uid } } },
    );
    const ann = chat.userName('ann@example.com')!;
    const bob = chat.userName('bob@example.com')!;
    const who = (filter: string) => {
      const r = owner('chat.spaces.messages.reactions.list', { parent: message, filter });
      expect([filter, r.status]).toEqual([filter, 200]);
      return ((r.body as { reactions?: Reaction[] }).reactions ?? []).map(
        (x) =>
          `${x.user.name === ann ? 'ann' : x.user.name === bob ? 'bob' : 'cy'} ${JSON.stringify(x.emoji).includes('unicode') ? (x.emoji.unicode as string) : 'parrot'}`,
      );
    };
    expect(who(`user.name = "${bob}"`)).toEqual(['bob 🙂', 'bob 👍']);
    expect(who('user.name = "users/ann@example.com"')).toEqual(['ann 🙂']);
    expect(who('emoji.unicode = "🙂"')).toEqual(['ann 🙂', 'bob 🙂']);
    expect(who(`emoji.custom_emoji.uid = "${parrot.uid}"`)).toEqual(['cy parrot']);
    expect(who('emoji.unicode = "🙂" OR emoji.unicode = "👍"')).toEqual(['ann 🙂', 'bob 🙂', 'bob 👍']);
    expect(who(`emoji.unicode = "👍" OR emoji.custom_emoji.uid = "${parrot.uid}"`)).toEqual([
      'bob 👍',
      'cy parrot',
    ]);
    expect(who(`emoji.unicode = "🙂" AND user.name = "${bob}"`)).toEqual(['bob 🙂']);
    expect(
      who(`(emoji.unicode = "🙂" OR emoji.custom_emoji.uid = "${parrot.uid}") AND user.name = "${bob}"`),
    ).toEqual(['bob 🙂']);
    expect(who(`user.name = "${ann}" OR user.name = "${bob}"`)).toHaveLength(3);
    expect(who(`(user.name = "${ann}" OR user.name = "${bob}") AND emoji.unicode = "👍"`)).toEqual([
      'bob 👍',
    ]);
    for (const bad of [
      'emoji.unicode = "🙂" AND emoji.unicode = "👍"',
      `emoji.unicode = "🙂" AND emoji.custom_emoji.uid = "${parrot.uid}"`,
      `emoji.unicode = "🙂" OR user.name = "${bob}"`,
      `emoji.unicode = "🙂" OR emoji.custom_emoji.uid = "${parrot.uid}" OR user.name = "${bob}"`,
      `emoji.unicode = "🙂" OR emoji.custom_emoji.uid = "${parrot.uid}" AND user.name = "${bob}"`,
      'emoji.unicode = 🙂',
      'emoji = "🙂"',
      `user.name = "${ann}" AND`,
      '(emoji.unicode = "🙂"',
      `user.name = "ann"`,
    ]) {
      const r = owner('chat.spaces.messages.reactions.list', { parent: message, filter: bad });
      expect([bad, r.status, errorOf(r).status]).toEqual([bad, 400, 'INVALID_ARGUMENT']);
    }
  });

  test('delete: your own reactions only (403 otherwise), a missing one 404; summaries follow', () => {
    const { chat, as, react, space, next } = world();
    const mine = (react(as.ann, '👍').body as Reaction).name;
    react(as.bob, '👍');
    expect(as.bob('chat.spaces.messages.reactions.delete', { name: mine }).status).toBe(403);
    next();
    expect(as.ann('chat.spaces.messages.reactions.delete', { name: mine }).body).toEqual({});
    next();
    expect(as.ann('chat.spaces.messages.reactions.delete', { name: mine }).status).toBe(404);
    expect(as.ann('chat.spaces.messages.reactions.delete', { name: 'reactions/x' }).status).toBe(400);
    expect(chat.messages(space)[0].emojiReactionSummaries).toEqual([
      { emoji: { unicode: '👍' }, reactionCount: 1 },
    ]);
    expect(react(as.ann, '👍').status).toBe(200);
  });

  test('REST routes; per-space writes on the reaction quota, list a per-space read', () => {
    const { chat, clock, message, space } = world();
    const token = chat.userToken('ann@example.com');
    const http = (method: 'GET' | 'POST' | 'DELETE', path: string, body = '') =>
      chat.http({
        method,
        url: `https://chat.googleapis.com/v1/${path}`,
        headers: { Authorization: `Bearer ${token}` },
        body,
      });
    const made = http('POST', `${message}/reactions`, JSON.stringify({ emoji: { unicode: '👍' } }));
    expect(made.status).toBe(200);
    // A second write to the space in the same second: the per-space write quota (interval reading).
    expect(http('POST', `${message}/reactions`, JSON.stringify({ emoji: { unicode: '🎉' } })).status).toBe(
      429,
    );
    const listed = http('GET', `${message}/reactions?filter=${encodeURIComponent('emoji.unicode = "👍"')}`);
    expect(JSON.parse(listed.body).reactions).toHaveLength(1);
    clock.advance(1000);
    expect(http('DELETE', JSON.parse(made.body).name).status).toBe(200);
    expect(chat.stats.writesByKind).toMatchObject({ reaction: 2 });
    expect(chat.stats.calls['chat.spaces.messages.reactions.list']).toBe(1);
    expect(chat.messages(space)[0]).not.toHaveProperty('emojiReactionSummaries');
  });

  test('scopes: chat.messages.readonly lists but does not react; chat.messages.reactions.create reacts', () => {
    const { chat, message, next } = world();
    const reader = callAs(
      chat,
      chat.userToken('ann@example.com', ['https://www.googleapis.com/auth/chat.messages.readonly']),
    );
    const r = reader(
      'chat.spaces.messages.reactions.create',
      { parent: message },
      { emoji: { unicode: '👍' } },
    );
    expect(errorOf(r).message).toBe('Request had insufficient authentication scopes.');
    expect(reader('chat.spaces.messages.reactions.list', { parent: message }).status).toBe(200);
    next();
    const reactor = callAs(
      chat,
      chat.userToken('bob@example.com', ['https://www.googleapis.com/auth/chat.messages.reactions.create']),
    );
    expect(
      reactor('chat.spaces.messages.reactions.create', { parent: message }, { emoji: { unicode: '👍' } })
        .status,
    ).toBe(200);
  });
});
