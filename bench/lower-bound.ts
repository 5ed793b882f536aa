// The fastest any client could finish a set of writes under the emulator's rate limits: every write starts
// at the earliest instant its space window and its project windows allow (greedy is optimal here: the writes
// of a kind are interchangeable and all are ready at the start), and the last one still needs one request's
// latency to be answered.
import type { Limits } from '../sandbox/chat/emulator';

export interface Write {
  /** The space written to; null for a new space. */
  space: string | null;
  kind: 'message' | 'membership' | 'space';
  creation?: boolean;
}

const MINUTE = 60_000;

export function lowerBoundMs(writes: Write[], limits: Limits, requestMs: number): number {
  const lanes = new Map<string, Write[]>();
  writes.forEach((w, i) => {
    const key = w.space ?? `new-${i}`;
    lanes.set(key, [...(lanes.get(key) ?? []), w]);
  });
  const perMinute = {
    message: limits.messageWritesPerMinute,
    membership: limits.membershipWritesPerMinute,
    space: limits.spaceWritesPerMinute,
  };
  const windows: Record<string, number[]> = { message: [], membership: [], space: [], creation: [] };
  const laneFree = new Map<string, number>();
  const spaceGap = limits.perSpaceWindowMs / limits.perSpaceWrites;
  /** Earliest start in a rolling window that holds `limit` writes, given its writes so far (in order). */
  const windowStart = (times: number[], limit: number) =>
    times.length < limit ? 0 : times[times.length - limit] + MINUTE;
  let last = 0;
  for (let left = writes.length; left > 0; left--) {
    let best: { key: string; at: number } | null = null;
    for (const [key, queue] of lanes) {
      if (!queue.length) continue;
      const w = queue[0];
      let at = laneFree.get(key) ?? 0;
      at = Math.max(at, windowStart(windows[w.kind], perMinute[w.kind]));
      if (w.creation) at = Math.max(at, windowStart(windows.creation, limits.spaceCreationsPerMinute));
      if (!best || at < best.at) best = { key, at };
    }
    const w = lanes.get(best!.key)!.shift()!;
    windows[w.kind].push(best!.at);
    if (w.creation) windows.creation.push(best!.at);
    laneFree.set(best!.key, best!.at + spaceGap);
    last = Math.max(last, best!.at);
  }
  return last + requestMs;
}
