// The host-side helpers a product test uses to make people react and reply, and the account of who has
// acknowledged a message; and listing a thread's replies with messages.list's thread.name filter
// (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/list: "To filter by
// thread, specify the thread.name, formatted as spaces/{space}/threads/{thread}").
import { appToken, callAs, withTeamSpace } from './testing';

type Message = {
  name: string;
  text?: string;
  createTime: string;
  thread: { name: string };
  threadReply?: boolean;
  emojiReactionSummaries?: { emoji: { unicode?: string }; reactionCount: number }[];
};

const PEOPLE = ['ann', 'bob', 'cy', 'dee'].map((p) => `${p}@example.com`);

function world() {
  const w = withTeamSpace();
  const { owner, space, next } = w;
  for (const who of PEOPLE)
    owner('chat.spaces.members.create', { parent: space }, { member: { name: `users/${who}` } });
  next();
  const post = owner('chat.spaces.messages.create', { parent: space }, { text: 'Read the policy' })
    .body as Message;
  next();
  return { ...w, post };
}

describe('react, reply and acknowledgements (host-side)', () => {
  test('people react and reply with no call counted and no quota used; the API shows it', () => {
    const { chat, clock, owner, space, post } = world();
    chat.resetStats();
    chat.react('ann@example.com', post.name, '👍');
    chat.react('bob@example.com', post.name, '👍');
    chat.react('bob@example.com', post.name, '👍'); // again: still one
    chat.react('cy@example.com', post.name, '🎉');
    const r = chat.reply('bob@example.com', post.name, 'Done!');
    clock.advance(10);
    chat.reply('cy@example.com', post.name, 'Me too');
    expect(chat.stats).toMatchObject({ calls: {}, writes: 0, reads: 0 });
    expect(r).toMatchObject({ text: 'Done!', thread: post.thread, threadReply: true });
    const got = owner('chat.spaces.messages.get', { name: post.name }).body as Message;
    expect(got.emojiReactionSummaries).toEqual([
      { emoji: { unicode: '👍' }, reactionCount: 2 },
      { emoji: { unicode: '🎉' }, reactionCount: 1 },
    ]);
    const thread = owner('chat.spaces.messages.list', {
      parent: space,
      filter: `thread.name = ${post.thread.name}`,
    }).body as { messages: Message[] };
    expect(thread.messages.map((m) => [m.text, m.threadReply ?? false])).toEqual([
      ['Read the policy', false],
      ['Done!', true],
      ['Me too', true],
    ]);
  });

  test('acknowledgements: who reacted or replied, and Not yet — the sender left out unless asked', () => {
    const { chat, owner, space, post, next } = world();
    chat.react('ann@example.com', post.name, '👍');
    chat.reply('bob@example.com', post.name, 'Done');
    chat.react('cy@example.com', post.name, '👍');
    chat.react('cy@example.com', post.name, '🎉');
    chat.reply('cy@example.com', post.name, 'Done too');
    chat.reply('owner@example.com', post.name, 'Thanks all'); // the sender's own reply is a reply
    // A message elsewhere in the space is no reply.
    owner('chat.spaces.messages.create', { parent: space }, { text: 'Unrelated' });
    next();
    expect(chat.acknowledgements(post.name)).toEqual({
      reactions: [
        { emoji: '👍', count: 2 },
        { emoji: '🎉', count: 1 },
      ],
      replies: 3,
      reacted: ['ann@example.com', 'cy@example.com'],
      replied: ['bob@example.com', 'cy@example.com'],
      acknowledged: ['ann@example.com', 'bob@example.com', 'cy@example.com'],
      notYet: ['dee@example.com'],
    });
    expect(chat.acknowledgements(post.name, { includeSender: true })).toMatchObject({
      replied: ['bob@example.com', 'cy@example.com', 'owner@example.com'],
      notYet: ['dee@example.com'],
    });
    chat.unreact('ann@example.com', post.name, '👍');
    expect(chat.acknowledgements(post.name).notYet).toEqual(['ann@example.com', 'dee@example.com']);
    // Someone who leaves is no longer waited for.
    owner('chat.spaces.members.delete', { name: `${space}/members/dee@example.com` });
    expect(chat.acknowledgements(post.name).notYet).toEqual(['ann@example.com']);
  });

  test('a private note: only its viewer is waited for, and only they can react to it', () => {
    const { chat, owner, space, next } = world();
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
    next();
    const app = callAs(chat, appToken(chat));
    const note = app(
      'chat.spaces.messages.create',
      { parent: space },
      { text: 'Your badge is ready', privateMessageViewer: { name: 'users/ann@example.com' } },
    ).body as Message;
    expect(chat.acknowledgements(note.name).notYet).toEqual(['ann@example.com']);
    expect(() => chat.react('bob@example.com', note.name, '👍')).toThrow(/private message/);
    expect(() => chat.reply('ann@example.com', note.name, 'x')).toThrow(/private/);
    chat.react('ann@example.com', note.name, '👍');
    expect(chat.acknowledgements(note.name)).toMatchObject({ acknowledged: ['ann@example.com'], notYet: [] });
    expect(chat.messagesSeenBy('ann@example.com', space).map((m) => m.text)).toContain('Your badge is ready');
    expect(chat.messagesSeenBy('bob@example.com', space).map((m) => m.text)).not.toContain(
      'Your badge is ready',
    );
  });

  test('refused: strangers, unknown emoji, replies where there are no threads', () => {
    const { chat, owner, post } = world();
    expect(() => chat.react('stranger@example.com', post.name, '👍')).toThrow();
    chat.addUser('visitor@example.com');
    expect(() => chat.react('visitor@example.com', post.name, '👍')).toThrow(/not a member/);
    expect(() => chat.react('ann@example.com', post.name, 'ok')).toThrow(/not an emoji/);
    expect(() => chat.react('ann@example.com', post.name, ':parrot:')).toThrow(/addCustomEmoji/);
    chat.addCustomEmoji(':parrot:');
    expect(chat.react('ann@example.com', post.name, ':parrot:')).toMatchObject({
      emoji: { customEmoji: { emojiName: ':parrot:' } },
    });
    expect(chat.acknowledgements(post.name).reactions).toEqual([{ emoji: ':parrot:', count: 1 }]);
    const group = (
      owner(
        'chat.spaces.setup',
        {},
        {
          space: { spaceType: 'GROUP_CHAT' },
          memberships: [
            { member: { name: 'users/ann@example.com', type: 'HUMAN' } },
            { member: { name: 'users/bob@example.com', type: 'HUMAN' } },
          ],
        },
      ).body as { name: string }
    ).name;
    chat.clock.advance(1000);
    const msg = owner('chat.spaces.messages.create', { parent: group }, { text: 'hi' }).body as Message;
    expect(() => chat.reply('ann@example.com', msg.name, 'x')).toThrow(/no threads/);
    expect(chat.react('ann@example.com', msg.name, '👍')).toMatchObject({ emoji: { unicode: '👍' } });
  });

  test('thread.name with create_time lists only the replies after the message', () => {
    const { chat, clock, owner, space, post, next } = world();
    clock.advance(5);
    chat.reply('ann@example.com', post.name, 'first');
    clock.advance(5);
    chat.reply('bob@example.com', post.name, 'second');
    const r = owner('chat.spaces.messages.list', {
      parent: space,
      filter: `create_time > "${post.createTime}" AND thread.name = ${post.thread.name}`,
    });
    expect((r.body as { messages: Message[] }).messages.map((m) => m.text)).toEqual(['first', 'second']);
    next();
    const quoted = owner('chat.spaces.messages.list', {
      parent: space,
      filter: `thread.name = "${post.thread.name}"`,
      pageSize: 1,
    }).body as { messages: Message[]; nextPageToken?: string };
    expect(quoted.messages).toHaveLength(1);
    expect(quoted.nextPageToken).toBeDefined();
  });
});
