// Which thread a Messages row replies into. Thread key is normally a key of the row's choosing (Chat finds
// the thread its creator started with that key); a thread's resource name there (`spaces/S/threads/T`, as
// the Thread column and Follow up write it) replies into that very thread, whoever started it — the only
// way into a thread that has no key, or one a webhook or another person started.

const THREAD_NAME = /^spaces\/([^/\s]+)\/threads\/[^/\s]+$/;

/** The message's `thread`: by resource name when the cell holds one, else by key. */
export function threadOf(cell: string): ChatV1.Thread {
  return THREAD_NAME.test(cell) ? { name: cell } : { threadKey: cell };
}

/** Why a thread named in Thread key can't take a row for `space` (a thread of another space), or null. */
export function threadElsewhere(cell: string, space: string): string | null {
  const m = THREAD_NAME.exec(cell);
  if (!m || `spaces/${m[1]}` === space) return null;
  return `Thread key names a thread of spaces/${m[1]}, but the row goes to ${space}: a reply stays in its thread’s space.`;
}
