import { normaliseStatus, Status, takenByDefault } from '../contract/statuses';
import { MESSAGES, SPACES, WEBHOOKS } from '../contract/tabs';
import { call, op, type Auth } from '../chat/ops';
import { parseMemberRef, parseSpaceRef, short } from '../chat/refs';
import type { Task } from '../engine/executor';
import { requestId } from '../engine/ids';
import type { Run } from '../engine/run';
import type { Plan, Tab } from '../engine/step';
import { attachmentOf, driveFileId, type Attachment } from '../messages/attachment';
import { checkCardFields, normaliseCards, normaliseParsedCards } from '../messages/card';
import { generatedKey, messageIdFor } from '../messages/message-id';
import { describeTime, parseSendAt } from '../messages/send-at';
import { checkMessageSize } from '../messages/size';
import { threadElsewhere, threadOf } from '../messages/thread';
import { fillCard, fillText, lookupFrom } from '../messages/template';
import type { FileContent } from '../platform/ports';
import type { Row, Table } from '../sheet/table';
import { errorText } from '../text/error-text';
import { WebhookStore, type Webhook } from '../webhooks/webhook-url';
import { whoAmI } from '../imports/me';
import { cellText, Fields } from './fields';
import { done, refused } from './outcomes';
import { resolveSpace, spaceKeys, type SpaceKeys } from './space-index';

const ACTIONS = ['SEND', 'UPDATE', 'DELETE'] as const;
const REPLY = {
  FALLBACK_TO_NEW_THREAD: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
  REPLY_OR_FAIL: 'REPLY_MESSAGE_OR_FAIL',
} as const;

type Target = { kind: 'space'; space: string } | { kind: 'webhook'; alias: string; hook: Webhook };

export interface MessageRecord {
  row: number;
  key: string;
  action: (typeof ACTIONS)[number];
  target: Target;
  auth: Auth;
  message: ChatV1.Message;
  replyOption?: string;
  messageId: string;
  /** The message in Chat (UPDATE, DELETE; and where a SEND will be). */
  name: string;
  updateMask: string;
  /** The space is known to be a named space (its Spaces row says SPACE): thread options may go. */
  namedSpace: boolean;
  /** The Drive file uploaded and attached before the message is created (SEND as USER only). */
  attachment?: Attachment;
  /** Who alone sees the message (privateMessageViewer), as typed: an e-mail or users/…. */
  viewer?: string;
}

interface State {
  keys: SpaceKeys;
  /** Keys on more than one row. */
  dupes: Map<string, number[]>;
  webhooks: WebhookStore;
  aliases: Set<string> | null;
  /** Types of spaces given by name, asked of Chat once a run (threaded rows only). */
  spaceTypes: Map<string, string>;
  /** users/{id} of the person running (looked up once, when an imported message is to be changed). */
  me(space: string): string | null;
  /** Drive files looked up this run, by id: several rows may attach the same file. */
  files: Map<string, ReturnType<typeof attachmentOf>>;
}

/** The Messages tab: a mail merge for Google Chat, through the Chat API or incoming webhooks. */
export const messagesTab: Tab<MessageRecord> = {
  spec: MESSAGES,
  stamp: 'Sent',

  open(run, table) {
    if (!run.check) assignKeys(run, table);
    const dupes = new Map<string, number[]>();
    for (const r of table.rows) {
      const key = cellText(r.get('Key'));
      if (key) dupes.set(key, [...(dupes.get(key) ?? []), r.row]);
    }
    for (const [k, rows] of dupes) if (rows.length < 2) dupes.delete(k);
    const hooks = run.table(WEBHOOKS);
    let me: string | null | undefined;
    const st: State = {
      keys: spaceKeys(run.table(SPACES)),
      dupes,
      webhooks: new WebhookStore(run.env.store),
      aliases: typeof hooks === 'string' ? null : new Set(hooks.rows.map((r) => cellText(r.get('Alias')))),
      spaceTypes: new Map(),
      me: (space) => (me === undefined ? (me = whoAmI(run, space)) : me),
      files: new Map(),
    };
    return {
      plan: (row) => planMessage(row, run, st),
      parallel: true,
      // A row with a file goes alone, through the advanced service: one blob in memory at a time, and no
      // multipart request near UrlFetchApp's 50 MB payload limit.
      solo: (rec) => rec.attachment !== undefined,
      task(rec) {
        if (rec.action === 'DELETE') return deleteMessage(rec);
        if (rec.action === 'UPDATE') return updateMessage(rec);
        return rec.target.kind === 'webhook' ? postWebhook(rec) : sendMessage(rec, run, st);
      },
    };
  },
};

