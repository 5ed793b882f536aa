// Refresh messages: reads back the Messages tab's DONE rows from Chat — the message itself (or that it was
// deleted there) and who acknowledged it: Reactions, Replies, Acknowledged and Not yet (PRODUCT.md,
// Acknowledgements). Kept apart from messages.ts (the sending half) so the two grow without getting in
// each other's way.
import { call, op, spaceOf, type Auth } from '../chat/ops';
import { Status, normaliseStatus } from '../contract/statuses';
import { MESSAGES } from '../contract/tabs';
import type { Task } from '../engine/executor';
import type { Run } from '../engine/run';
import type { Counts, Step, StepOptions } from '../engine/step';
import { listAll, readCursor, ahead, writeCursor, FINISHED, MAX_RESUME_CHARS } from '../imports/paging';
import { describeTime } from '../messages/send-at';
import type { Cell } from '../platform/ports';
import type { Table } from '../sheet/table';
import { oneLine } from '../text/one-line';
import { cellText } from './fields';
import { audienceOf, notYetCell, type Audience } from './audience';
import { refused } from './outcomes';

export const refreshMessagesStep: Step = {
  spec: MESSAGES,
  freshOnly: false,
  process: refreshMessages,
};

/** A DONE row with a message to read back. */
interface Item {
  row: number;
  name: string;
  space: string;
  auth: Auth;
  /** Detail as read: an earlier refresh's failure there is replaced once the row reads back well. */
  detail: string;
}

const MESSAGE = /^spaces\/[^/]+\/messages\/.+/;
/** How a Detail says a refresh failed. */
const FAILED = 'Refresh messages could not read';

/**
 * Every DONE row with a Message, read in parallel waves (one space's rows one after the other, so the
 * space's members are listed once, by its first row, and shared by the rest), paced under Chat's read
 * quotas. Rows go in space order, and in message name order within a space: a run out of time leaves a
 * cursor (the spaces finished, and how far each other space got) that its continuation goes on from.
 */
function refreshMessages(run: Run, opts: StepOptions): Counts | null {
  const table = run.table(MESSAGES);
  if (typeof table === 'string') {
    run.problems.add(table);
    return null;
  }
  const cursor = readCursor(opts.after);
  const items = itemsOf(table, opts).filter(
    (it) => ahead(cursor, it.space) && !(cursor.resume?.[it.space] && it.name <= cursor.resume[it.space]),
  );
  const audiences = new Map<string, Audience>();
  const counts: Counts = {};
  const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
  const busy: string[] = [];
  /** Per space, the name of the last row done (rows of a space finish in order), and how many rows are
   *  left (Infinity once one could not be read: the space is not finished for a continuation). */
  const reached = new Map<string, string>();
  const left = new Map<string, number>();
  let settled = 0;
  for (const it of items) left.set(it.space, (left.get(it.space) ?? 0) + 1);
  const state = run.executor.runMany(
    items.map((it) => ({
      task: readBack(run, it, audiences, count),
      where: { tab: MESSAGES.name, row: it.row },
    })),
    {
      // Reads only: nothing to mark before they leave.
      beforeSend: (wheres) => wheres.map(() => true),
      settled(i, outcome) {
        const it = items[i];
        if (outcome.status === 'DONE') {
          const detail =
            outcome.detail || (it.detail.startsWith(FAILED) ? 'Read back by Refresh messages.' : '');
          const cells = { ...outcome.outputs, ...(detail ? { Detail: oneLine(detail) } : {}) };
          if (Object.keys(cells).length) table.set(it.row, cells);
        } else {
          // Chat stayed busy (429, 5xx) past the retries: the row keeps its DONE and its columns, and a
          // continuation goes on from before it (its space's point stops moving).
          busy.push(`row ${it.row}: ${outcome.detail}`);
          count('not read');
          left.set(it.space, Infinity);
        }
        if (outcome.stopRun) run.stop(outcome.stopRun);
        if (left.get(it.space) !== Infinity) reached.set(it.space, it.name);
        left.set(it.space, left.get(it.space)! - 1);
        // Each write-back also tells a person at the menu how far it is.
        if (run.checkpoint()) run.progress(`Refreshing messages: ${++settled} of ${items.length} rows…`);
        else settled++;
      },
      stop: () => run.stopped !== null || table.stopped !== null,
    },
  );
  if (state === 'outOfTime') {
    run.unfinished = true;
    run.cursor = cursorAfter(items, reached, left, cursor);
  }
  if (busy.length)
    run.note(
      `Messages: ${busy.length} row(s) could not be read back (run Refresh messages again): ${busy.slice(0, 3).join('; ')}${busy.length > 3 ? '; …' : ''}`,
    );
  return counts;
}

