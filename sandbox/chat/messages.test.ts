import { HUMAN_CREDENTIALS_CARDS_MESSAGE } from './errors';
import { appToken, callAs, errorOf, withTeamSpace } from './testing';

type Message = {
  name: string;
  thread: { name: string; threadKey?: string };
  sender: { name: string; type: string };
  text?: string;
  clientAssignedMessageId?: string;
  threadReply?: boolean;
};

const card = {
  cardId: 'c1',
  card: { header: { title: 'Hello' }, sections: [{ widgets: [{ textParagraph: { text: 'Hi' } }] }] },
};

function world() {
  const { chat, clock, owner, space, next } = withTeamSpace();
  const post = (body: unknown, params: Record<string, unknown> = {}, as = owner) => {
    const r = as('chat.spaces.messages.create', { parent: space, ...params }, body);
    next();
    return r;
  };
  return { chat, clock, owner, space, next, post };
}

describe('messages.create', () => {
  test('a user message: HUMAN sender, its own thread, readable by name', () => {
    const { chat, owner, post } = world();
    const r = post({ text: 'Hello team' });
    expect(r.status).toBe(200);
    const m = r.body as Message;
    expect(m.sender).toEqual({ name: chat.userName('owner@example.com'), type: 'HUMAN' });
    expect(m.thread.name).toMatch(/^spaces\/\w+\/threads\/[\w-]+$/);
    expect((owner('chat.spaces.messages.get', { name: m.name }).body as Message).text).toBe('Hello team');
  });

  test('messageId names the message; a second use in the space → 409; bad ids → 400', () => {
    const { chat, owner, space, post } = world();
    const r = post({ text: 'one' }, { messageId: 'client-row-7' });
    expect((r.body as Message).clientAssignedMessageId).toBe('client-row-7');
    expect(
      (owner('chat.spaces.messages.get', { name: `${space}/messages/client-row-7` }).body as Message).name,
    ).toBe((r.body as Message).name);
    const dup = post({ text: 'two' }, { messageId: 'client-row-7' });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).status).toBe('ALREADY_EXISTS');
    for (const bad of ['row-7', 'client-Row-7', 'client-row_7', 'client-' + 'x'.repeat(57)])
      expect(post({ text: 'x' }, { messageId: bad }).status).toBe(400);
    expect(post({ text: 'ok' }, { messageId: 'client-' + 'x'.repeat(56) }).status).toBe(200);
    expect(chat.messages(space)).toHaveLength(2);
  });

  test('the same requestId from the same caller returns the existing message, no new one', () => {
    const { chat, space, post } = world();
    const a = post({ text: 'once' }, { requestId: 'rq-1', messageId: 'client-a' });
    const b = post({ text: 'once' }, { requestId: 'rq-1', messageId: 'client-a' });
    expect(b.status).toBe(200);
    expect((b.body as Message).name).toBe((a.body as Message).name);
    expect(chat.messages(space)).toHaveLength(1);
    expect(chat.stats.writesByKind.message).toBe(1);
  });

  test('thread keys are per creator; FALLBACK replies or starts; OR_FAIL 404s; unspecified starts a new thread', () => {
    const { chat, owner, space, post } = world();
    const fallback = { messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' };
    const t1 = (post({ text: 'a', thread: { threadKey: 'k' } }, fallback).body as Message).thread;
    expect(t1.threadKey).toBe('k');
    const reply = post({ text: 'b', thread: { threadKey: 'k' } }, fallback).body as Message;
    expect(reply.thread.name).toBe(t1.name);
    expect(reply.threadReply).toBe(true);
    const fresh = post({ text: 'c', thread: { threadKey: 'k' } }).body as Message;
    expect(fresh.thread.name).not.toBe(t1.name);
    const missing = post(
      { text: 'd', thread: { threadKey: 'nope' } },
      { messageReplyOption: 'REPLY_MESSAGE_OR_FAIL' },
    );
    expect(missing.status).toBe(404);
    const byName = post(
      { text: 'e', thread: { name: t1.name } },
      { messageReplyOption: 'REPLY_MESSAGE_OR_FAIL' },
    ).body as Message;
    expect(byName.thread.name).toBe(t1.name);
    // A webhook using the same key gets a thread of its own.
    const url = chat.createWebhook(space, 'Alerts');
    const hook = chat.http({
      method: 'POST',
      url: `${url}&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`,
      headers: {},
      body: JSON.stringify({ text: 'w', thread: { threadKey: 'k' } }),
    });
    const hookThread = (JSON.parse(hook.body) as Message).thread.name;
    expect(hookThread).not.toBe(t1.name);
    expect(hookThread).not.toBe(fresh.thread.name);
    void owner;
  });

  // https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create,
  // messageReplyOption: "Specifies whether a message starts a thread or replies to one. Only supported in
  // named spaces."
  test('messageReplyOption in a group chat or a direct message → 400 INVALID_ARGUMENT; the default is fine', () => {
    const { chat, owner, next } = world();
    const setup = (space: Record<string, unknown>, people: string[]) => {
      const r = owner(
        'chat.spaces.setup',
        {},
        { space, memberships: people.map((p) => ({ member: { name: `users/${p}`, type: 'HUMAN' } })) },
      );
      next();
      return (r.body as { name: string }).name;
    };
    const group = setup({ spaceType: 'GROUP_CHAT' }, ['ann@example.com', 'ben@example.com']);
    const dm = setup({ spaceType: 'DIRECT_MESSAGE' }, ['ann@example.com']);
    for (const parent of [group, dm]) {
      for (const option of ['REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD', 'REPLY_MESSAGE_OR_FAIL']) {
        const r = owner(
          'chat.spaces.messages.create',
          { parent, messageReplyOption: option },
          { text: 'x', thread: { threadKey: 'k' } },
        );
        expect([parent, option, r.status, errorOf(r).status]).toEqual([
          parent,
          option,
          400,
          'INVALID_ARGUMENT',
        ]);
        expect(errorOf(r).message).toMatch(/only supported in named spaces/);
      }
      expect(chat.messages(parent)).toHaveLength(0);
      const plain = owner(
        'chat.spaces.messages.create',
        { parent, messageReplyOption: 'MESSAGE_REPLY_OPTION_UNSPECIFIED' },
        { text: 'x' },
      );
      expect(plain.status).toBe(200);
      next();
      expect(
        owner('chat.spaces.messages.create', { parent }, { text: 'y', thread: { threadKey: 'k' } }).status,
      ).toBe(200);
      next();
    }
  });

  test('cards need app authentication: refused with a user token, accepted with the app token', () => {
    const { chat, owner, space, post, next } = world();
    const r = post({ text: 'x', cardsV2: [card] });
    expect(r.status).toBe(400);
    expect(errorOf(r).message).toBe(HUMAN_CREDENTIALS_CARDS_MESSAGE);
    expect(post({ accessoryWidgets: [{ buttonList: { buttons: [] } }], text: 'x' }).status).toBe(400);
    const app = callAs(chat, appToken(chat));
    // The app must be in the space first.
    expect(post({ cardsV2: [card] }, {}, app).status).toBe(404);
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
    next();
    const ok = post({ cardsV2: [card] }, {}, app);
    expect(ok.status).toBe(200);
    expect((ok.body as Message).sender).toMatchObject({ name: chat.appUser, type: 'BOT' });
  });

  test('a message over 32,000 bytes → 400; empty message → 400', () => {
    const { post } = world();
    expect(post({ text: 'é'.repeat(16_001) }).status).toBe(400);
    expect(post({ text: 'a'.repeat(31_000) }).status).toBe(200);
    expect(post({}).status).toBe(400);
  });

  test('non-members cannot post (403); an announcement space lets only managers post', () => {
    const { chat, owner, space, post, next } = world();
    const stranger = callAs(chat, chat.userToken('stranger@example.com'));
    expect(post({ text: 'hi' }, {}, stranger).status).toBe(403);
    const ann = (
      owner(
        'chat.spaces.create',
        {},
        { spaceType: 'SPACE', displayName: 'News', predefinedPermissionSettings: 'ANNOUNCEMENT_SPACE' },
      ).body as { name: string }
    ).name;
    next();
    owner('chat.spaces.members.create', { parent: ann }, { member: { name: 'users/stranger@example.com' } });
    next();
    expect(stranger('chat.spaces.messages.create', { parent: ann }, { text: 'hi' }).status).toBe(403);
    expect(owner('chat.spaces.messages.create', { parent: ann }, { text: 'news' }).status).toBe(200);
    void space;
  });
});