/** Blank Keys get a generated one, written to the sheet before anything is sent. */
function assignKeys(run: Run, table: Table): void {
  let assigned = 0;
  for (const r of table.rows) {
    if (cellText(r.get('Key'))) continue;
    if (!takenByDefault(normaliseStatus(r.get('Status')))) continue;
    if (!cellText(r.get('Text')) && !cellText(r.get('Card')) && !cellText(r.get('Attachment'))) continue;
    table.set(r.row, { Key: generatedKey(run.env.crypto.uuid(), new Date(run.env.clock.now())) });
    assigned++;
  }
  if (assigned) table.flush();
}

function planMessage(row: Row, run: Run, st: State): Plan<MessageRecord> {
  const env = run.env;
  const f = new Fields(row);
  const key = f.text('Key');
  if (key && st.dupes.has(key))
    f.errors.push(
      `Key “${key.slice(0, 40)}” is on rows ${st.dupes.get(key)!.join(', ')}: keys must be unique on this tab.`,
    );
  if (!key && !run.check)
    f.errors.push(
      'Key is empty: fill in Text, Card or Attachment so the tool can generate a Key, or type one.',
    );
  const action = f.choice('Action', ACTIONS, 'SEND');
  // Chat's administrator access covers spaces and memberships, never messages: said plainly.
  const adminAsked = cellText(row.get('As')).toUpperCase() === 'ADMIN';
  if (adminAsked)
    f.errors.push(
      'As ADMIN is for Spaces and Members rows: Chat’s admin access can’t send, edit or delete messages. Use USER or APP.',
    );
  const as = adminAsked ? 'USER' : f.choice('As', ['USER', 'APP'] as const, 'USER');
  const threadKey = f.text('Thread key', { max: 4000 });
  const reply = f.choice('Reply option', Object.keys(REPLY) as (keyof typeof REPLY)[]);
  if (reply && !threadKey) f.errors.push('Reply option needs a Thread key.');
  if (as === 'APP' && !env.appConfigured())
    f.errors.push('As APP needs the Chat app’s key: run “Set up app authentication” from the Chat menu.');
  const { target, waiting, on } = targetOf(f, st, action, as);
  if (action !== 'SEND' && target?.kind === 'space') checkSender(f, row, st, as, target.space);
  const spaceRef = parseSpaceRef(cellText(row.get('Space')));
  const spaceType = spaceRef.kind === 'key' ? st.keys.typeOf(spaceRef.key) : '';
  const spaceKey = spaceRef.kind === 'key' ? spaceRef.key : '';
  // An UPDATE or DELETE leaves a sent message's file and viewer as they are: the cells stay as sent.
  const extras = action === 'SEND' ? extrasOf(f, run, st, target, as, spaceKey, spaceType) : {};
  const message = contentOf(f, row, target, as, action, extras.attachment !== undefined);
  if (threadKey && action === 'SEND') message.thread = threadOf(threadKey);
  const elsewhere =
    threadKey &&
    target &&
    threadElsewhere(threadKey, target.kind === 'space' ? target.space : target.hook.space);
  if (elsewhere) f.errors.push(elsewhere);
  if (extras.viewer) message.privateMessageViewer = { name: parseViewer(extras.viewer) };
  if (threadKey && action === 'SEND' && spaceType && spaceType !== 'SPACE')
    f.errors.push(unthreadable(spaceKey, spaceType));
  const size = checkMessageSize(message);
  if (!size.ok) f.errors.push(size.reason);
  const sendAt = parseSendAt(row.get('Send at'), env.workbook.timeZone, env.calendar.offsetMinutes);
  if (!sendAt.ok) f.errors.push(sendAt.reason);

  if (!f.ok) return { kind: 'invalid', reason: f.reason };
  if (waiting || !target) return { kind: 'waiting', reason: waiting ?? 'Waiting for its space.', on };
  const at = sendAt.ok ? sendAt.at : null;
  if (action === 'SEND' && at && at.getTime() > env.clock.now() && !run.sendNow) {
    return {
      kind: 'later',
      status: Status.SCHEDULED,
      reason: `Scheduled for ${describeTime(at, env.workbook.timeZone, env.calendar.format)}.`,
    };
  }
  const messageId = messageIdFor(key, env.crypto.sha256Hex);
  const existing = cellText(row.get('Message'));
  const rec: MessageRecord = {
    row: row.row,
    key,
    action,
    target,
    auth: as === 'APP' ? 'app' : 'user',
    message,
    replyOption: threadKey && action === 'SEND' ? REPLY[reply || 'FALLBACK_TO_NEW_THREAD'] : undefined,
    messageId,
    name: /^spaces\/[^/]+\/messages\/.+/.test(existing)
      ? existing
      : target.kind === 'space'
        ? `${target.space}/messages/${messageId}`
        : '',
    updateMask: [message.text !== undefined && 'text', message.cardsV2 && 'cards_v2']
      .filter(Boolean)
      .join(','),
    namedSpace: spaceType === 'SPACE',
    ...extras,
  };
  return { kind: 'ready', record: rec, preview: preview(rec), on };
}

