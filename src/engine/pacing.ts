import type { ChatOp } from '../chat/ops';

/** Chat's write limits (PRODUCT.md), and the margins we keep so Chat never has to refuse us. */
export const LIMITS = {
  perSpaceGapMs: 1050,
  perMinute: { message: 3000, membership: 300, space: 60 },
  spaceCreationsPerMinute: 35,
  windowMs: 60_000,
};

/**
 * Remembers this execution's writes and says how long to wait before the next one so that it stays
 * within about one write per second per space and the per-project per-minute quotas.
 */
export class Pacer {
  private readonly lastWrite = new Map<string, number>();
  private readonly windows: Record<string, number[]> = {};

  delayFor(op: ChatOp, now: number): number {
    const w = op.writes;
    if (!w) return 0;
    let wait = 0;
    if (w.space) {
      const last = this.lastWrite.get(w.space);
      if (last !== undefined) wait = Math.max(wait, last + LIMITS.perSpaceGapMs - now);
    }
    wait = Math.max(wait, this.windowDelay(w.kind, LIMITS.perMinute[w.kind], now));
    if (op.method === 'spaces.create' || op.method === 'spaces.setup') {
      wait = Math.max(wait, this.windowDelay('creation', LIMITS.spaceCreationsPerMinute - 1, now));
    }
    return Math.max(0, wait);
  }

  record(op: ChatOp, at: number, spaceFromResult?: string): void {
    const w = op.writes;
    if (!w) return;
    const space = w.space ?? spaceFromResult;
    if (space) this.lastWrite.set(space, at);
    this.window(w.kind).push(at);
    if (op.method === 'spaces.create' || op.method === 'spaces.setup') this.window('creation').push(at);
  }

  private window(kind: string): number[] {
    return (this.windows[kind] ??= []);
  }

  private windowDelay(kind: string, limit: number, now: number): number {
    const times = this.window(kind);
    while (times.length && times[0] <= now - LIMITS.windowMs) times.shift();
    return times.length < limit ? 0 : times[times.length - limit] + LIMITS.windowMs - now;
  }
}
