import { ScriptError } from '../errors';
import { Fake } from '../realm';
import type { ServiceContext } from './context';

const MAX_TTL_SECONDS = 21600;
const DEFAULT_TTL_SECONDS = 600;
const MAX_VALUE_BYTES = 100 * 1024;
const MAX_KEY_LENGTH = 250;
/** "a cache item cap of 1,000 entries" (https://developers.google.com/apps-script/reference/cache/cache).
 *  When a write would go past it, the oldest-written entries go first, about a tenth at once — what
 *  https://justin.poehnelt.com/posts/exploring-apps-script-cacheservice-limits measured (FIFO by creation
 *  time, ignoring reads; ~100 items evicted when full). Expired entries are dropped before live ones. */
export const MAX_CACHE_ENTRIES = 1000;
const EVICTED_AT_ONCE = 100;

interface Entry {
  value: string;
  expiresAt: number;
}

/** Script, document and user caches; entries expire on the virtual clock. */
export class CacheStores {
  readonly script = new Map<string, Entry>();
  readonly document = new Map<string, Entry>();
  readonly user = new Map<string, Entry>();
}

export class FakeCacheService extends Fake {
  readonly className = 'CacheService';
  constructor(private readonly ctx: ServiceContext) {
    super();
  }
  getScriptCache(): FakeCache {
    return new FakeCache(this.ctx, this.ctx.host.cache.script);
  }
  getDocumentCache(): FakeCache {
    return new FakeCache(this.ctx, this.ctx.host.cache.document);
  }
  getUserCache(): FakeCache {
    return new FakeCache(this.ctx, this.ctx.host.cache.user);
  }
}

export class FakeCache extends Fake implements GoogleAppsScript.Cache.Cache {
  readonly className = 'Cache';

  constructor(
    private readonly ctx: ServiceContext,
    private readonly store: Map<string, Entry>,
  ) {
    super();
  }

  get(key: string): string | null {
    return this.io('get', () => this.read(key));
  }
  getAll(keys: string[]): { [key: string]: string } {
    return this.io('getAll', () => {
      const out: Record<string, string> = {};
      for (const k of keys) {
        const v = this.read(k);
        if (v !== null) out[k] = v;
      }
      return out;
    });
  }
  put(key: string, value: string, expirationInSeconds = DEFAULT_TTL_SECONDS): void {
    this.io('put', () => this.write(key, value, expirationInSeconds));
  }
  putAll(values: { [key: string]: string }, expirationInSeconds = DEFAULT_TTL_SECONDS): void {
    this.io('putAll', () => {
      for (const [k, v] of Object.entries(values)) this.write(k, v, expirationInSeconds);
    });
  }
  remove(key: string): void {
    this.io('remove', () => this.store.delete(key));
  }
  removeAll(keys: string[]): void {
    this.io('removeAll', () => keys.forEach((k) => this.store.delete(k)));
  }

  private io<T>(method: string, effect: () => T): T {
    return this.ctx.exec.call(`CacheService.${method}`, effect);
  }

  private read(key: string): string | null {
    const e = this.store.get(key);
    if (!e) return null;
    if (e.expiresAt <= this.ctx.host.clock.now()) {
      this.store.delete(key);
      return null;
    }
    return e.value;
  }

  private write(key: string, value: unknown, ttlSeconds: number): void {
    const s = String(value);
    if (key.length > MAX_KEY_LENGTH) throw new ScriptError('Argument too large: key');
    if (Buffer.byteLength(s) > MAX_VALUE_BYTES) throw new ScriptError('Argument too large: value');
    const ttl = Math.min(Math.max(Number(ttlSeconds) || 0, 1), MAX_TTL_SECONDS);
    const now = this.ctx.host.clock.now();
    this.store.delete(key); // a write makes the entry the newest
    if (this.store.size >= MAX_CACHE_ENTRIES) {
      for (const [k, e] of this.store) if (e.expiresAt <= now) this.store.delete(k);
      if (this.store.size >= MAX_CACHE_ENTRIES) {
        let drop = this.store.size - MAX_CACHE_ENTRIES + EVICTED_AT_ONCE;
        for (const k of this.store.keys()) {
          if (drop-- <= 0) break;
          this.store.delete(k);
        }
      }
    }
    this.store.set(key, { value: s, expiresAt: now + ttl * 1000 });
  }
}
