// Posting as the Chat app: a service-account key (kept in the script's properties, never in the sheet)
// signs a JWT-bearer grant; the access token is cached until shortly before it expires.
import { dailyQuotaFailure } from '../chat/errors';
import type { ChatFailure } from '../chat/ops';
import { errorText } from '../text/error-text';
import { redact, rememberSecret } from '../text/redact';
import type { CachePort, ClockPort, HttpPort, SignerPort, StorePort } from '../platform/ports';

export const APP_KEY_PROPERTY = 'sheets-to-chat.appKey';
const TOKEN_CACHE_KEY = 'sheets-to-chat.appToken';
export const CHAT_BOT_SCOPE = 'https://www.googleapis.com/auth/chat.bot';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** A cached token is dropped this long before Google says it expires. */
const EXPIRY_MARGIN_S = 300;

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

export type Parsed = { ok: true; key: ServiceAccountKey } | { ok: false; reason: string };

/** Checks a pasted key file; the reason never quotes the key. */
export function parseServiceAccountKey(text: string): Parsed {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text.trim()) as Record<string, unknown>;
  } catch {
    return {
      ok: false,
      reason:
        'That is not a JSON key file: paste the whole content of the .json file you downloaded for the service account.',
    };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, reason: 'The key must be a JSON object (the whole .json key file).' };
  if (json.type !== 'service_account')
    return {
      ok: false,
      reason: 'This JSON is not a service-account key ("type" must be "service_account").',
    };
  const email = json.client_email;
  if (
    typeof email !== 'string' ||
    !/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$|^[^@\s]+@[^@\s]+$/.test(email)
  )
    return { ok: false, reason: 'The key has no valid "client_email".' };
  const pem = json.private_key;
  if (typeof pem !== 'string' || !/-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/.test(pem))
    return { ok: false, reason: 'The key has no "private_key" in PEM form (-----BEGIN PRIVATE KEY-----…).' };
  const uri = json.token_uri;
  if (uri !== undefined && (typeof uri !== 'string' || !/^https:\/\/[\w.-]+\.googleapis\.com\//.test(uri)))
    return { ok: false, reason: 'The key’s "token_uri" is not a Google address.' };
  rememberSecret(pem);
  return {
    ok: true,
    key: {
      client_email: email,
      private_key: pem,
      private_key_id: typeof json.private_key_id === 'string' ? json.private_key_id : undefined,
      token_uri: typeof uri === 'string' ? uri : undefined,
    },
  };
}

export interface AppAuthDeps {
  store: StorePort;
  cache: CachePort;
  http: HttpPort;
  signer: SignerPort;
  clock: ClockPort;
}

export type TokenResult = { ok: true; token: string } | { ok: false; failure: ChatFailure };

export class AppAuth {
  constructor(private readonly deps: AppAuthDeps) {}

  key(): ServiceAccountKey | null {
    const raw = this.deps.store.get(APP_KEY_PROPERTY);
    if (!raw) return null;
    const parsed = parseServiceAccountKey(raw);
    return parsed.ok ? parsed.key : null;
  }

  /** Stores a key after proving it works (a token is fetched with it). */
  install(key: ServiceAccountKey): TokenResult {
    this.deps.cache.remove(TOKEN_CACHE_KEY);
    const result = this.fetchToken(key);
    if (!result.ok) return result;
    try {
      this.deps.store.set(APP_KEY_PROPERTY, JSON.stringify({ type: 'service_account', ...key }));
    } catch (e) {
      this.deps.cache.remove(TOKEN_CACHE_KEY);
      const why = errorText(e);
      return {
        ok: false,
        failure: {
          code: 0,
          status: 'NOT_STORED',
          message: `The key works, but the script’s properties could not store it (${why}). Remove Webhooks rows you no longer use, then set up app authentication again.`,
        },
      };
    }
    return result;
  }

  token(): TokenResult {
    const cached = this.deps.cache.get(TOKEN_CACHE_KEY);
    if (cached) {
      rememberSecret(cached);
      return { ok: true, token: cached };
    }
    const key = this.key();
    if (!key)
      return {
        ok: false,
        failure: {
          code: 401,
          status: 'UNAUTHENTICATED',
          message: 'As APP needs the Chat app’s key: run “Set up app authentication” from the Chat menu',
        },
      };
    return this.fetchToken(key);
  }

  /** Chat said the token is no good (expired or revoked): the next call fetches a new one. */
  invalidate(): void {
    this.deps.cache.remove(TOKEN_CACHE_KEY);
  }

  /** The JWT-bearer grant: a signed assertion exchanged at Google's token service for an access token. */
  private fetchToken(key: ServiceAccountKey): TokenResult {
    const uri = key.token_uri ?? DEFAULT_TOKEN_URI;
    const assertion = this.sign(key, uri);
    if (!assertion.ok) return assertion;
    let res;
    try {
      [res] = this.deps.http.fetchAll([
        {
          url: uri,
          method: 'post',
          payload: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion.jwt },
        },
      ]);
    } catch (e) {
      const quota = dailyQuotaFailure(errorText(e));
      if (quota) return { ok: false, failure: quota };
      const message = `No answer from Google’s token service (${errorText(e)})`;
      return { ok: false, failure: { code: 0, status: 'UNAVAILABLE', message } };
    }
    return this.tokenFrom(res);
  }

  /** The signed JWT asserting the service account's identity for the Chat app scope. */
  private sign(
    key: ServiceAccountKey,
    uri: string,
  ): { ok: true; jwt: string } | Extract<TokenResult, { ok: false }> {
    const { signer, clock } = this.deps;
    const iat = Math.floor(clock.now() / 1000);
    const head = signer.base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id }));
    const claims = signer.base64url(
      JSON.stringify({ iss: key.client_email, scope: CHAT_BOT_SCOPE, aud: uri, iat, exp: iat + 3600 }),
    );
    try {
      const jwt = `${head}.${claims}.${signer.rsaSha256(`${head}.${claims}`, key.private_key)}`;
      rememberSecret(jwt);
      return { ok: true, jwt };
    } catch {
      const message = 'The service-account private key could not sign (is the key file complete?)';
      return { ok: false, failure: { code: 400, status: 'INVALID_ARGUMENT', message } };
    }
  }

  /** The token service's answer: the token, cached for its lifetime, or why not in plain words. */
  private tokenFrom(res: { code: number; text: string }): TokenResult {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(res.text) as Record<string, unknown>;
    } catch {
      /* not JSON: reported below by its status */
    }
    if (res.code !== 200 || typeof body.access_token !== 'string') {
      const why =
        [body.error, body.error_description].filter((x) => typeof x === 'string').join(': ') ||
        `HTTP ${res.code}`;
      const transient = res.code === 429 || res.code >= 500;
      return {
        ok: false,
        failure: {
          code: transient ? res.code : 401,
          status: transient ? 'UNAVAILABLE' : 'UNAUTHENTICATED',
          message: `Google refused the Chat app’s key (${redact(why)}): run “Set up app authentication” again with a valid key`,
        },
      };
    }
    const token = body.access_token;
    rememberSecret(token);
    const ttl = Number(body.expires_in) || 3600;
    this.deps.cache.put(TOKEN_CACHE_KEY, token, ttl - EXPIRY_MARGIN_S);
    return { ok: true, token };
  }
}
