// privateMessageViewer: https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages#Message
// ("only visible to the specified user and the Chat app … you must call the Chat API using app
// authentication") and https://developers.google.com/workspace/chat/private-messages.
import { loadChatSchema } from '../../scripts/chat-schema';
import {
  APP_MESSAGES_READONLY_SCOPE,
  PRIVATE_APP_ONLY_MESSAGE,
  PRIVATE_NAMED_SPACES_MESSAGE,
} from './messages';
import { appToken, callAs, errorOf, withTeamSpace } from './testing';

type Message = { name: string; text?: string; privateMessageViewer?: { name: string } };

function world() {
  const w = withTeamSpace();
  const { chat, owner, space, next } = w;
  for (const who of ['ann@example.com', 'bob@example.com']) {
    owner('chat.spaces.members.create', { parent: space }, { member: { name: `users/${who}` } });
  }
  owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
  next();
  const app = callAs(chat, appToken(chat));
  const ann = callAs(chat, chat.userToken('ann@example.com'));
  const bob = callAs(chat, chat.userToken('bob@example.com'));
  const note = (to: string, text = 'Only for you', parent = space) => {
    const r = app(
      'chat.spaces.messages.create',
      { parent },
      { text, privateMessageViewer: { name: `users/${to}` } },
    );
    next();
    return r;
  };
  return { ...w, app, ann, bob, note };
}

describe('privateMessageViewer', () => {
  test('a field of Message in the discovery document the emulator validates against', () => {
    expect(loadChatSchema().schemas.Schema$Message.privateMessageViewer).toEqual({
      kind: 'ref',
      ref: 'Schema$User',
    });
  });

  test('the app sends a note to one member; the message names the viewer canonically', () => {
    const { chat, note, space } = world();
    const r = note('ann@example.com');
    expect(r.status).toBe(200);
    expect((r.body as Message).privateMessageViewer).toEqual({ name: chat.userName('ann@example.com') });
    const byId = note(chat.userName('bob@example.com')!.slice('users/'.length));
    expect((byId.body as Message).privateMessageViewer).toEqual({ name: chat.userName('bob@example.com') });
    expect(chat.messages(space)).toHaveLength(2);
  });

  test('only with app authentication: a person → 400, an incoming webhook → 400', () => {
    const { chat, owner, space } = world();
    const r = owner(
      'chat.spaces.messages.create',
      { parent: space },
      { text: 'x', privateMessageViewer: { name: 'users/ann@example.com' } },
    );
    expect([r.status, errorOf(r).message]).toEqual([400, PRIVATE_APP_ONLY_MESSAGE]);
    const hook = chat.http({
      method: 'POST',
      url: chat.createWebhook(space),
      headers: {},
      body: JSON.stringify({ text: 'x', privateMessageViewer: { name: 'users/ann@example.com' } }),
    });
    expect(hook.status).toBe(400);
    expect(chat.messages(space)).toHaveLength(0);
  });

  test('the viewer must be a joined member, a person; named spaces only', () => {
    const { chat, note, app, owner, space, next } = world();
    const stranger = note('stranger@example.com');
    expect([stranger.status, errorOf(stranger).message]).toEqual([
      400,
      expect.stringMatching(/not a member/),
    ]);
    const toApp = note('app');
    expect(toApp.status).toBe(400);
    const noName = app(
      'chat.spaces.messages.create',
      { parent: space },
      { text: 'x', privateMessageViewer: {} },
    );
    expect(noName.status).toBe(400);
    next();
    const dm = (
      owner('chat.spaces.setup', {}, { space: { spaceType: 'DIRECT_MESSAGE', singleUserBotDm: true } })
        .body as { name: string }
    ).name;
    next();
    const inDm = note('owner@example.com', 'x', dm);
    expect([inDm.status, errorOf(inDm).message]).toEqual([400, PRIVATE_NAMED_SPACES_MESSAGE]);
    expect(chat.messages(space)).toHaveLength(0);
  });

  test('visible only to the viewer and the app: get 404 and list without it for everyone else', () => {
    const { chat, note, app, ann, bob, owner, space, next } = world();
    const priv = (note('ann@example.com', 'For Ann').body as Message).name;
    const pub = (
      app('chat.spaces.messages.create', { parent: space }, { text: 'For everyone' }).body as Message
    ).name;
    next();
    const texts = (as: typeof ann) =>
      (
        (as('chat.spaces.messages.list', { parent: space }).body as { messages?: Message[] }).messages ?? []
      ).map((m) => m.text);
    expect(texts(ann)).toEqual(['For Ann', 'For everyone']);
    next();
    expect(texts(bob)).toEqual(['For everyone']);
    next();
    expect(texts(owner)).toEqual(['For everyone']);
    next();
    expect((ann('chat.spaces.messages.get', { name: priv }).body as Message).text).toBe('For Ann');
    next();
    expect(bob('chat.spaces.messages.get', { name: priv }).status).toBe(404);
    next();
    expect(bob('chat.spaces.messages.get', { name: pub }).status).toBe(200);
    next();
    expect(app('chat.spaces.messages.get', { name: priv }).status).toBe(200);
    next();
    // messages.list with app authentication (chat.app.messages.readonly): "It doesn't include private messages."
    const reader = callAs(chat, appToken(chat, [APP_MESSAGES_READONLY_SCOPE]));
    expect(texts(reader)).toEqual(['For everyone']);
  });
});
