// Scheduled failures for tests: "the next n matching calls fail with 503", "the k-th call from now gets 403".
// A faulted call has no effect (nothing is written, no quota is used).
import { APP_NOT_FOUND_MESSAGE, ChatError } from './errors';

/** An HTTP status (answered with Google's standard message for it) or `appNotFound` (404, Chat's
 *  "Google Chat app not found" text). */
export type FaultKind = number | 'appNotFound';

export interface FaultFilter {
  /** A method (`chat.spaces.messages.create`), a prefix of one (`chat.spaces.members`), `webhook` (incoming
   *  webhook posts) or `oauth2.token`. Without it a fault matches any Chat call or webhook post. */
  method?: string;
  message?: string;
}

interface Entry {
  kind: FaultKind;
  remaining: number;
  method?: string;
  message?: string;
  /** For `at`: fires on the `atCall`-th matching call counted from when it was scheduled (`calls` so far). */
  atCall?: number;
  calls: number;
}

export class FaultSchedule {
  private entries: Entry[] = [];

  /** The next `n` matching calls fail with `kind`. */
  next(n: number, kind: FaultKind, filter: FaultFilter = {}): this {
    this.entries.push({ kind, remaining: n, method: filter.method, message: filter.message, calls: 0 });
    return this;
  }

  /** The `k`-th matching call from now (1 = the very next one) fails with `kind`. */
  at(k: number, kind: FaultKind, filter: FaultFilter = {}): this {
    this.entries.push({
      kind,
      remaining: 1,
      method: filter.method,
      message: filter.message,
      atCall: k,
      calls: 0,
    });
    return this;
  }

  clear(): void {
    this.entries = [];
  }

  /** How many faults are still scheduled. */
  get pending(): number {
    return this.entries.reduce((n, e) => n + e.remaining, 0);
  }

  private static matches(e: Entry, method: string): boolean {
    if (!e.method) return method !== 'oauth2.token';
    return method === e.method || method.startsWith(e.method + '.');
  }

  /** Called once per incoming call: the error to answer instead, if one is due. */
  take(method: string): ChatError | undefined {
    let hit: Entry | undefined;
    for (const e of this.entries) {
      if (!FaultSchedule.matches(e, method)) continue;
      e.calls++;
      if (hit) continue;
      if (e.atCall === undefined || e.calls === e.atCall) hit = e;
    }
    if (!hit) return undefined;
    hit.remaining--;
    this.entries = this.entries.filter((e) => e.remaining > 0);
    if (hit.kind === 'appNotFound') return new ChatError(404, hit.message ?? APP_NOT_FOUND_MESSAGE);
    return new ChatError(hit.kind, hit.message);
  }
}
