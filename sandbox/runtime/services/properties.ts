import { ScriptError } from '../errors';
import { Fake } from '../realm';
import type { ServiceContext } from './context';

const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

/** The three property stores, kept on the host (tests read and seed them as plain maps). */
export class PropertyStores {
  readonly script = new Map<string, string>();
  readonly document = new Map<string, string>();
  readonly user = new Map<string, string>();
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class FakePropertiesService extends Fake {
  readonly className = 'PropertiesService';
  constructor(private readonly ctx: ServiceContext) {
    super();
  }
  getScriptProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.ctx.host.properties.script);
  }
  getDocumentProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.ctx.host.properties.document);
  }
  getUserProperties(): FakeProperties {
    return new FakeProperties(this.ctx, this.ctx.host.properties.user);
  }
}

export class FakeProperties extends Fake implements GoogleAppsScript.Properties.Properties {
  readonly className = 'Properties';

  constructor(
    private readonly ctx: ServiceContext,
    private readonly store: Map<string, string>,
  ) {
    super();
  }

  getProperty(key: string): string | null {
    return this.io('getProperty', () => this.store.get(String(key)) ?? null);
  }
  getProperties(): { [key: string]: string } {
    return this.io('getProperties', () => Object.fromEntries(this.store));
  }
  getKeys(): string[] {
    return this.io('getKeys', () => [...this.store.keys()]);
  }
  setProperty(key: string, value: string): this {
    this.io('setProperty', () => this.replace({ [String(key)]: value }, false));
    return this;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): this {
    this.io('setProperties', () => this.replace(properties, deleteAllOthers));
    return this;
  }
  deleteProperty(key: string): this {
    this.io('deleteProperty', () => this.store.delete(String(key)));
    return this;
  }
  deleteAllProperties(): this {
    this.io('deleteAllProperties', () => this.store.clear());
    return this;
  }

  /** Every call reads or writes the store: each counts toward the day's "Properties read/write" quota
   *  (https://developers.google.com/apps-script/guides/services/quotas), refused once it is spent. */
  private io<T>(method: string, effect: () => T): T {
    return this.ctx.exec.call(`PropertiesService.${method}`, () => {
      this.ctx.host.usage.take('propertyReadsWrites');
      return effect();
    });
  }

  /** Applies a batch only if the store stays within Apps Script's quotas. */
  private replace(props: Record<string, unknown>, deleteAllOthers: boolean): void {
    const next = new Map(deleteAllOthers ? [] : this.store);
    for (const [k, v] of Object.entries(props)) {
      const s = String(v);
      if (bytes(s) > MAX_VALUE_BYTES) throw new ScriptError('Argument too large: value');
      next.set(k, s);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) {
      throw new ScriptError(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }
}
