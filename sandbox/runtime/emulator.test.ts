import { ChatEmulator } from '../chat/emulator';
import { VirtualClock } from '../clock';
import { Sandbox } from './index';

// The runtime and the Chat emulator meet at sandbox/chat/contract.ts: a script's Chat calls, webhook
// posts and service-account token exchange all reach the emulator, on one shared virtual clock.
const SCRIPT = `
  function createSpace() {
    var s = Chat.Spaces.create({ displayName: 'Cohort 7', spaceType: 'SPACE' }, { requestId: 'req-1' });
    PropertiesService.getScriptProperties().setProperty('space', s.name);
    Chat.Spaces.Members.create({ member: { name: 'users/app', type: 'BOT' } }, s.name); // apps post only where added
    return s.name;
  }
  function duplicate() {
    try { Chat.Spaces.create({ displayName: 'Cohort 7', spaceType: 'SPACE' }); }
    catch (e) { return [e.name, e.details.code]; }
  }
  function postWebhook() {
    var url = PropertiesService.getScriptProperties().getProperty('hook');
    var r = UrlFetchApp.fetch(url, { method: 'post', contentType: 'application/json; charset=UTF-8',
      payload: JSON.stringify({ text: 'Hello from a webhook' }), muteHttpExceptions: true });
    return [r.getResponseCode(), Object.keys(JSON.parse(r.getContentText())).sort()];
  }
  function asApp() {
    var key = JSON.parse(PropertiesService.getScriptProperties().getProperty('sa'));
    var now = Math.floor(Date.now() / 1000);
    var b64 = function (o) { return Utilities.base64EncodeWebSafe(JSON.stringify(o)).replace(/=+$/, ''); };
    var unsigned = b64({ alg: 'RS256', typ: 'JWT' }) + '.' + b64({ iss: key.client_email,
      scope: 'https://www.googleapis.com/auth/chat.bot', aud: key.token_uri, iat: now, exp: now + 3600 });
    var jwt = unsigned + '.' + Utilities.base64EncodeWebSafe(Utilities.computeRsaSha256Signature(unsigned, key.private_key)).replace(/=+$/, '');
    var tok = JSON.parse(UrlFetchApp.fetch(key.token_uri, { method: 'post',
      payload: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt } }).getContentText());
    var space = PropertiesService.getScriptProperties().getProperty('space');
    var m = Chat.Spaces.Messages.create({ cardsV2: [{ cardId: 'c1', card: { header: { title: 'Welcome' } } }] }, space,
      { messageId: 'client-welcome' }, { Authorization: 'Bearer ' + tok.access_token });
    return [m.clientAssignedMessageId, m.sender.type];
  }`;

describe('runtime + Chat emulator', () => {
  const clock = new VirtualClock();
  const chat = new ChatEmulator({ clock, seed: 1, serviceAccounts: [{ name: 'sheets-bot' }] });
  const sb = new Sandbox({ bundle: SCRIPT, chat, clock, user: 'ada@example.com' });

  test('an advanced-service call creates a space as the running user; its errors keep Chat status', () => {
    const r = sb.run('createSpace');
    expect(r.outcome).toBe('ok');
    expect(chat.spaces().map((s) => s.name)).toEqual([r.returned]);
    expect(sb.run('duplicate').returned).toEqual(['GoogleJsonResponseException', 409]);
  });

  test('a webhook post through UrlFetchApp answers only name and thread', () => {
    sb.properties.script.set('hook', chat.createWebhook(sb.properties.script.get('space') ?? ''));
    sb.advance(1000); // Chat allows about one write per second per space
    expect(sb.run('postWebhook').returned).toEqual([200, ['name', 'thread']]);
  });

  test('a service-account JWT signed in the script buys an app token that can send cards', () => {
    sb.properties.script.set('sa', JSON.stringify(chat.serviceAccountKeys()[0]));
    sb.advance(1000);
    const r = sb.run('asApp');
    expect(r.error).toBeUndefined();
    expect(r.returned).toEqual(['client-welcome', 'BOT']);
  });
});

