// The fastest any client could import a workspace under Chat's read quotas: spaces.list pages one after
// the other (each needs the last one's token), then each space's members.list pages one after the other,
// every read starting at the earliest instant its per-project read window (3000 a minute of each kind)
// and its space's read window (15 a second) allow, each answered one request's latency later, with
// Chat's largest pages (1000). Like the write bound (lower-bound.ts) it assumes a client can send any
// number of requests at once. To it come the sheet round trips no import can avoid, as the runtime
// charges them (a read is getDataRange + getValues): reading the Spaces tab and writing its new rows,
// then reading Spaces and Members and writing the new Members rows (8 data calls), in each of the two
// runs finding the Log's end and appending its rows (4: PRODUCT.md asks a Log row per Chat call), and
// growing each tab whose rows outgrow its grid (a new tab has 1,000 rows; a range past the grid can't be
// written, so any client calls insertRows once for it).
import type { Limits } from '../sandbox/chat/emulator';

export interface ImportShape {
  /** Spaces listed by spaces.list. */
  spaces: number;
  /** members.list pages per space (memberships / page size, at least 1). */
  memberPages: number[];
  pageSize: number;
  /** Tabs whose rows outgrew their grid (Spaces, Members, Log). */
  grownTabs: number;
}

const MINUTE = 60_000;
const UNAVOIDABLE_SHEET_CALLS = 12;

export function importBoundMs(
  shape: ImportShape,
  limits: Limits,
  requestMs: number,
  sheetMs: number,
): number {
  const listPages = Math.max(1, Math.ceil(shape.spaces / shape.pageSize));
  const reads: number[] = [];
  const windowStart = (limit: number) => (reads.length < limit ? 0 : reads[reads.length - limit] + MINUTE);
  // The spaces' own reads: one page after the other.
  let t = 0;
  for (let p = 0; p < listPages; p++) t += requestMs;
  // Then every space's first page as early as the members read quota allows, the next pages of a space a
  // request apart (15 a second per space never binds at one request at a time).
  const start = t;
  let last = start;
  const queue = shape.memberPages.map((pages) => ({ pages, at: start }));
  for (let page = 0; queue.some((q) => q.pages > page); page++)
    for (const q of queue) {
      if (q.pages <= page) continue;
      const at = Math.max(q.at, windowStart(limits.membershipReadsPerMinute));
      reads.push(at);
      q.at = at + requestMs;
      last = Math.max(last, q.at);
    }
  return last + (UNAVOIDABLE_SHEET_CALLS + shape.grownTabs) * sheetMs;
}
