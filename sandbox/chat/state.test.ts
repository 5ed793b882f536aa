import { ChatEmulator } from './emulator';
import { appToken, callAs, newEmulator } from './testing';

function scenario() {
  const { chat, clock } = newEmulator({ serviceAccounts: [{}] });
  const owner = callAs(chat, chat.userToken('owner@example.com'));
  const space = (
    owner(
      'chat.spaces.create',
      {},
      { spaceType: 'SPACE', displayName: 'Onboarding', spaceDetails: { description: 'New joiners' } },
    ).body as { name: string }
  ).name;
  clock.advance(1000);
  owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/ann@example.com' } });
  clock.advance(1000);
  owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
  clock.advance(1000);
  owner(
    'chat.spaces.members.patch',
    { name: `${space}/members/ann@example.com`, updateMask: 'role' },
    { role: 'ROLE_ASSISTANT_MANAGER' },
  );
  clock.advance(1000);
  owner(
    'chat.spaces.messages.create',
    { parent: space, messageId: 'client-hello', messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' },
    { text: 'Welcome everyone! '.repeat(5), thread: { threadKey: 'welcome' } },
  );
  clock.advance(1000);
  const app = callAs(chat, appToken(chat));
  app(
    'chat.spaces.messages.create',
    { parent: space },
    { cardsV2: [{ cardId: 'c', card: { header: { title: 'Checklist' } } }] },
  );
  clock.advance(1000);
  chat.createWebhook(space, 'Alerts');
  return { chat, clock, space };
}

test('tree() shows spaces → members with roles → threads → messages', () => {
  const { chat } = scenario();
  const lines = chat.tree().split('\n');
  expect(lines[0]).toMatch(/^spaces\/\w+ "Onboarding" \(SPACE, history on, collaboration\)$/);
  const tree = chat.tree();
  expect(tree).toContain('owner@example.com — ROLE_MANAGER');
  expect(tree).toContain('ann@example.com — ROLE_ASSISTANT_MANAGER');
  expect(tree).toContain('Sheets to Chat [app] — ROLE_MEMBER');
  expect(tree).toContain('webhooks: Alerts');
  expect(tree).toContain('key=welcome');
  expect(tree).toMatch(
    /09:00:04 owner@example.com: "Welcome everyone! Welcome everyone! Welcome everyone! Welcom…" \(client-hello\)/,
  );
  expect(tree).toMatch(/Sheets to Chat \[app\]: \[card\]/);
});

test('tree() marks attachments, private notes and reaction counts', () => {
  const { chat, clock, space } = scenario();
  const token = chat.userToken('owner@example.com');
  const ref = chat.call({
    method: 'chat.media.upload',
    params: { parent: space },
    body: { filename: 'Policy.pdf' },
    media: { bytes: Buffer.from('%PDF'), contentType: 'application/pdf' },
    authorization: `Bearer ${token}`,
  }).body;
  clock.advance(1000);
  const post = callAs(chat, token)(
    'chat.spaces.messages.create',
    { parent: space },
    { text: 'Read', attachment: [ref] },
  ).body as { name: string };
  clock.advance(1000);
  callAs(chat, appToken(chat))(
    'chat.spaces.messages.create',
    { parent: space },
    { text: 'Just you', privateMessageViewer: { name: 'users/ann@example.com' } },
  );
  chat.react('ann@example.com', post.name, '👍');
  chat.react('owner@example.com', post.name, '👍');
  const tree = chat.tree();
  expect(tree).toMatch(/owner@example\.com: "Read" \[📎 Policy\.pdf\] 👍2$/m);
  expect(tree).toMatch(/\[app\]: "Just you" \(only visible to ann@example\.com\)$/m);
});

test('a state saved before uploads and reactions were modelled loads with none', () => {
  const { chat, clock } = scenario();
  const { uploads: _u, reactions: _r, customEmojis: _c, ...old } = chat.toJSON();
  const copy = ChatEmulator.fromJSON(old as ReturnType<ChatEmulator['toJSON']>, { clock });
  expect(copy.toJSON()).toMatchObject({ uploads: [], reactions: [], customEmojis: [] });
  expect(copy.tree()).toBe(chat.tree());
});

test('toJSON / fromJSON round-trip the whole state, and the copy keeps working', () => {
  const { chat, clock, space } = scenario();
  const json = JSON.parse(JSON.stringify(chat.toJSON()));
  const copy = ChatEmulator.fromJSON(json, { clock });
  expect(copy.tree()).toBe(chat.tree());
  expect(copy.toJSON()).toEqual(chat.toJSON());
  // Tokens, request ids, webhooks and the id generator survive: both continue identically.
  clock.advance(1000);
  const token = chat.userToken('owner@example.com');
  const again = copy.userToken('owner@example.com');
  expect(again).toBe(token);
  const a = callAs(chat, token)('chat.spaces.messages.create', { parent: space }, { text: 'next' });
  const b = callAs(copy, again)('chat.spaces.messages.create', { parent: space }, { text: 'next' });
  expect(b).toEqual(a);
  expect(
    callAs(copy, again)('chat.spaces.messages.get', { name: `${space}/messages/client-hello` }).status,
  ).toBe(200);
});

test('query helpers', () => {
  const { chat, space } = scenario();
  expect(chat.findSpaceByDisplayName('Onboarding')?.name).toBe(space);
  expect(chat.findSpaceByDisplayName('Nope')).toBeUndefined();
  expect(chat.spaces()).toHaveLength(1);
  expect(chat.members(space)).toHaveLength(3);
  expect(chat.messages(space).map((m) => (m.sender as { type: string }).type)).toEqual(['HUMAN', 'BOT']);
  expect(chat.addUser('zoe@example.com', { displayName: 'Zoe' })).toMatch(/^users\/\d{21}$/);
  expect(chat.addUser('zoe@example.com')).toBe(chat.userName('zoe@example.com'));
});
