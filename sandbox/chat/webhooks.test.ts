import type { HttpRequest } from './contract';
import { withTeamSpace } from './testing';

function world() {
  const { chat, clock, owner, space } = withTeamSpace('Alerts');
  const url = chat.createWebhook(space, 'Monitor');
  const post = (body: unknown, u = url): ReturnType<typeof chat.http> => {
    const req: HttpRequest = {
      method: 'POST',
      url: u,
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(body),
    };
    const r = chat.http(req);
    clock.advance(1000);
    return r;
  };
  return { chat, clock, owner, space, url, post };
}

test('the URL has the documented shape and handles() claims it', () => {
  const { chat, space, url } = world();
  expect(url).toMatch(
    new RegExp(
      `^https://chat\\.googleapis\\.com/v1/${space}/messages\\?key=AIza[\\w-]{35}&token=[\\w-]{43}$`,
    ),
  );
  expect(chat.handles(url)).toBe(true);
  expect(chat.handles('https://oauth2.googleapis.com/token')).toBe(true);
  expect(chat.handles('https://example.com/x')).toBe(false);
});

test("a post answers only name and thread.name, and the message is the webhook's (BOT), cards allowed", () => {
  const { chat, space, post } = world();
  const r = post({ text: 'Disk full', cardsV2: [{ cardId: 'a', card: { header: { title: 'Alert' } } }] });
  expect(r.status).toBe(200);
  const body = JSON.parse(r.body) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['name', 'thread']);
  expect(Object.keys(body.thread as object)).toEqual(['name']);
  const [msg] = chat.messages(space);
  expect(msg.name).toBe(body.name);
  expect(msg.sender).toMatchObject({ type: 'BOT', displayName: 'Monitor' });
  expect(chat.tree()).toContain('[card]');
});

test('threadKey in the body with messageReplyOption in the query replies in the thread', () => {
  const { post, url } = world();
  const u = `${url}&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`;
  const a = JSON.parse(post({ text: 'a', thread: { threadKey: 'inc-1' } }, u).body) as {
    thread: { name: string };
  };
  const b = JSON.parse(post({ text: 'b', thread: { threadKey: 'inc-1' } }, u).body) as {
    thread: { name: string };
  };
  expect(b.thread.name).toBe(a.thread.name);
  const c = JSON.parse(post({ text: 'c', thread: { threadKey: 'inc-1' } }).body) as {
    thread: { name: string };
  };
  expect(c.thread.name).not.toBe(a.thread.name);
});

test('a wrong token → 403 PERMISSION_DENIED; a wrong key → 400 API key not valid; nothing is posted', () => {
  const { chat, space, post, url } = world();
  const badToken = post({ text: 'x' }, url.replace(/token=[\w-]+/, 'token=nope'));
  expect(badToken.status).toBe(403);
  expect(JSON.parse(badToken.body)).toEqual({
    error: {
      code: 403,
      message:
        'The API is called without a valid token. Instructions on how to use incoming webhooks can be found at https://developers.google.com/chat/how-tos/webhooks',
      status: 'PERMISSION_DENIED',
    },
  });
  const badKey = post({ text: 'x' }, url.replace(/key=[\w-]+/, 'key=AIzaWrong'));
  expect(badKey.status).toBe(400);
  expect(JSON.parse(badKey.body).error).toMatchObject({
    message: 'API key not valid. Please pass a valid API key.',
    status: 'INVALID_ARGUMENT',
  });
  expect(chat.messages(space)).toHaveLength(0);
  chat.deleteWebhook(url);
  expect(post({ text: 'x' }).status).toBe(403);
});

test("webhook posts share the space's one-write-a-second limit", () => {
  const { chat, clock, url, owner, space } = world();
  const req: HttpRequest = { method: 'POST', url, headers: {}, body: '{"text":"a"}' };
  expect(chat.http(req).status).toBe(200);
  const r = chat.http(req);
  expect(r.status).toBe(429);
  expect(JSON.parse(r.body).error.status).toBe('RESOURCE_EXHAUSTED');
  expect(owner('chat.spaces.messages.create', { parent: space }, { text: 'b' }).status).toBe(429);
  clock.advance(1000);
  expect(chat.http(req).status).toBe(200);
  expect(chat.stats.throttled).toBe(2);
  expect(chat.stats.calls.webhook).toBe(3);
});

test('unknown fields in a webhook body are refused', () => {
  const { post } = world();
  const r = post({ text: 'x', colour: 'red' });
  expect(r.status).toBe(400);
  expect(JSON.parse(r.body).error.message).toBe(
    'Invalid JSON payload received. Unknown name "colour" at \'message\': Cannot find field.',
  );
});
