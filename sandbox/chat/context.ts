// What every method handler receives, and small readers for untyped JSON bodies.
import type { Caller } from './auth';
import { invalid } from './errors';
import type { ReadKind, WriteKind } from './rate-limits';
import type { Principal } from './state';
import type { Store } from './store';

export interface Ctx {
  store: Store;
  caller: Caller;
  who: Principal;
  /** The call runs with administrator access (`useAdminAccess=true`, granted: admin.ts). */
  admin: boolean;
  now: number;
  /** The uploaded file of a media.upload call (MethodCall.media, or the media part of a multipart body). */
  media?: { bytes: Uint8Array; contentType?: string };
  /** Takes one write from the quotas (429 when over), then counts it: call right before changing state, so
   *  refused and failed calls use no quota. */
  write(kind: WriteKind, spaceId?: string, creation?: boolean): void;
  /** Takes one read from the quotas (429 when over): call once the read is known to succeed. */
  read(kind: ReadKind, spaceId?: string): void;
}

export type Params = Record<string, unknown>;
export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `updateMask` as snake_case paths; missing or empty → 400. */
export function maskOf(p: Params): string[] {
  const raw = str(p.updateMask)?.trim();
  if (!raw) throw invalid('Request must include a non-empty update_mask.');
  return raw
    .split(',')
    .map((s) => s.trim().replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()))
    .filter(Boolean);
}

/**
 * Pages over a list with an opaque offset token, as the three list methods document their `pageSize`
 * (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/list,
 * …/spaces.members/list, …/spaces.messages/list): "If unspecified, at most `def` are returned. The maximum
 * value is 1000. If you use a value more than 1000, it's automatically changed to 1000. Negative values
 * return an INVALID_ARGUMENT error." Zero is proto3's "unspecified".
 *
 * A token from a query with other parameters is not refused: the pages say only that "passing different
 * values to the other parameters might lead to unexpected results", so the offset is applied as it is.
 */
export function page<T>(items: T[], p: Params, def: number, max: number): { items: T[]; next?: string } {
  const asked = p.pageSize === undefined ? 0 : Number(p.pageSize);
  if (!Number.isInteger(asked)) throw invalid(`Invalid page size: ${String(p.pageSize)}.`);
  if (asked < 0) throw invalid('Page size must not be negative.');
  const size = Math.min(asked === 0 ? def : asked, max);
  const token = str(p.pageToken);
  let start = 0;
  if (token) {
    const n = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''));
    if (!Number.isInteger(n) || n < 0) throw invalid('Invalid page token.');
    start = n;
  }
  const slice = items.slice(start, start + size);
  const next =
    start + size < items.length ? Buffer.from(`o:${start + size}`).toString('base64url') : undefined;
  return { items: slice, next };
}
