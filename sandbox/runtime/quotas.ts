// Apps Script's daily quotas, counted on the virtual clock and enforced the way Apps Script enforces them
// (https://developers.google.com/apps-script/guides/services/quotas, "Current quotas"):
//
// | feature                | consumer (gmail.com) | Google Workspace |
// | URL Fetch calls        | 20,000 / day         | 100,000 / day    |
// | Triggers total runtime | 90 min / day         | 6 hr / day       |
// | Properties read/write  | 50,000 / day         | 500,000 / day    |
//
// "Quotas are per user and reset 24 hours after the first request": each quota's day starts with its first
// use and lasts 24 hours; the next use after that starts a new day. "If you exceed a quota or limitation,
// your script throws an exception and execution stops" — with the texts Apps Script uses (as reported by
// people who reached them): `Exception: Service invoked too many times for one day: urlfetch.` (and
// `: properties.`), and `Service using too much computer time for one day` for trigger runtime.
import { ScriptError } from './errors';

/** The kind of Google account running the script: the Chat API needs Google Workspace, so that's the
 *  default; `consumer` has the lower quotas of gmail.com accounts. */
export type Account = 'consumer' | 'workspace';

export interface DailyQuotas {
  /** UrlFetchApp requests (each request of a fetchAll counts). */
  urlFetchCalls: number;
  /** Virtual time spent by trigger executions (time-driven and simple triggers). */
  triggerRuntimeMs: number;
  /** PropertiesService reads and writes (each call counts one). */
  propertyReadsWrites: number;
}

export type QuotaName = keyof DailyQuotas;

const MINUTE = 60_000;
export const DAY_MS = 24 * 60 * MINUTE;

export const DAILY_QUOTAS: Record<Account, DailyQuotas> = {
  consumer: { urlFetchCalls: 20_000, triggerRuntimeMs: 90 * MINUTE, propertyReadsWrites: 50_000 },
  workspace: { urlFetchCalls: 100_000, triggerRuntimeMs: 6 * 60 * MINUTE, propertyReadsWrites: 500_000 },
};

/** What the script sees when a quota is spent. */
export const QUOTA_ERRORS: Record<QuotaName, () => ScriptError> = {
  urlFetchCalls: () => new ScriptError('Service invoked too many times for one day: urlfetch.'),
  propertyReadsWrites: () => new ScriptError('Service invoked too many times for one day: properties.'),
  triggerRuntimeMs: () => new ScriptError('Service using too much computer time for one day'),
};

interface Period {
  start: number;
  used: number;
}

/** What one user has used of each daily quota (host state: it outlives executions). */
export class DailyUsage {
  private readonly periods: Partial<Record<QuotaName, Period>> = {};

  constructor(
    readonly quotas: DailyQuotas,
    private readonly now: () => number,
  ) {}

  /** The current day of a quota (a new one when the last has ended or there was none). */
  private period(name: QuotaName): Period {
    const now = this.now();
    let p = this.periods[name];
    if (!p || now >= p.start + DAY_MS) p = this.periods[name] = { start: now, used: 0 };
    return p;
  }

  /** Used so far in the quota's current day (0 when it hasn't started or has ended). */
  used(name: QuotaName): number {
    const p = this.periods[name];
    return p && this.now() < p.start + DAY_MS ? p.used : 0;
  }

  remaining(name: QuotaName): number {
    return Math.max(0, this.quotas[name] - this.used(name));
  }

  /** When the quota's current day ends (undefined when none is running). */
  resetsAt(name: QuotaName): number | undefined {
    const p = this.periods[name];
    return p && this.now() < p.start + DAY_MS ? p.start + DAY_MS : undefined;
  }

  /** Takes `n` units or throws Apps Script's exception, taking nothing. */
  take(name: QuotaName, n = 1): void {
    const p = this.period(name);
    if (p.used + n > this.quotas[name]) throw QUOTA_ERRORS[name]();
    p.used += n;
  }

  /** Records what was spent, unchecked (trigger runtime, known only when an execution ends). */
  add(name: QuotaName, n: number): void {
    this.period(name).used += n;
  }
}
