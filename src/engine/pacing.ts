import { spaceOf, type ChatOp } from '../chat/ops';

/** Chat's limits (PRODUCT.md, ENGINEERING.md), and the margins we keep so Chat never has to refuse us. */
export const LIMITS = {
  perSpaceGapMs: 1050,
  /** Per project; attachments are media.upload's own "attachment writes" (the limits page). */
  perMinute: { message: 3000, membership: 300, space: 60, attachment: 600 },
  /** Reads: per project 3000 a minute for each of spaces, members, messages and reactions. */
  readsPerMinute: 3000,
  /** Reads: 15 a second per space (one every 67 ms, kept at 70). */
  perSpaceReadGapMs: 70,
  /** Chat: "fewer than 35 space creations a minute". */
  spaceCreationsPerMinute: 34,
  windowMs: 60_000,
};

/**
 * Remembers this execution's writes and says how long to wait before the next one so that it stays
 * within about one write per second per space and the per-project per-minute quotas.
 */
export class Pacer {
  private readonly lastWrite = new Map<string, number>();
  private readonly lastRead = new Map<string, number>();
  private readonly windows: Record<string, number[]> = {};

  /** The writes of earlier executions still inside a window (a run started right after another one). */
  static restore(saved: string | null): Pacer {
    const p = new Pacer();
    try {
      const s = JSON.parse(saved ?? '{}') as Partial<Snapshot>;
      for (const [space, t] of Object.entries(s.spaces ?? {}))
        if (typeof t === 'number') p.lastWrite.set(space, t);
      for (const [kind, times] of Object.entries(s.windows ?? {}))
        if (Array.isArray(times))
          p.windows[kind] = times.filter((t) => typeof t === 'number').sort((a, b) => a - b);
    } catch {
      /* nothing usable: pace from scratch, Chat's 429s are retried anyway */
    }
    return p;
  }

  /** What a later execution needs to know at `now`: writes still inside a window. */
  snapshot(now: number): string {
    const spaces: Record<string, number> = {};
    for (const [space, t] of this.lastWrite) if (t > now - LIMITS.perSpaceGapMs) spaces[space] = t;
    const windows: Record<string, number[]> = {};
    for (const [kind, times] of Object.entries(this.windows)) {
      const recent = times.filter((t) => t > now - LIMITS.windowMs);
      if (recent.length) windows[kind] = recent;
    }
    return JSON.stringify({ spaces, windows } satisfies Snapshot);
  }

  /**
   * How long `op` must wait from `now`. `planned` counts writes by kind already chosen to go out together
   * with it (a wave), not yet recorded.
   */
  delayFor(op: ChatOp, now: number, planned: Record<string, number> = {}): number {
    const w = op.writes;
    const r = readOf(op);
    let wait = 0;
    if (r?.space) {
      const last = this.lastRead.get(r.space);
      if (last !== undefined) wait = last + LIMITS.perSpaceReadGapMs - now;
    }
    const space = w && pacedSpace(w);
    if (space) {
      const last = this.lastWrite.get(space);
      if (last !== undefined) wait = Math.max(wait, last + LIMITS.perSpaceGapMs - now);
      // Another tab's write to this space already goes in the wave: this one a second after it.
      if (planned[`@${space}`]) wait = Math.max(wait, LIMITS.perSpaceGapMs);
    }
    for (const [kind, limit] of quotas(op))
      wait = Math.max(wait, this.windowDelay(kind, limit - (planned[kind] ?? 0), now));
    return Math.max(0, wait);
  }

  /** Counts `op` among the writes planned for one wave (by quota, and by the space it paces). */
  count(op: ChatOp, planned: Record<string, number>): void {
    for (const [kind] of quotas(op)) planned[kind] = (planned[kind] ?? 0) + 1;
    const space = op.writes && pacedSpace(op.writes);
    if (space) planned[`@${space}`] = 1;
  }

  record(op: ChatOp, at: number): void {
    for (const [kind] of quotas(op)) this.window(kind).push(at);
    const r = readOf(op);
    if (r?.space) this.lastRead.set(r.space, at);
    const w = op.writes;
    if (!w) return;
    const space = pacedSpace(w);
    if (space) this.lastWrite.set(space, at);
  }

  private window(kind: string): number[] {
    return (this.windows[kind] ??= []);
  }

  private windowDelay(kind: string, limit: number, now: number): number {
    const times = this.window(kind);
    while (times.length && times[0] <= now - LIMITS.windowMs) times.shift();
    if (limit <= 0) return LIMITS.windowMs; // the wave is full for this quota: the next one
    return times.length < limit ? 0 : times[times.length - limit] + LIMITS.windowMs - now;
  }
}

interface Snapshot {
  spaces: Record<string, number>;
  windows: Record<string, number[]>;
}

/** The per-minute quotas a call counts against, with their limits. */
function quotas(op: ChatOp): [string, number][] {
  const w = op.writes;
  if (!w) {
    const r = readOf(op);
    return r ? [[`read:${r.kind}`, LIMITS.readsPerMinute]] : [];
  }
  const out: [string, number][] = [[w.kind, LIMITS.perMinute[w.kind]]];
  if (op.method === 'spaces.create' || op.method === 'spaces.setup')
    out.push(['creation', LIMITS.spaceCreationsPerMinute]);
  return out;
}

/** The space whose one-write-a-second pace a write counts toward. Memberships count toward none: they
 *  are not per-space writes (Chat's limits page lists media.upload, spaces.patch/delete, messages.* and
 *  reactions); only the project's membership quota paces them. Nor does a new space's creation: the
 *  space it makes takes its first message at once. */
function pacedSpace(w: NonNullable<ChatOp['writes']>): string | undefined {
  return w.kind === 'membership' ? undefined : (w.space ?? undefined);
}

/** A read: which per-minute read quota it counts toward (spaces, members, messages or reactions: Chat's
 *  limits page gives reaction reads a quota of their own) and the space whose per-space read rate it uses
 *  (none for spaces.list, which reads no one space). Webhook posts are writes. */
function readOf(op: ChatOp): { kind: string; space?: string } | null {
  if (op.writes || op.method === 'webhook.post') return null;
  const kind = op.method.startsWith('spaces.members.')
    ? 'membership'
    : op.method.startsWith('spaces.messages.reactions.')
      ? 'reaction'
      : op.method.startsWith('spaces.messages.')
        ? 'message'
        : 'space';
  return { kind, space: op.path?.startsWith('spaces/') ? spaceOf(op.path) : undefined };
}
