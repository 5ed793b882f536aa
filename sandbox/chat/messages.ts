// spaces.messages.create / get / list / patch / update / delete, and the message part of webhook posts.
import type { Ctx, Json, Params } from './context';
import { list, maskOf, obj, page, str } from './context';
import {
  HUMAN_CREDENTIALS_CARDS_MESSAGE,
  denied,
  exists,
  insufficientScopes,
  invalid,
  notFound,
} from './errors';
import { attach, uploadsFor } from './media';
import type { MessageRec, SpaceRec, ThreadRec } from './state';
import { Store } from './store';

export const MAX_MESSAGE_BYTES = 32_000;
export const MAX_THREAD_KEY = 4000;
const MESSAGE_ID = /^client-[a-z0-9-]+$/;

const hasCards = (body: Json): boolean =>
  list(body.cardsV2).length > 0 || list(body.cards).length > 0 || list(body.accessoryWidgets).length > 0;

export const PRIVATE_APP_ONLY_MESSAGE = 'Private messages can only be created with app authentication.';
export const PRIVATE_NAMED_SPACES_MESSAGE =
  'Private messages (privateMessageViewer) can only be sent in named spaces (spaceType SPACE).';

/** Cards and accessory widgets need app authentication (or a webhook); private messages need app
 *  authentication itself (see privateViewerOf). */
function checkContent(ctx: Ctx, body: Json): void {
  if (ctx.who.kind === 'user' && hasCards(body)) throw invalid(HUMAN_CREDENTIALS_CARDS_MESSAGE);
  if (ctx.who.kind !== 'app' && body.privateMessageViewer !== undefined)
    throw invalid(PRIVATE_APP_ONLY_MESSAGE);
  // "The text's UTF-8 bytes plus the cards" (a newline is one byte, not the two of its JSON escape):
  // https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages#Message (text).
  const cards = [body.cardsV2, body.accessoryWidgets].filter((c) => c !== undefined);
  const size =
    Buffer.byteLength(str(body.text) ?? '') +
    cards.reduce((n: number, c) => n + Buffer.byteLength(JSON.stringify(c)), 0);
  if (size > MAX_MESSAGE_BYTES)
    throw invalid(`Message is too large: a message can be at most ${MAX_MESSAGE_BYTES} bytes.`);
}

/**
 * `privateMessageViewer` (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages#Message
 * and https://developers.google.com/workspace/chat/private-messages): "The user that can view the message. When
 * set, the message is private and only visible to the specified user and the Chat app. To include this field
 * in your request, you must call the Chat API using app authentication and omit … Attachments". A person's
 * token or an incoming webhook → 400 (checkContent; the reference gives no code, the emulator keeps the 400
 * it gives cards sent with user authentication), an attachment → 400 (media.ts).
 * The guide describes private messages "in spaces with multiple people" for a person in the space; the
 * emulator, as the product's contract has it, takes them in named spaces only, for a person who is a JOINED
 * member (neither rule has documented wording: 400 saying which). The viewer is named `users/{id}` or
 * `users/{email}` (User.name: "the user's email address can be used as an alias … in API requests"); the
 * message shows the canonical name.
 */
function privateViewerOf(ctx: Ctx, space: SpaceRec, body: Json): string | undefined {
  if (body.privateMessageViewer === undefined) return undefined;
  if (space.spaceType !== 'SPACE') throw invalid(PRIVATE_NAMED_SPACES_MESSAGE);
  const name = str(obj(body.privateMessageViewer).name);
  if (!name) throw invalid('privateMessageViewer.name is required: users/{user}.');
  const viewer = ctx.store.resolveUser(name);
  if (viewer.kind !== 'user') throw invalid('privateMessageViewer must be a person, not a Chat app.');
  if (ctx.store.memberOf(space.id, viewer)?.state !== 'JOINED')
    throw invalid(`privateMessageViewer ${name} is not a member of spaces/${space.id}.`);
  return viewer.id;
}

/** Whether the caller sees a message: a private one only its viewer and the app see. */
export function canSee(ctx: Ctx, m: MessageRec): boolean {
  if (m.privateViewer === undefined || ctx.who.kind === 'app') return true;
  return ctx.who.kind === 'user' && ctx.who.id === m.privateViewer;
}

