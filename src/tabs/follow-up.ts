// Follow up: for the selected DONE Messages rows, a new Messages row that replies in the message's thread
// and mentions the people of its Not yet (as Refresh messages wrote it). Nothing is sent here: the new
// row goes like any other when it is run. No one is mentioned twice for one message: people already
// mentioned by a follow-up in that thread are left out, and while a follow-up waits unsent no other is
// added (PRODUCT.md, Acknowledgements; README, Follow up).
import { spaceOf } from '../chat/ops';
import { normaliseStatus, Status } from '../contract/statuses';
import { MESSAGES } from '../contract/tabs';
import type { Run } from '../engine/run';
import type { Counts, Step, StepOptions } from '../engine/step';
import { followUpText, followUpTemplate } from '../messages/follow-up-template';
import type { Row, Table } from '../sheet/table';
import { NOBODY, peopleIn } from './audience';
import { cellText } from './fields';

export const followUpStep: Step = {
  spec: MESSAGES,
  freshOnly: false,
  process: followUp,
};

/** Rows with nothing to follow up named one by one in the toast. */
const SAID = 5;
const THREAD = /^spaces\/[^/\s]+\/threads\/[^/\s]+$/;
const MESSAGE = /^spaces\/[^/]+\/messages\/.+/;

/** Follow-ups already on the tab for one thread: whom they mention, and the row of one still unsent. */
interface Earlier {
  mentioned: Set<string>;
  /** Where a follow-up waits unsent: `row 12`, or one this run added. */
  waiting?: string;
}

function followUp(run: Run, opts: StepOptions): Counts | null {
  const table = run.table(MESSAGES);
  if (typeof table === 'string') {
    run.problems.add(table);
    return null;
  }
  const template = followUpTemplate(run.env.store);
  if (!template.ok) {
    run.problems.add(template.reason);
    return null;
  }
  const earlier = earlierFollowUps(table);
  const keys = new Set(table.rows.map((r) => cellText(r.get('Key'))));
  let added = 0;
  const skipped: string[] = [];
  for (const row of table.rows) {
    if (opts.rows && !opts.rows.has(row.row)) continue;
    const made = followUpOf(row, earlier);
    if (typeof made === 'string') {
      skipped.push(`row ${row.row}: ${made}`);
      continue;
    }
    const key = uniqueKey(`${cellText(row.get('Key')) || 'message'}-follow-up`, keys);
    table.append({
      Key: key,
      Space: made.space,
      Text: followUpText(template.text, made.people),
      'Thread key': made.thread,
      'Reply option': 'REPLY_OR_FAIL',
      ...(made.app ? { As: 'APP' } : {}),
      ...(made.viewer ? { 'Visible to': made.viewer } : {}),
      Detail: `Follow-up of ${cellText(row.get('Key')).slice(0, 80) || `row ${row.row}`}: mentions ${made.people.length} ${made.people.length === 1 ? 'person' : 'people'} who had not acknowledged. Run it to send it.`,
    });
    const before = earlier.get(made.thread)?.mentioned ?? [];
    earlier.set(made.thread, {
      mentioned: new Set([...before, ...made.people]),
      waiting: 'the row just added',
    });
    added++;
  }
  if (added)
    run.note(
      `Follow up: ${added} row${added === 1 ? '' : 's'} added at the bottom of the Messages tab. Nothing is sent until you run ${added === 1 ? 'it' : 'them'} (Send messages, or Run selected rows).`,
    );
  // A toast stays readable: the first few reasons, then how many more.
  for (const s of skipped.slice(0, SAID)) run.note(`Follow up, ${s}`);
  if (skipped.length > SAID)
    run.note(`Follow up: ${skipped.length - SAID} more selected rows had nothing to follow up.`);
  if (!added && !skipped.length) run.note('Follow up: select the DONE Messages rows to follow up.');
  return null;
}

/** Rows replying into a thread by its name (as follow-ups do), by thread: who they mention, and whether
 *  one has not gone yet. A follow-up Chat refused (ERROR) mentioned no one. */
function earlierFollowUps(table: Table): Map<string, Earlier> {
  const out = new Map<string, Earlier>();
  for (const r of table.rows) {
    const thread = cellText(r.get('Thread key'));
    if (!THREAD.test(thread)) continue;
    const status = normaliseStatus(r.get('Status'));
    if (status === Status.ERROR) continue;
    const e = out.get(thread) ?? { mentioned: new Set<string>() };
    for (const m of cellText(r.get('Text')).matchAll(/<(users\/[^\s<>]+)>/g)) e.mentioned.add(m[1]);
    if (status !== Status.DONE && status !== Status.UNCERTAIN) e.waiting ??= `row ${r.row}`;
    out.set(thread, e);
  }
  return out;
}

/** The follow-up a row calls for, or why there is none (said in the toast). */
function followUpOf(
  row: Row,
  earlier: Map<string, Earlier>,
): { space: string; thread: string; people: string[]; app: boolean; viewer: string } | string {
  const status = normaliseStatus(row.get('Status'));
  const message = cellText(row.get('Message'));
  if (status !== Status.DONE || !MESSAGE.test(message))
    return 'not a sent message (Follow up takes DONE rows with a Message).';
  const thread = cellText(row.get('Thread'));
  if (!THREAD.test(thread)) return 'its Thread is empty: run Refresh messages first.';
  const notYet = cellText(row.get('Not yet'));
  if (!notYet) return 'Not yet is empty: run Refresh messages first.';
  if (notYet === NOBODY) return 'everyone has acknowledged it.';
  const people = peopleIn(notYet);
  if (!people.length) return notYet.replace(/\.$/, '') + '.';
  const before = earlier.get(thread);
  if (before?.waiting)
    return `a follow-up in its thread is waiting to be sent (${before.waiting}): run it, or delete that row, before following up again.`;
  const fresh = people.filter((p) => !before?.mentioned.has(p));
  if (!fresh.length)
    return `everyone in Not yet (${people.length}) was already mentioned in a follow-up: no one is mentioned twice.`;
  const spaceCell = cellText(row.get('Space'));
  return {
    space: spaceCell || spaceOf(message),
    thread,
    people: fresh,
    app: cellText(row.get('As')).toUpperCase() === 'APP',
    // A private note's follow-up is private too: only its one reader sees the reminder.
    viewer: cellText(row.get('Visible to')),
  };
}

/** `base`-1, -2, … : the first not on the tab. */
function uniqueKey(base: string, keys: Set<string>): string {
  let n = 1;
  while (keys.has(`${base}-${n}`)) n++;
  const key = `${base}-${n}`;
  keys.add(key);
  return key;
}
