import vm from 'node:vm';
import { ScriptError, notModelled } from './errors';
import { type ClockHost, INSTALL_CLOCK } from './script-clock';

/**
 * The script's realm: a fresh V8 context per execution holding only JavaScript's built-ins and the
 * Apps Script globals we install, with `Date` on the virtual clock in the script's time zone and a
 * seeded `Math.random` (see script-clock.ts).
 */
export interface Realm {
  context: vm.Context;
  /** The context's own constructors: values handed to the script must be made with these. */
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Error: ErrorConstructor;
  Date: DateConstructor;
  JSON: JSON;
}

export function createRealm(host: ClockHost): Realm {
  // Microtasks drain after each evaluation, so async code in the bundle finishes inside its execution.
  const context = vm.createContext({}, { name: 'apps-script', microtaskMode: 'afterEvaluate' });
  const install = vm.runInContext(INSTALL_CLOCK, context) as (h: ClockHost) => Omit<Realm, 'context'>;
  return { context, ...install(host) };
}

/** Base of every fake service object: the membrane hands the script a proxy of it. */
export abstract class Fake {
  /** The Apps Script class name, used in "not modelled" errors and `String(obj)`. */
  abstract readonly className: string;
  /** Whether an unknown method is cosmetic (a chainable no-op) rather than an error. Sheets and ranges
   *  say yes for formatting (see isCosmeticMethod); services say no. */
  _cosmetic(_name: string): boolean {
    return false;
  }
  toString(): string {
    return this.className;
  }
}

// Formatting calls that change how a sheet looks, never what it holds: safe to ignore.
const COSMETIC =
  /^(set(Font|Background|Border|Wrap|HorizontalAlignment|VerticalAlignment|TextRotation|TextStyle|TextDirection|ColumnWidth|RowHeight|TabColor|Indent|ShowHyperlink|HiddenGridlines|VerticalText)|autoResize|hide|show|clearFormat|applyRowBanding|applyColumnBanding|setConditionalFormatRules|merge|breakApart|protect)/;

export function isCosmeticMethod(name: string): boolean {
  return COSMETIC.test(name);
}

// Properties the engine or tooling probes on any object; they must read as absent, not as methods.
const PROBES = new Set([
  'then',
  'toJSON',
  'constructor',
  'valueOf',
  'inspect',
  'asymmetricMatch',
  'nodeType',
]);

/**
 * The boundary between the script and the host. Values going in are rebuilt with the context's
 * constructors (arrays, Dates, plain objects); fakes go in as proxies; host errors become context
 * Errors with Apps Script's name and message. `guard` runs before every method call, so nothing at all
 * works after a cut-off.
 */
export class Membrane {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(
    private readonly realm: Realm,
    private readonly guard: () => void,
  ) {}

  toContext(value: unknown): unknown {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    if (this.targets.has(value as object)) return value;
    if (value instanceof Fake) return this.proxyOf(value);
    if (value instanceof Date) return new this.realm.Date(value.getTime());
    if (Array.isArray(value)) return this.realm.Array.from(value, (v) => this.toContext(v));
    if (typeof value === 'function') return value;
    if (isDate(value)) return new this.realm.Date((value as Date).getTime());
    const out = new this.realm.Object() as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = this.toContext(v);
    return out;
  }

  /** A detached copy of JSON data (Chat bodies) made by the context's own JSON.parse. */
  json(value: unknown): unknown {
    return value === undefined ? undefined : this.realm.JSON.parse(JSON.stringify(value));
  }

  /** The fake behind a proxy the script passed back (e.g. deleteTrigger(trigger)). */
  unwrap<T>(value: T): T {
    if (value !== null && typeof value === 'object' && this.targets.has(value)) {
      return this.targets.get(value) as T;
    }
    return value;
  }

  toContextError(e: unknown): unknown {
    if (e instanceof this.realm.Error) return e;
    const err = new this.realm.Error(e instanceof Error ? e.message : String(e));
    if (e instanceof ScriptError) {
      err.name = e.scriptName;
      for (const [k, v] of Object.entries(e.fields))
        (err as unknown as Record<string, unknown>)[k] = this.json(v);
    } else if (e instanceof Error) {
      err.name = e.name;
    }
    return err;
  }

  private proxyOf(fake: Fake): object {
    const known = this.proxies.get(fake);
    if (known) return known;
    const methods = new Map<PropertyKey, unknown>();
    const proxy = new Proxy(fake, {
      get: (target, prop) => {
        if (typeof prop === 'symbol') return Reflect.get(target, prop);
        const cached = methods.get(prop);
        if (cached) return cached;
        const v = Reflect.get(target, prop) as unknown;
        let out: unknown;
        if (typeof v === 'function' && !prop.startsWith('_') && !PROBES.has(prop)) {
          out = this.method(target, v as (...a: unknown[]) => unknown);
        } else if (v !== undefined && typeof v !== 'function' && /^[A-Z]/.test(prop)) {
          return this.toContext(v); // enums such as Ui.Button, ScriptApp.AuthMode
        } else if (v !== undefined || PROBES.has(prop) || prop.startsWith('_')) {
          return undefined; // host state is not part of the service's surface
        } else if (target._cosmetic(prop)) {
          out = () => {
            this.guard();
            return proxy;
          };
        } else {
          out = () => {
            throw this.toContextError(notModelled(`${target.className}.${prop}`));
          };
        }
        methods.set(prop, out);
        return out;
      },
      set: () => false,
      has: (target, prop) =>
        typeof prop === 'string' &&
        !prop.startsWith('_') &&
        (typeof Reflect.get(target, prop) === 'function' || /^[A-Z]/.test(prop)) &&
        Reflect.has(target, prop),
      ownKeys: () => [],
    });
    this.proxies.set(fake, proxy);
    this.targets.set(proxy, fake);
    return proxy;
  }

  private method(target: Fake, fn: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown {
    return (...args: unknown[]) => {
      try {
        this.guard();
        return this.toContext(
          fn.apply(
            target,
            args.map((a) => this.unwrap(a)),
          ),
        );
      } catch (e) {
        throw this.toContextError(e);
      }
    };
  }
}

/** Dates from the context fail `instanceof Date` on the host; their brand does not. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
