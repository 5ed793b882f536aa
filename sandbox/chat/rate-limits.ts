// Chat's write quotas on the virtual clock: rolling windows of the writes that took effect. A refused call
// (429, or any error found before the write) is not recorded, so it has no effect on later calls.
import { ChatError } from './errors';

export interface Limits {
  /** Writes per space per `perSpaceWindowMs` (Chat: about one a second, webhooks included). */
  perSpaceWrites: number;
  perSpaceWindowMs: number;
  /** Per project per rolling minute. */
  messageWritesPerMinute: number;
  membershipWritesPerMinute: number;
  spaceWritesPerMinute: number;
  /** spaces.create and spaces.setup per rolling minute (Chat: "fewer than 35 space creations a minute"). */
  spaceCreationsPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  perSpaceWrites: 1,
  perSpaceWindowMs: 1000,
  messageWritesPerMinute: 3000,
  membershipWritesPerMinute: 300,
  spaceWritesPerMinute: 60,
  spaceCreationsPerMinute: 34,
};

export type WriteKind = 'message' | 'membership' | 'space';

const MINUTE = 60_000;

export class RateLimiter {
  constructor(
    readonly limits: Limits,
    private readonly windows: Record<string, number[]>,
  ) {}

  /** Records one write of `kind` (into `spaceId`'s window too, when given, and the creations' window for a
   *  new space) or throws 429 without recording. */
  take(now: number, kind: WriteKind, spaceId?: string, creation = false): void {
    const l = this.limits;
    const perMinute =
      kind === 'message'
        ? l.messageWritesPerMinute
        : kind === 'membership'
          ? l.membershipWritesPerMinute
          : l.spaceWritesPerMinute;
    const checks: [string, number, number][] = [[`project:${kind}`, perMinute, MINUTE]];
    if (spaceId) checks.push([`space:${spaceId}`, l.perSpaceWrites, l.perSpaceWindowMs]);
    if (creation) checks.push(['project:creation', l.spaceCreationsPerMinute, MINUTE]);
    for (const [key, max, span] of checks) {
      const w = (this.windows[key] = (this.windows[key] ?? []).filter((t) => t > now - span));
      if (w.length >= max) throw new ChatError(429);
    }
    for (const [key] of checks) this.windows[key].push(now);
  }
}
