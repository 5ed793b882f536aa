// The fastest any client could finish a set of writes under the emulator's rate limits: every write starts
// at the earliest instant its space window, its project windows and what it depends on allow — a new
// space's members and messages start once its creation is answered, one request's latency after it left —
// taking at each step the write that can start earliest (greedy is optimal here: the writes of a kind are
// interchangeable, and a creation only ever makes more of them ready), and the last one still needs one
// request's latency to be answered. It assumes a client can send any number of requests at once.
//
// Which windows a write is in follows https://developers.google.com/workspace/chat/limits: message and space
// writes to an existing space count toward that space's per-space quota (under either reading: one write a
// second, or 60 per 60 seconds — `limits.perSpaceWrites` per `limits.perSpaceWindowMs`); membership writes
// count only toward the project's membership quota; every write toward its kind's per-minute project quota,
// and new spaces toward the space-creation quota.
import type { Limits } from '../sandbox/chat/emulator';

export interface Write {
  /** The space written to; null for a new space. */
  space: string | null;
  kind: 'message' | 'membership' | 'space';
  creation?: boolean;
  /** The index of the write that must be answered before this one can leave (its space's creation). */
  after?: number;
}

const MINUTE = 60_000;

/** Whether a write counts toward its space's per-space write quota. */
export const perSpaceWrite = (w: Write): boolean => w.space !== null && w.kind !== 'membership';

export function lowerBoundMs(writes: Write[], limits: Limits, requestMs: number): number {
  // Writes that share a space's window queue in it; every other write is a lane of its own.
  const lanes = new Map<string, number[]>();
  writes.forEach((w, i) => {
    const key = perSpaceWrite(w) ? `space:${w.space}` : `own:${i}`;
    lanes.set(key, [...(lanes.get(key) ?? []), i]);
  });
  /** When each write leaves, once scheduled. */
  const starts: number[] = [];
  const perMinute = {
    message: limits.messageWritesPerMinute,
    membership: limits.membershipWritesPerMinute,
    space: limits.spaceWritesPerMinute,
  };
  const windows: Record<string, number[]> = { message: [], membership: [], space: [], creation: [] };
  const spaceWindows = new Map<string, number[]>();
  /** Earliest start in a rolling window that holds `limit` writes per `span`, given its writes so far. */
  const windowStart = (times: number[], limit: number, span = MINUTE) =>
    times.length < limit ? 0 : times[times.length - limit] + span;
  let last = 0;
  for (let left = writes.length; left > 0; left--) {
    let best: { key: string; at: number } | null = null;
    for (const [key, queue] of lanes) {
      if (!queue.length) continue;
      const w = writes[queue[0]];
      if (w.after !== undefined && starts[w.after] === undefined) continue;
      let at = w.after === undefined ? 0 : starts[w.after] + requestMs;
      at = Math.max(at, windowStart(windows[w.kind], perMinute[w.kind]));
      if (perSpaceWrite(w))
        at = Math.max(
          at,
          windowStart(spaceWindows.get(key) ?? [], limits.perSpaceWrites, limits.perSpaceWindowMs),
        );
      if (w.creation) at = Math.max(at, windowStart(windows.creation, limits.spaceCreationsPerMinute));
      if (!best || at < best.at) best = { key, at };
    }
    const i = lanes.get(best!.key)!.shift()!;
    const w = writes[i];
    starts[i] = best!.at;
    windows[w.kind].push(best!.at);
    if (w.creation) windows.creation.push(best!.at);
    if (perSpaceWrite(w)) spaceWindows.set(best!.key, [...(spaceWindows.get(best!.key) ?? []), best!.at]);
    last = Math.max(last, best!.at);
  }
  return last + requestMs;
}