function canPost(ctx: Ctx, space: SpaceRec, reply: boolean): void {
  if (!ctx.store.allowed(space, ctx.who, reply ? 'replyMessages' : 'postMessages')) throw denied();
}

/** Shared by `messages.create` (user or app) and incoming webhooks. */
export function createMessage(ctx: Ctx, p: Params, body: Json): Json {
  const store = ctx.store;
  const space = store.visibleSpace(store.spaceIdOf(p.parent), ctx.who);
  // "messageReplyOption: Optional. Specifies whether a message starts a thread or replies to one. Only
  // supported in named spaces." (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create)
  // Group chats and direct messages are unthreaded: a reply option there is refused (webhooks too).
  const replyOption = str(p.messageReplyOption);
  if (
    replyOption !== undefined &&
    replyOption !== 'MESSAGE_REPLY_OPTION_UNSPECIFIED' &&
    space.spaceType !== 'SPACE'
  )
    throw invalid(
      `messageReplyOption is only supported in named spaces (spaceType SPACE); spaces/${space.id} is a ` +
        `${space.spaceType}.`,
    );
  const text = str(body.text);
  if (!text && !hasCards(body) && list(body.attachment).length === 0)
    throw invalid('Message cannot be empty.');
  checkContent(ctx, body);
  const messageId = str(p.messageId);
  if (messageId !== undefined && (!MESSAGE_ID.test(messageId) || messageId.length > 63))
    throw invalid(
      `Invalid messageId "${messageId}": a custom message ID must start with "client-", contain only lowercase ` +
        'letters, numbers and hyphens, and be at most 63 characters long.',
    );
  const creator = Store.keyOf(ctx.who);
  const requestId = str(p.requestId);
  const ledgerKey = requestId ? `messages.create|${space.id}|${creator}|${requestId}` : undefined;
  if (ledgerKey) {
    // Same request id from the same caller in this space: the message already made, and nothing new.
    const rec = store.state.ledger[ledgerKey];
    const made =
      rec &&
      store.state.messages.find(
        (m) => m.deleteTime === undefined && `spaces/${m.space}/messages/${m.id}` === rec.resource,
      );
    if (made) return store.messageJson(made);
  }
  // "Is unique within a space" (messageId, https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create).
  // The page is silent on deleted messages: the emulator lets a deleted message's ID be used again.
  if (
    messageId !== undefined &&
    store.messagesIn(space.id).some((m) => m.clientId === messageId && m.deleteTime === undefined)
  )
    throw exists(`A message with ID ${messageId} already exists in the space.`);
  const uploads = uploadsFor(ctx, space, body.attachment, body.privateMessageViewer !== undefined);
  const privateViewer = privateViewerOf(ctx, space, body);
  const threadIn = obj(body.thread);
  const key = str(threadIn.threadKey) ?? str(p.threadKey);
  if (key !== undefined && key.length > MAX_THREAD_KEY)
    throw invalid(`threadKey can be at most ${MAX_THREAD_KEY} characters.`);
  const threadName = str(threadIn.name);
  const option = str(p.messageReplyOption) ?? 'MESSAGE_REPLY_OPTION_UNSPECIFIED';
  let thread: ThreadRec | undefined;
  // Without a reply option Chat always starts a new thread, even when a key or thread name is given.
  if (option !== 'MESSAGE_REPLY_OPTION_UNSPECIFIED' && (key !== undefined || threadName !== undefined)) {
    const threads = store.threadsIn(space.id);
    thread = threadName
      ? threads.find((t) => store.threadName(t) === threadName)
      : [...threads].reverse().find((t) => t.creator === creator && t.key === key);
    if (!thread && option === 'REPLY_MESSAGE_OR_FAIL') throw notFound('Thread not found.');
  }
  canPost(ctx, space, !!thread);
  ctx.write('message', space.id);
  const reply = !!thread;
  if (!thread) {
    // A new thread takes the key (so later replies with the key land here).
    thread = { space: space.id, id: store.ids.thread(), creator, ...(key !== undefined ? { key } : {}) };
    store.state.threads.push(thread);
  }
  const id = store.ids.message();
  const msg: MessageRec = {
    space: space.id,
    id,
    ...(messageId !== undefined ? { clientId: messageId } : {}),
    thread: thread.id,
    threadReply: reply,
    sender: ctx.who,
    ...(text !== undefined ? { text } : {}),
    ...(list(body.cardsV2).length ? { cardsV2: structuredClone(list(body.cardsV2)) } : {}),
    ...(list(body.accessoryWidgets).length
      ? { accessoryWidgets: structuredClone(list(body.accessoryWidgets)) }
      : {}),
    ...(str(body.fallbackText) !== undefined ? { fallbackText: str(body.fallbackText) } : {}),
    ...(uploads.length ? { attachment: attach(ctx, `spaces/${space.id}/messages/${id}`, uploads) } : {}),
    ...(privateViewer !== undefined ? { privateViewer } : {}),
    createTime: ctx.now,
  };
  store.state.messages.push(msg);
  space.lastActiveTime = ctx.now;
  if (ledgerKey)
    store.state.ledger[ledgerKey] = { caller: creator, resource: `spaces/${space.id}/messages/${msg.id}` };
  return store.messageJson(msg);
}

