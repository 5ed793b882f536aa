// Incoming-webhook URLs: validated when pasted, stored in the script's properties under their alias,
// and shown in the sheet only in a redacted form that keeps the space id.
import type { StorePort } from '../platform/ports';
import { rememberSecret } from '../text/redact';

const PREFIX = 'sheets-to-chat.webhook.';
const SHAPE = 'https://chat.googleapis.com/v1/spaces/<id>/messages?key=…&token=…';

export interface Webhook {
  url: string;
  space: string;
}

export type ParsedUrl = { ok: true; hook: Webhook } | { ok: false; reason: string };

/** The redacted form written back into the sheet: the space stays visible, key and token don't. */
export function redactedUrl(space: string): string {
  return `https://chat.googleapis.com/v1/${space}/messages?key=…&token=…`;
}

export function isRedacted(text: string): boolean {
  return /^https:\/\/chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]+\/messages\?key=…&token=…$/.test(
    text.trim(),
  );
}

/** Chat's webhook URLs are about 200 characters; anything much longer is not one, and would not fit in a
 *  script property (9 KB a value). */
const MAX_URL = 2000;

/** Checks a pasted URL. Reasons never quote the URL: it holds the secret. */
export function parseWebhookUrl(raw: string): ParsedUrl {
  const text = raw.trim();
  if (text.length > MAX_URL)
    return {
      ok: false,
      reason: `URL is ${text.length} characters long, too long for a webhook URL: paste the URL from Chat (${SHAPE}).`,
    };
  const m = /^(https?):\/\/([^/?#]+)(\/[^?#]*)(\?[^#]*)?$/.exec(text);
  if (!m)
    return { ok: false, reason: `URL is not a web address: paste the webhook URL from Chat (${SHAPE}).` };
  if (m[1] !== 'https') return { ok: false, reason: 'URL must start with https://.' };
  if (m[2] !== 'chat.googleapis.com')
    return {
      ok: false,
      reason: `URL is not a Google Chat webhook (the host must be chat.googleapis.com; expected ${SHAPE}).`,
    };
  const path = /^\/v1\/(spaces\/[A-Za-z0-9_-]+)\/messages$/.exec(m[3]);
  if (!path) return { ok: false, reason: `URL path is not a space’s messages: expected ${SHAPE}.` };
  const query = new Map<string, string>();
  for (const part of (m[4] ?? '').slice(1).split('&').filter(Boolean)) {
    const i = part.indexOf('=');
    query.set(i < 0 ? part : part.slice(0, i), i < 0 ? '' : part.slice(i + 1));
  }
  const missing = ['key', 'token'].filter((k) => !query.get(k));
  if (missing.length)
    return {
      ok: false,
      reason: `URL has no ${missing.join(' and no ')}: copy the whole webhook URL from Chat.`,
    };
  const extra = [...query.keys()].filter((k) => k !== 'key' && k !== 'token');
  if (extra.length)
    return {
      ok: false,
      reason: `URL has unexpected parameters (${extra.join(', ')}): paste the webhook URL as Chat shows it.`,
    };
  const url = `https://chat.googleapis.com/v1/${path[1]}/messages?key=${query.get('key')}&token=${query.get('token')}`;
  rememberSecret(query.get('token')!);
  rememberSecret(query.get('key')!);
  return { ok: true, hook: { url, space: path[1] } };
}

/** Webhooks stored in the script's properties, by alias. */
export class WebhookStore {
  constructor(private readonly store: StorePort) {}

  get(alias: string): Webhook | null {
    const raw = this.store.get(PREFIX + alias);
    if (!raw) return null;
    const parsed = parseWebhookUrl(raw);
    return parsed.ok ? parsed.hook : null;
  }

  set(alias: string, hook: Webhook): void {
    this.store.set(PREFIX + alias, hook.url);
  }

  aliases(): string[] {
    return this.store
      .keys()
      .filter((k) => k.startsWith(PREFIX))
      .map((k) => k.slice(PREFIX.length));
  }

  forget(alias: string): void {
    this.store.remove(PREFIX + alias);
  }
}
