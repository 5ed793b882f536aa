// Helpers for the emulator's tests (and the runtime's): callers bound to a token, and a signed JWT grant.
import { sign } from 'node:crypto';
import { VirtualClock } from '../clock';
import { CHAT_BOT_SCOPE, TOKEN_URI, type ServiceAccountKey } from './auth';
import type { MethodResult } from './contract';
import { ChatEmulator, type ChatEmulatorOptions } from './emulator';

export type CallAs = (method: string, params?: Record<string, unknown>, body?: unknown) => MethodResult;

export function callAs(chat: ChatEmulator, token: string): CallAs {
  return (method, params = {}, body) => chat.call({ method, params, body, authorization: `Bearer ${token}` });
}

export function newEmulator(opts: Partial<ChatEmulatorOptions> = {}): {
  chat: ChatEmulator;
  clock: VirtualClock;
} {
  const clock = opts.clock ?? new VirtualClock();
  return { chat: new ChatEmulator({ seed: 42, ...opts, clock }), clock };
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A JWT-bearer assertion as Apps Script's `Utilities.computeRsaSha256Signature` flow builds it. */
export function signedAssertion(
  key: ServiceAccountKey,
  nowMs: number,
  claims: Record<string, unknown> = {},
  signingKey = key.private_key,
): string {
  const iat = Math.floor(nowMs / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id });
  const body = b64({
    iss: key.client_email,
    scope: CHAT_BOT_SCOPE,
    aud: TOKEN_URI,
    iat,
    exp: iat + 3600,
    ...claims,
  });
  const sig = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), signingKey).toString('base64url');
  return `${head}.${body}.${sig}`;
}

export function tokenRequest(assertion: string): {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
} {
  return {
    method: 'POST',
    url: TOKEN_URI,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    }).toString(),
  };
}

/** An app access token for the emulator's first service account (one is added if there is none), with
 *  `chat.bot` and any `moreScopes` (e.g. chat.app.messages.readonly, granted with administrator approval). */
export function appToken(chat: ChatEmulator, moreScopes: string[] = []): string {
  const key = chat.serviceAccountKeys()[0] ?? chat.addServiceAccount();
  const scope = [CHAT_BOT_SCOPE, ...moreScopes].join(' ');
  const res = chat.http(tokenRequest(signedAssertion(key, chat.clock.now(), { scope })));
  if (res.status !== 200) throw new Error(`token grant failed: ${res.body}`);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

export function errorOf(r: MethodResult): { code: number; message: string; status: string } {
  return (r.body as { error: { code: number; message: string; status: string } }).error;
}

/** An emulator with one SPACE made by owner@example.com, the clock a second past its creation. */
export function withTeamSpace(displayName = 'Team', opts: Partial<ChatEmulatorOptions> = {}) {
  const { chat, clock } = newEmulator(opts);
  const ownerToken = chat.userToken('owner@example.com');
  const owner = callAs(chat, ownerToken);
  const made = owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName });
  const space = (made.body as { name: string }).name;
  clock.advance(1000);
  /** Each write to the space needs a second of its own. */
  const next = () => clock.advance(1000);
  return { chat, clock, owner, ownerToken, space, next };
}