/** Where the row goes: a space (by key, name or URL) or a webhook alias; or why not, or not yet. */
function targetOf(
  f: Fields,
  st: State,
  action: (typeof ACTIONS)[number],
  as: 'USER' | 'APP',
): { target: Target | null; waiting: string | null; on?: string } {
  const spaceRaw = f.text('Space');
  const alias = f.text('Webhook');
  if (!spaceRaw === !alias)
    f.errors.push(
      spaceRaw
        ? 'Give either Space or Webhook, not both.'
        : 'Space and Webhook are both empty: give one of them.',
    );
  if (spaceRaw && !alias) {
    const where = resolveSpace(spaceRaw, st.keys);
    if (where.ok) return { target: { kind: 'space', space: where.space }, waiting: null, on: where.key };
    if (where.waiting) return { target: null, waiting: where.reason, on: where.key };
    f.errors.push(where.reason);
  }
  if (!alias || spaceRaw) return { target: null, waiting: null };
  const hook = st.webhooks.get(alias);
  if (as === 'APP')
    f.errors.push('As APP is for Space rows: a webhook always posts as itself — leave As blank.');
  if (action !== 'SEND')
    f.errors.push(
      `${action} works only for messages sent to a Space: Chat does not let a webhook’s messages be edited or deleted through the API.`,
    );
  if (hook) return { target: { kind: 'webhook', alias, hook }, waiting: null };
  if (st.aliases?.has(alias))
    f.errors.push(`Webhook “${alias.slice(0, 40)}” has no stored URL: fix its row on the Webhooks tab.`);
  // A pasted webhook URL is a secret the tool may not overwrite here (the cell is the user's): say so.
  else if (/^https?:\/\//i.test(alias))
    f.errors.push(
      'Webhook holds a web address, not an alias: paste the URL on the Webhooks tab (it is kept there outside the sheet) with an alias, put the alias here, and clear this cell — the URL’s key and token are secret.',
    );
  else f.errors.push(`Webhook “${alias.slice(0, 40)}” is not an alias on the Webhooks tab.`);
  return { target: null, waiting: null };
}

/**
 * Attachment and Visible to, checked against what Chat allows before any call: a file goes only from a
 * person (As USER) to a space, a private message only from the app to a named space, and never both.
 * The Drive file is looked up last, only for a row otherwise fit to carry it.
 */
function extrasOf(
  f: Fields,
  run: Run,
  st: State,
  target: Target | null,
  as: 'USER' | 'APP',
  spaceKey: string,
  spaceType: string,
): { attachment?: Attachment; viewer?: string } {
  const fileRaw = f.text('Attachment');
  const viewer = f.text('Visible to');
  const before = f.errors.length;
  const webhook = target?.kind === 'webhook' || (!f.text('Space') && !!f.text('Webhook'));
  if (fileRaw && viewer)
    f.errors.push(
      'Attachment and Visible to can’t go together: Chat’s private messages carry no files. Send the file in a message of its own.',
    );
  if (fileRaw && webhook)
    f.errors.push(
      'Attachment can’t go through a webhook (Chat’s incoming webhooks post text and cards only): send it to the Space as USER.',
    );
  else if (fileRaw && as === 'APP')
    f.errors.push(
      'Attachment needs As USER: Chat attaches uploaded files only to messages sent by a person, not by the app.',
    );
  if (viewer) {
    const who = parseMemberRef(viewer);
    if (who.kind !== 'user')
      f.errors.push(
        `Visible to “${short(viewer, 60)}” is not a person: give one person’s e-mail or users/….`,
      );
    if (webhook)
      f.errors.push(
        'Visible to can’t go through a webhook: private messages come only from the Chat app — send it to the Space as APP.',
      );
    else if (as !== 'APP')
      f.errors.push(
        'Visible to needs As APP: Chat shows a message privately to one person only when the Chat app sends it.',
      );
    if (spaceType && spaceType !== 'SPACE') f.errors.push(notPrivate(spaceKey, spaceType));
  }
  if (!fileRaw || f.errors.length > before) return viewer ? { viewer } : {};
  const id = driveFileId(fileRaw);
  if (!id.ok) {
    f.errors.push(id.reason);
    return {};
  }
  let file = st.files.get(id.id);
  if (!file) st.files.set(id.id, (file = attachmentOf(run.env.drive, id.id)));
  if (!file.ok) {
    f.errors.push(file.reason);
    return {};
  }
  return { attachment: file.attachment };
}

/** users/… for Chat: an e-mail stands for the person (users/{email}, as Chat takes it). */
function parseViewer(raw: string): string {
  const who = parseMemberRef(raw);
  return who.kind === 'user' ? who.name : raw;
}

/** Chat sends private messages only in named spaces ("only supported in named spaces"). */
function notPrivate(space: string, type: string): string {
  return `Visible to works only in named spaces, and ${space ? `“${space.slice(0, 60)}”` : 'this space'} is a ${type}: clear Visible to to send it to everyone there.`;
}

/**
 * An imported message (From filled in) can be edited or deleted only by its sender, as Chat rules: a
 * person's message by that person, an app's by the app. Refused before any call, with the reason.
 */
function checkSender(f: Fields, row: Row, st: State, as: 'USER' | 'APP', space: string): void {
  const from = cellText(row.get('From'));
  if (!from) return;
  const sender = from.split(/\s/)[0];
  const app = / \(app\)$/.test(from);
  if (as === 'APP' && !app)
    f.errors.push(
      `This message was sent by ${sender}, a person: the Chat app can change only its own messages.`,
    );
  else if (as === 'USER' && app)
    f.errors.push(
      `This message was sent by a Chat app (${sender}): only that app can change it (As APP if it is this tool’s app).`,
    );
  else if (as === 'USER') {
    const me = st.me(space);
    if (me && me !== sender)
      f.errors.push(
        `This message was sent by ${sender}, not by you: Chat lets only its sender edit or delete it.`,
      );
  }
}

/** What the message says: Text and Card with their placeholders filled from the row's displayed cells. */
function contentOf(
  f: Fields,
  row: Row,
  target: Target | null,
  as: 'USER' | 'APP',
  action: (typeof ACTIONS)[number],
  attached: boolean,
): ChatV1.Message {
  const textRaw = f.text('Text');
  const cardRaw = f.text('Card');
  const lookup = lookupFrom(row.headers.map((h, i) => [h, row.displayAt(i)] as const));
  const message: ChatV1.Message = {};
  if (textRaw) {
    const filled = fillText(textRaw, lookup);
    if (filled.ok) message.text = filled.text;
    else f.errors.push(`Text: ${unknownPlaceholders(filled.unknown)}`);
  }
  if (cardRaw) {
    const cards = cardsFor(cardRaw, lookup);
    if (cards.ok) message.cardsV2 = cards.cardsV2;
    else f.errors.push(cards.reason);
    if (cards.ok && target?.kind === 'space' && as === 'USER')
      f.errors.push(
        'Cards can’t be sent as you (Chat allows cards only from apps): set As to APP, or post through a Webhook.',
      );
  }
  if (action !== 'DELETE' && !textRaw && !cardRaw && !attached)
    f.errors.push('Text and Card are both empty: write the message.');
  return message;
}

function unknownPlaceholders(names: string[]): string {
  return `${names.map((n) => `{{${n}}}`).join(', ')} names no column of this tab: fix the placeholder or add the column.`;
}

function cardsFor(
  raw: string,
  lookup: ReturnType<typeof lookupFrom>,
): { ok: true; cardsV2: ChatV1.CardWithId[] } | { ok: false; reason: string } {
  const shaped = normaliseCards(raw, (i) => `card-${i + 1}`);
  if (!shaped.ok) return shaped;
  const problems = checkCardFields(shaped.cardsV2);
  if (problems.length) return { ok: false, reason: problems.slice(0, 3).join(' ') };
  const filled = fillCard(shaped.cardsV2, lookup);
  if (!filled.ok) return { ok: false, reason: `Card: ${unknownPlaceholders(filled.unknown)}` };
  return normaliseParsedCards(filled.card, (i) => `card-${i + 1}`);
}

function preview(rec: MessageRecord): string {
  const where = rec.target.kind === 'space' ? rec.target.space : `webhook ${rec.target.alias}`;
  const what = [rec.message.text && 'text', rec.message.cardsV2 && `${rec.message.cardsV2.length} card(s)`]
    .filter(Boolean)
    .join(' and ');
  if (rec.action === 'DELETE') return `delete ${rec.name}.`;
  if (rec.action === 'UPDATE') return `update the ${rec.updateMask.replace(',', ' and ')} of ${rec.name}.`;
  const threadCell = rec.message.thread?.threadKey ?? rec.message.thread?.name;
  const thread = threadCell ? ` in thread “${threadCell.slice(0, 40)}”` : '';
  // A space given by name: the run asks Chat its type first, and refuses the row if it is no named space.
  const asks =
    (rec.replyOption || rec.viewer) && !rec.namedSpace && rec.target.kind === 'space'
      ? `, after asking Chat that it is a named space (a group chat or DM takes no ${rec.viewer ? 'private message' : 'thread'}: INVALID)`
      : '';
  const file = rec.attachment ? `${what ? ' with' : ''} the file ${rec.attachment.label}` : '';
  const only = rec.viewer ? `, visible only to ${rec.viewer}` : '';
  return `send ${what}${file} to ${where}${thread}${rec.auth === 'app' ? ' as the app' : ''}${only}${asks}.`;
}

const outputs = (m: ChatV1.Message): Record<string, string> => ({
  Message: m.name ?? '',
  Thread: m.thread?.name ?? '',
});

/** Chat takes thread options only in named spaces ("only supported in named spaces", messages.create):
 *  a threaded row for a group chat or a direct message is refused before it goes. */
function unthreadable(space: string, type: string): string {
  return `Thread key works only in named spaces, and ${space ? `“${space.slice(0, 60)}”` : 'this space'} is a ${type}: clear Thread key (and Reply option) to send it unthreaded.`;
}

function* sendMessage(rec: MessageRecord, run: Run, st: State): Task {
  const space = (rec.target as { space: string }).space;
  if ((rec.replyOption || rec.viewer) && !rec.namedSpace) {
    // A space given by name or URL: its type is asked of Chat once a run, before threaded or private
    // rows go.
    let type = st.spaceTypes.get(space);
    if (type === undefined) {
      const got = yield* call(op.getSpace(space));
      if (!got.ok) return refused(got, 'spaces.get');
      type = got.body.spaceType ?? 'SPACE';
      st.spaceTypes.set(space, type);
    }
    if (type !== 'SPACE')
      return { status: 'INVALID', detail: rec.viewer ? notPrivate(space, type) : unthreadable(space, type) };
  }
  let message = rec.message;
  if (rec.attachment) {
    // Read now, not when planned: the Blob is held only while this row is sent.
    let content: FileContent;
    try {
      content = run.env.drive.content(rec.attachment.fileId);
    } catch (e) {
      return {
        status: 'INVALID',
        detail: `Attachment “${short(rec.attachment.name, 80)}” could not be read from Drive (${short(errorText(e), 200)}): nothing was sent.`,
      };
    }
    const boundary = `sheets-to-chat-${run.env.crypto.uuid()}`;
    const up = yield* call(op.uploadAttachment(space, content, boundary));
    if (!up.ok) return refused(up, 'media.upload');
    // A re-run after a cut-off may upload again; the message itself is still made once (its Key's id).
    message = { ...message, attachment: [{ attachmentDataRef: up.body.attachmentDataRef }] };
  }
  const id = requestId(run.env.crypto, run.env.workbook.id, 'Messages', rec.key, 'send');
  const created = yield* call(
    op.createMessage(
      space,
      message,
      { messageId: rec.messageId, requestId: id, messageReplyOption: rec.replyOption },
      rec.auth,
    ),
  );
  if (created.ok) return done(sentDetail(rec, space), outputs(created.body));
  if (created.error.code !== 409) return refused(created, 'spaces.messages.create');
  // The Key's message id is taken: this row's message was sent before (a cut-off, a cleared Status).
  const got = yield* call(op.getMessage(rec.name, rec.auth));
  if (!got.ok) return refused(created, 'spaces.messages.create');
  return done('Already sent (a message with this Key exists in the space).', outputs(got.body));
}

function sentDetail(rec: MessageRecord, space: string): string {
  const file = rec.attachment ? ` with ${rec.attachment.label}` : '';
  const only = rec.viewer ? `, visible only to ${rec.viewer}` : '';
  return `Sent to ${space}${file}${only}.`;
}

function* postWebhook(rec: MessageRecord): Task {
  const { alias, hook } = rec.target as { alias: string; hook: Webhook };
  // Webhook posts can't be made idempotent: the executor marks the row SENDING in the sheet before the
  // post (op.idempotent false), so a run that dies mid-post leaves a trace the next run turns into
  // UNCERTAIN instead of posting again.
  const posted = yield* call(op.postWebhook(alias, hook.url, hook.space, rec.message, rec.replyOption));
  if (posted.ok) return done(`Posted through webhook ${alias}.`, outputs(posted.body));
  if (posted.error.code === 0)
    return {
      status: 'UNCERTAIN',
      detail: `No answer from Chat for the webhook post (${posted.error.message}): check the space; clear Status and Key to post again.`,
    };
  return refused(posted, 'webhook.post');
}

function* updateMessage(rec: MessageRecord): Task {
  const patched = yield* call(op.patchMessage(rec.name, rec.message, rec.updateMask, rec.auth));
  if (!patched.ok) return refused(patched, 'spaces.messages.patch');
  return done(`Updated the ${rec.updateMask.replace(',', ' and ')}.`, outputs(patched.body));
}

function* deleteMessage(rec: MessageRecord): Task {
  const removed = yield* call(op.deleteMessage(rec.name, rec.auth));
  if (!removed.ok && removed.error.code === 404)
    return done('Already deleted (not found in Chat).', { Message: rec.name });
  if (!removed.ok) return refused(removed, 'spaces.messages.delete');
  return done('Deleted from Chat.', { Message: rec.name });
}
