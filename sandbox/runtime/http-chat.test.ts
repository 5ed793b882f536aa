import { CannedChat, sandboxFor } from './test-support';

const WEBHOOK = 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=KEY123&token=TOKEN456';

describe('UrlFetchApp', () => {
  const SCRIPT = `
    function unmuted() { UrlFetchApp.fetch('${WEBHOOK}', { method: 'post', contentType: 'application/json', payload: '{}' }); }
    function muted() {
      var r = UrlFetchApp.fetch('https://api.example.com/x?q=1', { muteHttpExceptions: true });
      return [r.getResponseCode(), r.getContentText(), r.getHeaders()['Content-Type']];
    }
    function posted() {
      return UrlFetchApp.fetch('https://api.example.com/ok', { method: 'post', payload: { a: 1, b: 'x y' }, headers: { Authorization: 'Bearer t' } })
        .getContentText();
    }
    function nowhere() { UrlFetchApp.fetch('https://nowhere.example.org/'); }
    function parallel() {
      return UrlFetchApp.fetchAll([
        { url: 'https://api.example.com/ok', muteHttpExceptions: true },
        'https://api.example.com/ok',
        { url: 'https://api.example.com/x', muteHttpExceptions: true },
      ]).map(function (r) { return r.getResponseCode(); });
    }
    function parallelFails() { UrlFetchApp.fetchAll(['https://api.example.com/ok', 'https://api.example.com/x']); }`;

  function setUp() {
    const chat = new CannedChat(() => ({ status: 200, body: {} }));
    chat.http = () => ({
      status: 400,
      headers: {},
      body: JSON.stringify({ error: { code: 400, message: 'Invalid JSON payload received.' } }),
    });
    const sb = sandboxFor(SCRIPT, { chat });
    const seen: number[] = [];
    sb.http.register('https://api.example.com/ok', (req) => {
      seen.push(sb.clock.now());
      return {
        status: 200,
        headers: { 'Content-Type': 'text/plain' },
        body: `${req.method} ${req.body} ${req.headers.Authorization ?? ''}`,
      };
    });
    sb.http.register('https://api.example.com/x', () => {
      seen.push(sb.clock.now());
      return { status: 503, headers: { 'Content-Type': 'text/plain' }, body: 'busy' };
    });
    return { sb, seen };
  }

  test('an unmuted failure throws Apps Script message quoting the whole URL', () => {
    const { sb } = setUp();
    const r = sb.run('unmuted');
    expect(r.error).toBe(
      `Exception: Request failed for ${WEBHOOK} returned code 400. Truncated server response: {"error":{"code":400,"message":"Invalid JSON payload received."}} (use muteHttpExceptions option to examine full response)`,
    );
  });

  test('muted failures return the response; payload objects are form-encoded', () => {
    const { sb } = setUp();
    expect(sb.run('muted').returned).toEqual([503, 'busy', 'text/plain']);
    expect(sb.run('posted').returned).toBe('POST a=1&b=x+y Bearer t');
    expect(sb.http.requests.at(-1)?.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
  });

  test('an unknown host is unreachable', () => {
    const { sb } = setUp();
    expect(sb.run('nowhere').error).toBe('Exception: Address unavailable: https://nowhere.example.org/');
  });

  test('fetchAll sends in parallel: one instant, slowest latency plus overhead', () => {
    const { sb, seen } = setUp();
    const r = sb.run('parallel');
    expect(r.returned).toEqual([200, 200, 503]);
    expect(new Set(seen).size).toBe(1);
    expect(r.elapsedMs).toBe(250 + 20);
    expect(r.calls).toEqual({ 'UrlFetchApp.fetchAll': 1 });
    expect(sb.run('parallelFails').error).toMatch(
      /^Exception: Request failed for https:\/\/api.example.com\/x returned code 503/,
    );
  });

  test('a fault makes the next matching request time out after 60 s', () => {
    const { sb, seen } = setUp();
    sb.http.faults.push({ prefix: 'https://api.example.com/ok', count: 1 });
    const r1 = sb.run('posted');
    expect(r1).toMatchObject({
      outcome: 'error',
      error: 'Exception: Timeout: https://api.example.com/ok',
      elapsedMs: 60_000,
    });
    expect(seen).toEqual([]);
    expect(sb.run('posted').outcome).toBe('ok');
  });
});

test('a delivered time-out reaches the server although the script only sees the time-out', () => {
  const sb = sandboxFor(
    `function post() { UrlFetchApp.fetch('https://hooks.example.com/p', { method: 'post', payload: 'x' }); }`,
  );
  const got: string[] = [];
  sb.http.register('https://hooks.example.com/', (req) => {
    got.push(req.body);
    return { status: 200, headers: {}, body: '{}' };
  });
  sb.http.faults.push({ prefix: 'https://hooks.example.com/', count: 1, delivered: true });
  expect(sb.run('post').error).toBe('Exception: Timeout: https://hooks.example.com/p');
  expect(got).toEqual(['x']);
});

// https://developers.google.com/apps-script/guides/services/quotas, "Current limitations": URL Fetch URL
// length 2 kB / URL.
describe('UrlFetchApp: a URL is at most 2 KB', () => {
  const SCRIPT = `
    function get(e) { return UrlFetchApp.fetch('https://example.com/?q=' + new Array(e.n + 1).join('x')).getContentText(); }
    function all(e) { return UrlFetchApp.fetchAll(['https://example.com/', 'https://example.com/?q=' + new Array(e.n + 1).join('x')]).length; }`;
  const prefix = 'https://example.com/?q='.length;

  test('2,048 bytes go; 2,049 throw "Limit Exceeded: URLFetch URL Length." and nothing is sent', () => {
    const sb = sandboxFor(SCRIPT);
    sb.http.register('https://example.com/', () => ({ status: 200, headers: {}, body: 'ok' }));
    expect(sb.run('get', { event: { n: 2048 - prefix } }).returned).toBe('ok');
    const r = sb.run('get', { event: { n: 2049 - prefix } });
    expect(r.error).toBe('Exception: Limit Exceeded: URLFetch URL Length.');
    expect(sb.run('all', { event: { n: 2049 - prefix } }).error).toBe(
      'Exception: Limit Exceeded: URLFetch URL Length.',
    );
    expect(sb.http.requests).toHaveLength(1);
  });
});

describe('Chat advanced service', () => {
  const SCRIPT = `
    function create() {
      return Chat.Spaces.create({ displayName: 'Team', spaceType: 'SPACE' }, { requestId: 'r1' });
    }
    function asApp() {
      return Chat.Spaces.Messages.create({ text: 'hi' }, 'spaces/S', { messageId: 'client-1' }, { Authorization: 'Bearer app-token' });
    }
    function setupWithHeaders() { return Chat.Spaces.setup({ space: { spaceType: 'GROUP_CHAT' } }, { Authorization: 'Bearer app-token' }); }
    function removeMember() { return Chat.Spaces.Members.remove('spaces/S/members/u1'); }
    function missing() {
      try { Chat.Spaces.Messages.get('spaces/S/messages/nope'); } catch (e) {
        return [e instanceof Error, e.name, e.message, e.details.code, e.details.errors[0].reason, e.details.errors[0].domain];
      }
    }`;

  function setUp() {
    const chat = new CannedChat((call) => {
      if (call.method === 'chat.spaces.messages.get') {
        return {
          status: 404,
          body: { error: { code: 404, message: 'Message not found.', status: 'NOT_FOUND' } },
        };
      }
      return { status: 200, body: { name: 'spaces/NEW', createTime: '2026-01-05T09:00:00Z', tags: ['a'] } };
    });
    return { chat, sb: sandboxFor(SCRIPT, { chat, user: 'ada@example.com' }) };
  }

  test('calls become MethodCalls with the user token; results are plain objects of the script realm', () => {
    const { chat, sb } = setUp();
    const r = sb.run('create');
    expect(r.returned).toEqual({ name: 'spaces/NEW', createTime: '2026-01-05T09:00:00Z', tags: ['a'] });
    expect(chat.calls[0]).toEqual({
      method: 'chat.spaces.create',
      params: { requestId: 'r1' },
      body: { displayName: 'Team', spaceType: 'SPACE' },
      authorization: 'Bearer user-token-for-ada@example.com',
    });
    expect(r.calls).toEqual({ 'Chat.spaces.create': 1 });
    expect(r.elapsedMs).toBe(300);
  });

  test('app auth headers, setup(request, headers) and remove → delete are mapped', () => {
    const { chat, sb } = setUp();
    sb.run('asApp');
    sb.run('setupWithHeaders');
    sb.run('removeMember');
    expect(chat.calls.map((c) => [c.method, c.params, c.authorization])).toEqual([
      ['chat.spaces.messages.create', { parent: 'spaces/S', messageId: 'client-1' }, 'Bearer app-token'],
      ['chat.spaces.setup', {}, 'Bearer app-token'],
      [
        'chat.spaces.members.delete',
        { name: 'spaces/S/members/u1' },
        'Bearer user-token-for-ada@example.com',
      ],
    ]);
  });

  test('a simple trigger may not call Chat', () => {
    const { chat, sb } = setUp();
    expect(sb.run('create', { trigger: 'simple' }).error).toMatch(
      /^Exception: You do not have permission to call Chat.spaces.create/,
    );
    expect(chat.calls).toEqual([]);
  });

  test('errors are GoogleJsonResponseExceptions with Chat message and details', () => {
    const { sb } = setUp();
    expect(sb.run('missing').returned).toEqual([
      true,
      'GoogleJsonResponseException',
      'API call to chat.spaces.messages.get failed with error: Message not found.',
      404,
      'notFound',
      'global',
    ]);
  });

  test('without a Chat backend, Chat calls fail with a clear error', () => {
    const sb = sandboxFor(SCRIPT);
    expect(sb.run('create').error).toBe(
      'Error: sandbox: no Chat backend configured, so Chat.spaces.create cannot be called',
    );
  });
});
