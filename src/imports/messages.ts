// Import messages: for the selected Spaces rows, a Messages row for each message since a date (blank =
// the last 7 days) that the tab does not list yet (matched by Message); listed rows are left as they are.
import { op } from '../chat/ops';
import { MESSAGES, SPACES } from '../contract/tabs';
import { Status } from '../contract/statuses';
import type { Run } from '../engine/run';
import type { Counts, Step, StepOptions } from '../engine/step';
import type { Cell } from '../platform/ports';
import { spaceKeys } from '../tabs/space-index';
import { whoAmI } from './me';
import { listAll, pageSizeFor, readCursor, readEach, sources, type Source } from './paging';
import { openTabs, rowsByName, tabNow, timeCell } from './rows';
import { sinceOf } from './since';

export const importMessagesStep: Step = {
  spec: MESSAGES,
  freshOnly: false,
  process: importMessages,
};

/** A cell holds at most 50,000 characters: a card bigger than this is not copied into the row. */
const MAX_CARD_CELL = 45_000;

function importMessages(run: Run, opts: StepOptions): Counts | null {
  const tabs = openTabs(run, [SPACES]);
  if (!tabs) return null;
  const [spaces] = tabs;
  const since = sinceOf(run.env, opts.input ?? '');
  if (!since.ok) {
    run.problems.add(since.reason);
    return null;
  }
  const cursor = readCursor(opts.after);
  const list = sources(spaces, opts.rows, cursor);
  if (!list.length) {
    if (!opts.after)
      run.note('Messages: the selected Spaces rows have no Space yet: import or create their spaces first.');
    return {};
  }
  const keys = spaceKeys(spaces);
  const me = whoAmI(run, list[0].space);
  // The Messages tab is read when the first messages are placed (see tabNow).
  let listed: Set<string> | null = null;
  const counts: Counts = {};
  // About 100,000 messages a wave: a message may hold 32,000 bytes, though most hold far fewer.
  const pageSize = pageSizeFor(list.length, 100_000, 20, 100);
  // The newest message read in each space: a space read part-way goes on from there next time.
  const newest = new Map<string, number>();
  const filterFor = (s: Source) => {
    const from = cursor.resume?.[s.space] ?? since.at.toISOString();
    return `create_time > "${from}"`;
  };
  readEach<ChatV1.Message>(run, MESSAGES, list, cursor, {
    doing: 'Importing messages',
    what: 'Messages',
    task: (s, found) =>
      listAll(
        (token) => op.listMessages(s.space, filterFor(s), token, pageSize),
        (p) => p.messages,
        found,
      ),
    place(s, found) {
      const messages = tabNow(run, MESSAGES);
      if (!messages) return;
      listed ??= new Set(rowsByName(messages, 'Message').keys());
      const spaceCell = s.key && keys.rowsOf(s.key).length === 1 ? s.key : s.space;
      for (const m of found) {
        const at = Date.parse(m.createTime ?? '');
        if (at > (newest.get(s.space) ?? 0)) newest.set(s.space, at);
        if (!m.name || listed.has(m.name)) continue;
        listed.add(m.name);
        messages.append({ ...rowOf(m, me), Space: spaceCell, Status: Status.DONE });
        counts.imported = (counts.imported ?? 0) + 1;
      }
    },
    // A millisecond before the newest read: messages sent in that same millisecond are read again (and
    // found listed), never skipped.
    resumeFrom: (s) => {
      const t = newest.get(s.space);
      return t ? new Date(t - 1).toISOString() : undefined;
    },
  });
  return counts;
}

/** A message as a row: its Key is its name (unique, and it names the row while runs work). */
function rowOf(m: ChatV1.Message, me: string | null): Record<string, Cell> {
  const sender = m.sender?.name ?? '';
  const app = m.sender?.type === 'BOT';
  const cards = m.cardsV2?.length ? JSON.stringify({ cardsV2: m.cardsV2 }) : '';
  const whose = app
    ? 'sent by a Chat app: only that app can edit or delete it'
    : sender && sender === me
      ? 'your message: to change it in Chat, edit Text, set Action (UPDATE or DELETE), clear Status and run Send messages'
      : `sent by ${sender || 'someone else'}: only they can edit or delete it`;
  return {
    Key: m.name ?? '',
    Text: m.text ?? '',
    Card: cards.length <= MAX_CARD_CELL ? cards : '',
    Thread: m.thread?.name ?? '',
    Message: m.name ?? '',
    From: app ? `${sender} (app)` : sender,
    Detail: `Imported from Chat (${whose}).${cards.length > MAX_CARD_CELL ? ' Its card is too large for a cell and is not shown.' : ''}`,
    Sent: timeCell(m.createTime),
  };
}
