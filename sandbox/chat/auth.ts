// Access tokens on the virtual clock: user tokens (what `ScriptApp.getOAuthToken()` returns) and app tokens
// obtained from the emulated https://oauth2.googleapis.com/token with a service account's signed JWT.
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChatError, insufficientScopes } from './errors';
import type { Ids } from './ids';
import type { ChatState, ServiceAccountRec } from './state';

export const TOKEN_URI = 'https://oauth2.googleapis.com/token';
export const CHAT_BOT_SCOPE = 'https://www.googleapis.com/auth/chat.bot';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const HOUR = 3600_000;

/** The JSON key file Google Cloud hands out for a service account. */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

export type Caller =
  /** `scopes`: what the user's token was granted; undefined when not restricted (see TokenRec). */
  | { kind: 'user'; email: string; scopes?: string[] }
  | { kind: 'app'; clientEmail: string; scopes: string[] }
  | { kind: 'webhook'; webhookId: string };

interface KeyPair {
  privateKey: string;
  publicKey: string;
}

const keyPool: KeyPair[] = [];
const POOL_FILE = path.resolve(__dirname, '../../node_modules/.cache/sheets-to-chat/rsa-key-pool.json');

/** The `n`-th RSA key pair of a pool shared by every emulator in the process and cached on disk: a 2048-bit
 *  key takes one to several seconds to generate on a small machine, and keys need not be secret here — only
 *  distinct within one emulator (so a key of another account fails the signature check). */
function pooledKeyPair(n: number): KeyPair {
  if (!keyPool.length) {
    try {
      keyPool.push(...(JSON.parse(fs.readFileSync(POOL_FILE, 'utf8')) as KeyPair[]));
    } catch {
      // no pool yet
    }
  }
  while (keyPool.length <= n) {
    keyPool.push(
      generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      }),
    );
    try {
      fs.mkdirSync(path.dirname(POOL_FILE), { recursive: true });
      const tmp = `${POOL_FILE}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(keyPool));
      fs.renameSync(tmp, POOL_FILE);
    } catch {
      // a read-only node_modules only costs speed
    }
  }
  return keyPool[n];
}

export function newServiceAccount(
  ids: Ids,
  index: number,
  opts: { projectId?: string; name?: string } = {},
): ServiceAccountRec {
  const projectId = opts.projectId ?? 'sheets-to-chat-sandbox';
  const { privateKey, publicKey } = pooledKeyPair(index);
  return {
    clientEmail: `${opts.name ?? (index ? `chat-app-${index + 1}` : 'chat-app')}@${projectId}.iam.gserviceaccount.com`,
    clientId: ids.digits(21),
    projectId,
    privateKeyId: ids.hex(40),
    privateKeyPem: privateKey,
    publicKeyPem: publicKey,
  };
}

export function keyFileOf(sa: ServiceAccountRec): ServiceAccountKey {
  return {
    type: 'service_account',
    project_id: sa.projectId,
    private_key_id: sa.privateKeyId,
    private_key: sa.privateKeyPem,
    client_email: sa.clientEmail,
    client_id: sa.clientId,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: TOKEN_URI,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(sa.clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
}

export function issueUserToken(
  state: ChatState,
  ids: Ids,
  email: string,
  now: number,
  scopes?: readonly string[],
): string {
  const token = ids.token('ya29.u.');
  state.tokens[token] = {
    principal: { kind: 'user', email: email.toLowerCase(), ...(scopes ? { scopes: [...scopes] } : {}) },
    expires: now + HOUR,
  };
  return token;
}

/** Reads `Authorization: Bearer …`; unknown or expired → 401 UNAUTHENTICATED with Google's text. */
export function callerOf(state: ChatState, authorization: string | undefined, now: number): Caller {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  const rec = m ? state.tokens[m[1]] : undefined;
  if (!rec || rec.expires <= now) throw new ChatError(401);
  return rec.principal.kind === 'user'
    ? {
        kind: 'user',
        email: rec.principal.email,
        ...(rec.principal.scopes ? { scopes: rec.principal.scopes } : {}),
      }
    : { kind: 'app', clientEmail: rec.principal.clientEmail, scopes: rec.principal.scopes };
}

/** A person's token must hold one of a method's scopes (the discovery document's `scopes` for it): else
 *  Google's 403 "Request had insufficient authentication scopes." A token whose scopes are not known
 *  (TokenRec) passes; the app's tokens are refused by the user-only methods before this. */
export function requireScope(caller: Caller, scopes: readonly string[], rpcMethod: string): void {
  if (caller.kind !== 'user' || caller.scopes === undefined) return;
  const held = caller.scopes;
  if (!scopes.some((s) => held.includes(s))) throw insufficientScopes(rpcMethod);
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const oauthError = (error: string, description: string, status = 400): TokenAnswer => ({
  status,
  body: { error, error_description: description },
});

function b64urlJson(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The JWT-bearer grant (RFC 7523) as Google's token endpoint answers it. */
export function jwtGrant(state: ChatState, ids: Ids, form: URLSearchParams, now: number): TokenAnswer {
  const grantType = form.get('grant_type');
  if (grantType !== JWT_BEARER)
    return oauthError('unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  const assertion = form.get('assertion') ?? '';
  const parts = assertion.split('.');
  const header = parts.length === 3 ? b64urlJson(parts[0]) : undefined;
  const claims = parts.length === 3 ? b64urlJson(parts[1]) : undefined;
  if (!header || !claims) return oauthError('invalid_request', 'Invalid JWT: could not be parsed.');
  const iss = typeof claims.iss === 'string' ? claims.iss : '';
  const sa = state.serviceAccounts.find((s) => s.clientEmail === iss);
  if (!sa) return oauthError('invalid_grant', 'Invalid grant: account not found');
  if (header.alg !== 'RS256') return oauthError('invalid_grant', 'Invalid JWT Signature.');
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    createPublicKey(sa.publicKeyPem),
    Buffer.from(parts[2], 'base64url'),
  );
  if (!ok) return oauthError('invalid_grant', 'Invalid JWT Signature.');
  if (claims.aud !== TOKEN_URI && claims.aud !== 'https://www.googleapis.com/oauth2/v4/token')
    return oauthError(
      'invalid_grant',
      `Invalid JWT: Failed audience check. The right audience is ${TOKEN_URI}`,
    );
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  const nowS = Math.floor(now / 1000);
  // Google allows a little clock skew, and at most an hour between iat and exp.
  if (
    !Number.isFinite(iat) ||
    !Number.isFinite(exp) ||
    exp <= iat ||
    exp - iat > 3600 ||
    iat > nowS + 300 ||
    exp <= nowS
  )
    return oauthError(
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  if (claims.sub !== undefined && claims.sub !== iss)
    // Impersonating a user needs domain-wide delegation, which the emulated project doesn't grant.
    return oauthError(
      'unauthorized_client',
      'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
    );
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : [];
  if (!scopes.length) return oauthError('invalid_scope', 'Empty or missing scope not allowed.');
  // Google would mint a token for any valid scope and let Chat refuse it later; the sandbox refuses at once
  // so a key set up for the wrong scope shows up where it is configured.
  if (!scopes.includes(CHAT_BOT_SCOPE))
    return oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  const token = ids.token('ya29.c.');
  state.tokens[token] = {
    principal: { kind: 'app', clientEmail: sa.clientEmail, scopes },
    expires: now + 3599_000,
  };
  return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
}
