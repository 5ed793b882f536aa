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
  now: number;
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

/** Pages over a list with an opaque offset token. */
export function page<T>(items: T[], p: Params, def: number, max: number): { items: T[]; next?: string } {
  const size = Math.min(Math.max(Number(p.pageSize ?? def) || def, 1), max);
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