// The person running and their token: the Sandbox makes its runner a Chat administrator unless told
// otherwise, and the token it hands out (ScriptApp.getOAuthToken, the Advanced Chat service) holds the
// manifest's oauthScopes.
describe('the runner: administrator privilege and the manifest scopes', () => {
  const TOKEN = `function token() { return ScriptApp.getOAuthToken(); }
    function spaces() { return Chat.Spaces.list({}).spaces || []; }`;
  const CHAT_SPACES = 'https://www.googleapis.com/auth/chat.spaces';

  test('the runner is an administrator unless admin: false, or the Chat already says not', () => {
    const clock = new VirtualClock();
    const chat = new ChatEmulator({ clock, seed: 1 });
    new Sandbox({ bundle: TOKEN, chat, clock, user: 'ada@example.com' });
    new Sandbox({ bundle: TOKEN, chat, clock, user: 'bob@example.com', admin: false });
    chat.setAdmin('cy@example.com', false);
    new Sandbox({ bundle: TOKEN, chat, clock, user: 'cy@example.com' });
    expect(['ada', 'bob', 'cy'].map((u) => chat.isAdmin(`${u}@example.com`))).toEqual([true, false, false]);
  });

  test("the token holds the manifest's oauthScopes; without them it is not restricted", () => {
    const clock = new VirtualClock();
    const chat = new ChatEmulator({ clock, seed: 1 });
    const scoped = new Sandbox({
      bundle: TOKEN,
      chat,
      clock,
      user: 'ada@example.com',
      manifest: JSON.stringify({ runtimeVersion: 'V8', oauthScopes: [CHAT_SPACES] }),
    });
    const open = new Sandbox({ bundle: TOKEN, chat, clock, user: 'ada@example.com', manifest: {} });
    const a = scoped.run('token').returned as string;
    const b = open.run('token').returned as string;
    expect(scoped.run('spaces').outcome).toBe('ok');
    const tokens = chat.toJSON().tokens;
    expect(tokens[a].principal).toMatchObject({ email: 'ada@example.com', scopes: [CHAT_SPACES] });
    expect(tokens[b].principal).not.toHaveProperty('scopes');
    // The Advanced Chat service's calls carry the same scoped token.
    const issued = Object.values(tokens).filter((t) => t.principal.kind === 'user');
    expect(issued.filter((t) => 'scopes' in t.principal)).toHaveLength(2);
    expect(
      () => new Sandbox({ bundle: TOKEN, manifest: { oauthScopes: 'chat' as unknown as string[] } }),
    ).toThrow(/oauthScopes must be an array/);
  });
});