/** A message the caller may read: in a space they are in, and not someone else's private message (which
 *  does not exist for them: 404, as for any message they can't see). */
export function visibleMessage(ctx: Ctx, name: unknown): MessageRec {
  const m = typeof name === 'string' ? /^spaces\/([^/]+)\//.exec(name) : null;
  if (m) ctx.store.visibleSpace(m[1], ctx.who);
  const msg = ctx.store.findMessage(name);
  if (!canSee(ctx, msg)) throw notFound();
  return msg;
}

export function getMessage(ctx: Ctx, p: Params): Json {
  const msg = visibleMessage(ctx, p.name);
  ctx.read('message', msg.space);
  return ctx.store.messageJson(msg);
}

export const APP_MESSAGES_READONLY_SCOPE = 'https://www.googleapis.com/auth/chat.app.messages.readonly';

/**
 * messages.list (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/list):
 * - authentication: a person, or the app only "with administrator approval with the authorization scope
 *   chat.app.messages.readonly" — the app's ordinary `chat.bot` token is refused (403, insufficient scopes);
 *   with it, "this method only returns public messages in a space. It doesn't include private messages";
 *   a person never gets another person's private message (Message.privateMessageViewer: "only visible to
 *   the specified user and the Chat app"), only their own;
 * - "The default ordering is create_time ASC"; `orderBy` takes ASC or DESC;
 * - `showDeleted`: "Whether to include deleted messages. Deleted messages include deleted time and metadata
 *   about their deletion, but message content is unavailable." Without it deleted messages are left out;
 * - pageSize: default 25, at most 1000.
 */
export function listMessages(ctx: Ctx, p: Params): Json {
  if (ctx.caller.kind === 'app' && !ctx.caller.scopes.includes(APP_MESSAGES_READONLY_SCOPE))
    throw insufficientScopes('ListMessages');
  const space = ctx.store.visibleSpace(ctx.store.spaceIdOf(p.parent), ctx.who);
  const test = messageFilter(str(p.filter));
  const order = str(p.orderBy)?.trim().toLowerCase();
  if (
    order &&
    order !== 'createtime asc' &&
    order !== 'createtime desc' &&
    order !== 'create_time asc' &&
    order !== 'create_time desc'
  )
    throw invalid(`Invalid orderBy: ${String(p.orderBy)}`);
  const deleted = p.showDeleted === true;
  const msgs = ctx.store
    .messagesIn(space.id)
    .filter(
      (m) =>
        (deleted || m.deleteTime === undefined) &&
        (ctx.who.kind === 'app' ? m.privateViewer === undefined : canSee(ctx, m)) &&
        test(m),
    )
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.createTime - b.m.createTime || a.i - b.i)
    .map((x) => x.m);
  if (order?.endsWith('desc')) msgs.reverse();
  const { items, next } = page(msgs, p, 25, 1000);
  ctx.read('message', space.id);
  return {
    ...(items.length ? { messages: items.map((m) => ctx.store.messageJson(m)) } : {}),
    ...(next ? { nextPageToken: next } : {}),
  };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * messages.list's `filter`, as https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/list
 * documents it: clauses joined by `AND`, each `create_time > "<RFC-3339>"` or `create_time < "<RFC-3339>"`
 * (the timestamp in double quotes), or `thread.name = spaces/{space}/threads/{thread}` (at most one). Anything
 * else — `OR`, another field or operator, an unquoted or malformed timestamp, two thread names — is refused
 * with INVALID_ARGUMENT, as the page says the server does.
 */