describe('messages.patch / delete / list', () => {
  test('only the author edits; updateMask required; deleted messages answer 404', () => {
    const { chat, owner, space, post, next } = world();
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/ann@example.com' } });
    next();
    const m = post({ text: 'v1' }, { messageId: 'client-m1' }).body as Message;
    expect(owner('chat.spaces.messages.patch', { name: m.name }, { text: 'v2' }).status).toBe(400);
    const ann = callAs(chat, chat.userToken('ann@example.com'));
    expect(
      ann('chat.spaces.messages.patch', { name: m.name, updateMask: 'text' }, { text: 'hijack' }).status,
    ).toBe(403);
    const ed = owner(
      'chat.spaces.messages.patch',
      { name: `${space}/messages/client-m1`, updateMask: 'text' },
      { text: 'v2' },
    );
    expect(ed.body).toMatchObject({ text: 'v2', lastUpdateTime: expect.any(String) });
    next();
    expect(
      owner('chat.spaces.messages.update', { name: m.name, updateMask: 'cards_v2' }, { cardsV2: [card] })
        .status,
    ).toBe(400);
    expect(ann('chat.spaces.messages.delete', { name: m.name }).status).toBe(403);
    expect(owner('chat.spaces.messages.remove', { name: m.name })).toEqual({ status: 200, body: {} });
    next();
    expect(owner('chat.spaces.messages.get', { name: m.name }).status).toBe(404);
    expect(owner('chat.spaces.messages.delete', { name: m.name }).status).toBe(404);
  });

  // https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/list, `filter`:
  // create_time with > or < and a double-quoted RFC-3339 timestamp, thread.name = …, joined by AND;
  // "Invalid queries are rejected by the server with an INVALID_ARGUMENT error."
  test('list honours its filter: create_time bounds, a thread, both', () => {
    const { chat, owner, space, post } = world();
    const t0 = chat.clock.now();
    const a = post({ text: 'a', thread: { threadKey: 'k' } }).body as Message; // t0
    post({ text: 'b' }); // t0 + 1 s
    post({ text: 'c', thread: { threadKey: 'k' } }, { messageReplyOption: 'REPLY_MESSAGE_OR_FAIL' }); // t0 + 2 s
    const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
    const texts = (filter: string) => {
      const r = owner('chat.spaces.messages.list', { parent: space, filter });
      expect([filter, r.status]).toEqual([filter, 200]);
      return ((r.body as { messages?: Message[] }).messages ?? []).map((m) => m.text);
    };
    expect(texts(`create_time > "${iso(t0)}"`)).toEqual(['b', 'c']);
    expect(texts(`create_time < "${iso(t0 + 1000)}"`)).toEqual(['a']);
    expect(texts(`create_time > "${iso(t0)}" AND create_time < "${iso(t0 + 2000)}"`)).toEqual(['b']);
    expect(texts(`thread.name = ${a.thread.name}`)).toEqual(['a', 'c']);
    expect(texts(`create_time > "${iso(t0)}" AND thread.name = ${a.thread.name}`)).toEqual(['c']);
    expect(texts(`create_time > "2099-01-01T00:00:00-04:00"`)).toEqual([]);
  });

  test.each([
    ['create_time > 2023-04-21T11:30:00Z', 'unquoted timestamp'],
    ['create_time > "yesterday"', 'not RFC-3339'],
    ['create_time > "2023-04-21 11:30:00"', 'no T, no offset'],
    ['create_time >= "2023-04-21T11:30:00Z"', 'operator not documented'],
    ['create_time > "2023-04-21T11:30:00Z" OR create_time < "2023-04-22T11:30:00Z"', 'OR'],
    ['thread.name = spaces/A/threads/1 AND thread.name = spaces/A/threads/2', 'two threads'],
    ['sender.name = users/123', 'another field'],
    ['thread.name = threads/1', 'a malformed thread name'],
  ])('list refuses a malformed filter (%s: %s) with INVALID_ARGUMENT', (filter) => {
    const { owner, space, post } = world();
    post({ text: 'a' });
    const r = owner('chat.spaces.messages.list', { parent: space, filter });
    expect([r.status, errorOf(r).status]).toEqual([400, 'INVALID_ARGUMENT']);
  });

  test('list returns messages oldest first, newest first on request', () => {
    const { owner, space, post } = world();
    post({ text: 'first' });
    post({ text: 'second' });
    const asc = owner('chat.spaces.messages.list', { parent: space }).body as { messages: Message[] };
    expect(asc.messages.map((m) => m.text)).toEqual(['first', 'second']);
    const desc = owner('chat.spaces.messages.list', { parent: space, orderBy: 'createTime desc' }).body as {
      messages: Message[];
    };
    expect(desc.messages.map((m) => m.text)).toEqual(['second', 'first']);
  });
});