describe('administrator access from a script', () => {
  const SCRIPT = `
    function search() {
      var r = Chat.Spaces.search({ query: 'customer = "customers/my_customer" AND space_type = "SPACE"',
        useAdminAccess: true, orderBy: 'create_time DESC' });
      return (r.spaces || []).map(function (s) { return s.displayName; });
    }
    function removeAnn() {
      var space = PropertiesService.getScriptProperties().getProperty('space');
      try {
        Chat.Spaces.Members.remove(space + '/members/ann@example.com', { useAdminAccess: true });
        return 'removed';
      } catch (e) { return e.details.code + ' ' + e.details.message; }
    }`;
  const CHAT = 'https://www.googleapis.com/auth/chat.';

  function org() {
    const clock = new VirtualClock();
    const chat = new ChatEmulator({ clock, seed: 1 });
    const owner = `Bearer ${chat.userToken('owner@example.com')}`;
    const made = ['North', 'South'].map((displayName) => {
      clock.advance(60_000);
      return (
        chat.call({
          method: 'chat.spaces.create',
          params: {},
          body: { spaceType: 'SPACE', displayName },
          authorization: owner,
        }).body as { name: string }
      ).name;
    });
    chat.call({
      method: 'chat.spaces.members.create',
      params: { parent: made[0] },
      body: { member: { name: 'users/ann@example.com' } },
      authorization: owner,
    });
    return { clock, chat, north: made[0] };
  }

  test('Chat.Spaces.search and admin member calls work with the admin scopes in the manifest', () => {
    const { clock, chat, north } = org();
    const sb = new Sandbox({
      bundle: SCRIPT,
      chat,
      clock,
      user: 'boss@example.com',
      manifest: { oauthScopes: [`${CHAT}spaces`, `${CHAT}admin.spaces`, `${CHAT}admin.memberships`] },
    });
    expect(sb.run('search').returned).toEqual(['South', 'North']);
    sb.properties.script.set('space', north);
    expect(sb.run('removeAnn').returned).toBe('removed');
    expect(chat.members(north)).toHaveLength(1);
    expect(sb.executions.at(-1)?.calls).toMatchObject({ 'Chat.spaces.members.delete': 1 });
  });

  test('without them: insufficient scopes; without the privilege: permission denied', () => {
    const { clock, chat, north } = org();
    const plain = new Sandbox({
      bundle: SCRIPT,
      chat,
      clock,
      user: 'boss@example.com',
      manifest: { oauthScopes: [`${CHAT}spaces`, `${CHAT}memberships`] },
    });
    expect(plain.run('search').error).toBe(
      'GoogleJsonResponseException: API call to chat.spaces.search failed with error: Request had insufficient authentication scopes.',
    );
    const notAdmin = new Sandbox({
      bundle: SCRIPT,
      chat,
      clock,
      user: 'cy@example.com',
      admin: false,
      manifest: { oauthScopes: [`${CHAT}admin.memberships`] },
    });
    notAdmin.properties.script.set('space', north);
    expect(notAdmin.run('removeAnn').returned).toBe('403 The caller does not have permission');
  });
});

// Reactions from a script: Chat.Spaces.Messages.Reactions.create(reaction, parent), list(parent, args),
// remove(name) — the advanced service's names for spaces.messages.reactions.create/list/delete.
describe('reactions from a script', () => {
  const REACT = `
    function go(e) {
      var r = Chat.Spaces.Messages.Reactions.create({ emoji: { unicode: '👍' } }, e.message);
      Utilities.sleep(1000);
      var listed = Chat.Spaces.Messages.Reactions.list(e.message, { filter: 'emoji.unicode = "👍"', pageSize: 10 });
      Chat.Spaces.Messages.Reactions.remove(r.name);
      var after = Chat.Spaces.Messages.get(e.message);
      return [listed.reactions.length, Chat.Spaces.Messages.get(e.message).emojiReactionSummaries === undefined, after.name];
    }`;

  test('create, list and remove, counted as Chat calls', () => {
    const clock = new VirtualClock();
    const chat = new ChatEmulator({ clock, seed: 3 });
    const sb = new Sandbox({ bundle: REACT, chat, clock, user: 'ada@example.com' });
    const token = `Bearer ${chat.userToken('ada@example.com')}`;
    const space = (
      chat.call({
        method: 'chat.spaces.create',
        params: {},
        body: { spaceType: 'SPACE', displayName: 'T' },
        authorization: token,
      }).body as { name: string }
    ).name;
    clock.advance(1000);
    const message = (
      chat.call({
        method: 'chat.spaces.messages.create',
        params: { parent: space },
        body: { text: 'hi' },
        authorization: token,
      }).body as { name: string }
    ).name;
    clock.advance(1000);
    const r = sb.run('go', { event: { message } });
    expect(r.error).toBeUndefined();
    expect(r.returned).toEqual([1, true, message]);
    expect(r.calls).toMatchObject({
      'Chat.spaces.messages.reactions.create': 1,
      'Chat.spaces.messages.reactions.list': 1,
      'Chat.spaces.messages.reactions.delete': 1,
    });
  });
});