function messageFilter(filter: string | undefined): (m: MessageRec) => boolean {
  const text = filter?.trim();
  if (!text) return () => true;
  const bad = () => invalid(`Invalid filter: ${filter}`);
  const tests: ((m: MessageRec) => boolean)[] = [];
  let threads = 0;
  for (const clause of text.split(/\s+AND\s+/)) {
    const time = /^create_time\s*([<>])\s*"([^"]*)"$/.exec(clause.trim());
    if (time) {
      if (!RFC3339.test(time[2])) throw bad();
      const at = Date.parse(time[2]);
      if (Number.isNaN(at)) throw bad();
      tests.push(time[1] === '>' ? (m) => m.createTime > at : (m) => m.createTime < at);
      continue;
    }
    const thread = /^thread\.name\s*=\s*("?)(spaces\/[^/\s"]+\/threads\/[^/\s"]+)\1$/.exec(clause.trim());
    if (thread && ++threads === 1) {
      const name = thread[2];
      tests.push((m) => `spaces/${m.space}/threads/${m.thread}` === name);
      continue;
    }
    throw bad();
  }
  return (m) => tests.every((t) => t(m));
}

const EDITABLE = ['text', 'attachment', 'cards', 'cards_v2', 'accessory_widgets', 'quoted_message_metadata'];

export function updateMessage(ctx: Ctx, p: Params, body: Json): Json {
  const mask = maskOf(p);
  const fields = mask.includes('*') ? ['text', 'cards_v2', 'accessory_widgets', 'attachment'] : mask;
  for (const f of fields) if (!EDITABLE.includes(f)) throw invalid(`Invalid update_mask path: ${f}.`);
  const msg = visibleMessage(ctx, p.name);
  // People edit only their own messages, the app only its own (never a webhook's).
  if (Store.keyOf(msg.sender) !== Store.keyOf(ctx.who)) throw denied();
  const next: Json = {
    text: fields.includes('text') ? body.text : msg.text,
    cardsV2: fields.includes('cards_v2') ? body.cardsV2 : undefined,
    accessoryWidgets: fields.includes('accessory_widgets') ? body.accessoryWidgets : undefined,
  };
  checkContent(ctx, next);
  const space = ctx.store.space(msg.space);
  const uploads = fields.includes('attachment')
    ? uploadsFor(ctx, space, body.attachment, msg.privateViewer !== undefined)
    : [];
  ctx.write('message', msg.space);
  if (fields.includes('text')) {
    const t = str(body.text);
    if (t === undefined) delete msg.text;
    else msg.text = t;
  }
  if (fields.includes('cards_v2')) {
    if (list(body.cardsV2).length) msg.cardsV2 = structuredClone(list(body.cardsV2));
    else delete msg.cardsV2;
  }
  if (fields.includes('accessory_widgets')) {
    if (list(body.accessoryWidgets).length)
      msg.accessoryWidgets = structuredClone(list(body.accessoryWidgets));
    else delete msg.accessoryWidgets;
  }
  if (fields.includes('attachment')) {
    if (uploads.length) msg.attachment = attach(ctx, `spaces/${msg.space}/messages/${msg.id}`, uploads);
    else delete msg.attachment;
  }
  msg.lastUpdateTime = ctx.now;
  return ctx.store.messageJson(msg);
}

/**
 * messages.delete. "When using app authentication, requests can only delete messages created by the calling
 * Chat app" (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/delete); people
 * delete only their own here. Chat keeps a deleted message with its deleteTime and deletionMetadata
 * (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages#Message): get answers
 * 404 and list shows it only with showDeleted. DeletionMetadata.DeletionType: a person's own message deleted
 * through the API is CREATOR_VIA_APP ("A Chat app deleted the message on behalf of the creator (using user
 * authentication)"); the app deleting its own message is CREATOR, its creator deleting it.
 */
export function deleteMessage(ctx: Ctx, p: Params): Json {
  const msg = visibleMessage(ctx, p.name);
  if (Store.keyOf(msg.sender) !== Store.keyOf(ctx.who)) throw denied();
  ctx.write('message', msg.space);
  msg.deleteTime = ctx.now;
  msg.deletionType = ctx.caller.kind === 'user' ? 'CREATOR_VIA_APP' : 'CREATOR';
  return {};
}