/** The DONE rows with a message (the selected ones only, when rows are given), by space then name. */
function itemsOf(table: Table, opts: StepOptions): Item[] {
  const out: Item[] = [];
  for (const r of table.rows) {
    if (opts.rows && !opts.rows.has(r.row)) continue;
    if (normaliseStatus(r.get('Status')) !== Status.DONE) continue;
    const name = cellText(r.get('Message'));
    if (!MESSAGE.test(name)) continue;
    const auth = cellText(r.get('As')).toUpperCase() === 'APP' ? 'app' : 'user';
    out.push({ row: r.row, name, space: spaceOf(name), auth, detail: cellText(r.get('Detail')) });
  }
  return out.sort((a, b) => cmp(a.space, b.space) || cmp(a.name, b.name) || a.row - b.row);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Where a continuation goes on: after the last space of the finished prefix (in name order), and for the
 * spaces after it the last message done (or FINISHED), as many as a script property holds — a space
 * that does not fit is read again from its start, which costs reads and loses nothing.
 */
function cursorAfter(
  items: Item[],
  reached: Map<string, string>,
  left: Map<string, number>,
  from: ReturnType<typeof readCursor>,
): string | undefined {
  const spaces = [...new Set(items.map((it) => it.space))];
  let after = from.after;
  let k = 0;
  while (k < spaces.length && left.get(spaces[k]) === 0) after = spaces[k++];
  const resume: Record<string, string> = {};
  for (const s of spaces.slice(k)) {
    const point = left.get(s) === 0 ? FINISHED : (reached.get(s) ?? from.resume?.[s]);
    if (!point) continue;
    if (JSON.stringify(resume).length + s.length + point.length > MAX_RESUME_CHARS) break;
    resume[s] = point;
  }
  return writeCursor({ after, ...(Object.keys(resume).length ? { resume } : {}) });
}

/** One row's reads: the message, the replies in its thread, who reacted, and its audience. */
function* readBack(
  run: Run,
  it: Item,
  audiences: Map<string, Audience>,
  tally: (what: string) => void,
): Task {
  const got = yield* call(op.getMessage(it.name, it.auth));
  if (!got.ok && got.error.code === 404) {
    tally('deleted');
    const env = run.env;
    const when = describeTime(new Date(env.clock.now()), env.workbook.timeZone, env.calendar.format);
    return { status: 'DONE', detail: `Deleted in Chat (found by Refresh messages, ${when}).` };
  }
  if (!got.ok) {
    // The row stays DONE (its message was sent); Detail says why it could not be read back.
    tally('not read');
    const o = refused(got, 'spaces.messages.get');
    return { ...o, status: 'DONE', detail: `${FAILED} it back: ${o.detail}` };
  }
  const m = got.body;
  const outputs: Record<string, Cell> = {
    Message: m.name ?? it.name,
    Thread: m.thread?.name ?? '',
    Reactions: reactionsCell(m),
  };
  const sender = m.sender?.type === 'HUMAN' ? (m.sender.name ?? '') : '';
  const problems: string[] = [];

  // Replies: the messages after it in its thread, whoever sent them; the people among their senders.
  const thread: ChatV1.Message[] = [];
  if (m.thread?.name) {
    const listed = yield* listAll(
      (token) => op.listMessages(it.space, `thread.name = ${m.thread!.name}`, token, 1000),
      (p) => p.messages,
      (xs) => thread.push(...xs),
    );
    if (listed.status !== 'DONE') problems.push(`its thread (${listed.detail})`);
  }
  const at = thread.findIndex((x) => x.name === m.name);
  const replies = at >= 0 ? thread.slice(at + 1) : thread.filter((x) => later(x, m));
  const acknowledged = new Set<string>();
  for (const r of replies) if (r.sender?.type === 'HUMAN' && r.sender.name) acknowledged.add(r.sender.name);

  // Who reacted: asked only when someone did. A private message is seen by its viewer alone, so any
  // reaction is theirs — and Chat lists its reactions to no one else (the person running gets a 404).
  const viewer = m.privateMessageViewer?.name;
  if (viewer && m.emojiReactionSummaries?.some((x) => (x.reactionCount ?? 0) > 0)) acknowledged.add(viewer);
  else if (!viewer && m.emojiReactionSummaries?.length) {
    const listed = yield* listAll(
      (token) => op.listReactions(it.name, token),
      (p) => p.reactions,
      (xs) => xs.forEach((x) => x.user?.name && acknowledged.add(x.user.name)),
    );
    if (listed.status !== 'DONE') problems.push(`who reacted (${listed.detail})`);
  }
  if (problems.length) {
    tally('partly read');
    return {
      status: 'DONE',
      detail: `${FAILED} ${problems.join(', nor ')}: Replies, Acknowledged and Not yet are left as they were. Run it again.`,
      outputs,
    };
  }
  acknowledged.delete(sender);

  // The audience: a private message's viewer alone, else the space's people, listed once a run per space.
  let audience: Audience | undefined = viewer
    ? { kind: 'people', people: [viewer] }
    : audiences.get(it.space);
  if (!audience) {
    audience = yield* audienceOf(it.space);
    audiences.set(it.space, audience);
  }
  tally('refreshed');
  return {
    status: 'DONE',
    detail: '',
    outputs: {
      ...outputs,
      Replies: replies.length,
      Acknowledged: acknowledged.size,
      'Not yet': notYetCell(audience, acknowledged, sender),
    },
  };
}

function later(x: ChatV1.Message, m: ChatV1.Message): boolean {
  return Date.parse(x.createTime ?? '') > Date.parse(m.createTime ?? '');
}

/** emojiReactionSummaries as text: `👍 12 · 🎉 3`, a custom emoji by its name. */
export function reactionsCell(m: ChatV1.Message): string {
  return (m.emojiReactionSummaries ?? [])
    .map((s) => {
      const e = s.emoji ?? {};
      const label = e.unicode ?? e.customEmoji?.emojiName ?? e.customEmoji?.uid ?? '?';
      return `${label} ${s.reactionCount ?? 0}`;
    })
    .join(' · ');
}
