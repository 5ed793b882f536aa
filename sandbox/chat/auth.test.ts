import { generateKeyPairSync } from 'node:crypto';
import { CHAT_BOT_SCOPE } from './auth';
import { STANDARD_MESSAGES } from './errors';
import { appToken, callAs, errorOf, newEmulator, signedAssertion, tokenRequest } from './testing';

describe('user tokens', () => {
  test("valid for one hour of virtual time, then 401 with Google's message", () => {
    const { chat, clock } = newEmulator();
    const me = callAs(chat, chat.userToken('me@example.com'));
    expect(me('chat.spaces.list').status).toBe(200);
    clock.advance(3600_000);
    const r = me('chat.spaces.list');
    expect(r.status).toBe(401);
    expect(errorOf(r)).toEqual({ code: 401, message: STANDARD_MESSAGES[401], status: 'UNAUTHENTICATED' });
  });

  test('unknown tokens and expireTokens() → 401', () => {
    const { chat } = newEmulator();
    expect(callAs(chat, 'ya29.bogus')('chat.spaces.list').status).toBe(401);
    const me = callAs(chat, chat.userToken('me@example.com'));
    chat.expireTokens();
    expect(me('chat.spaces.list').status).toBe(401);
  });

  test('REST calls read the Authorization header', () => {
    const { chat } = newEmulator();
    const token = chat.userToken('me@example.com');
    const r = chat.http({
      method: 'POST',
      url: 'https://chat.googleapis.com/v1/spaces?requestId=abc',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ spaceType: 'SPACE', displayName: 'Via REST' }),
    });
    expect(r.status).toBe(200);
    const space = JSON.parse(r.body) as { name: string };
    const got = chat.http({
      method: 'GET',
      url: `https://chat.googleapis.com/v1/${space.name}/members/me%40example.com`,
      headers: { authorization: `Bearer ${token}` },
      body: '',
    });
    expect(JSON.parse(got.body)).toMatchObject({ role: 'ROLE_MANAGER' });
    const anon = chat.http({
      method: 'GET',
      url: `https://chat.googleapis.com/v1/${space.name}`,
      headers: {},
      body: '',
    });
    expect(anon.status).toBe(401);
    expect(JSON.parse(anon.body).error.status).toBe('UNAUTHENTICATED');
  });
});

describe('service-account JWT grant', () => {
  const { chat } = newEmulator({ serviceAccounts: [{}] });
  const key = chat.serviceAccountKeys()[0];
  const grant = (assertion: string) => {
    const r = chat.http(tokenRequest(assertion));
    return { status: r.status, body: JSON.parse(r.body) as Record<string, unknown> };
  };

  test('the key file has the fields Google issues', () => {
    expect(key).toMatchObject({
      type: 'service_account',
      token_uri: 'https://oauth2.googleapis.com/token',
      client_email: expect.stringMatching(/@.+\.iam\.gserviceaccount\.com$/),
      private_key: expect.stringContaining('-----BEGIN PRIVATE KEY-----'),
      private_key_id: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  test('a good assertion gets a Bearer token valid for 3599 s that makes the caller the app', () => {
    const r = grant(signedAssertion(key, chat.clock.now()));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), expires_in: 3599, token_type: 'Bearer' });
    const app = callAs(chat, r.body.access_token as string);
    expect(app('chat.spaces.list').status).toBe(200);
  });

  test('a signature by another key → invalid_grant "Invalid JWT Signature."', () => {
    const other = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const r = grant(signedAssertion(key, chat.clock.now(), {}, other.privateKey));
    expect(r).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
  });

  test('expired or over-long assertions → invalid_grant', () => {
    const now = chat.clock.now();
    const old = grant(signedAssertion(key, now - 2 * 3600_000));
    expect(old.status).toBe(400);
    expect(old.body.error).toBe('invalid_grant');
    expect(String(old.body.error_description)).toContain('Check your iat and exp values');
    const iat = Math.floor(now / 1000);
    expect(grant(signedAssertion(key, now, { exp: iat + 7200 })).body.error).toBe('invalid_grant');
  });

  test('wrong audience, unknown issuer, missing chat.bot scope are refused', () => {
    const now = chat.clock.now();
    expect(grant(signedAssertion(key, now, { aud: 'https://example.com' })).body.error).toBe('invalid_grant');
    expect(grant(signedAssertion(key, now, { iss: 'x@y.iam.gserviceaccount.com' })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid grant: account not found',
    });
    expect(
      grant(signedAssertion(key, now, { scope: 'https://www.googleapis.com/auth/drive' })).body.error,
    ).toBe('invalid_scope');
    expect(
      grant(signedAssertion(key, now, { scope: `${CHAT_BOT_SCOPE} https://www.googleapis.com/auth/drive` }))
        .status,
    ).toBe(200);
  });

  test('app tokens expire after an hour too', () => {
    const token = appToken(chat);
    chat.clock.advance(3600_000);
    expect(callAs(chat, token)('chat.spaces.list').status).toBe(401);
  });
});
