// Host-side helpers for tests: people react to a message and reply in its thread (no API call, no quota,
// no call counted), and an account of who has acknowledged a message — the answer a product test asserts
// Reactions, Replies, Acknowledged and Not yet against.
import { emojiKey, reactionsOf } from './emoji';
import { addReaction, findReaction, isUnicodeEmoji, reactionJson } from './reactions';
import type { MessageRec, ReactionRec } from './state';
import type { Store } from './store';

export interface Acknowledgements {
  /** The message's emojiReactionSummaries as text: unicode emoji, or a custom emoji's `:name:`. */
  reactions: { emoji: string; count: number }[];
  /** Messages after it in its thread (not deleted, not private), whoever sent them. */
  replies: number;
  /** E-mails, sorted: people who reacted; people who replied in the thread. */
  reacted: string[];
  replied: string[];
  /** Everyone who did either (sorted e-mails). */
  acknowledged: string[];
  /** The audience who did neither (sorted e-mails): the space's joined human members (direct memberships,
   *  not groups' members) — for a private message its viewer alone. */
  notYet: string[];
}

const fail = (why: string): never => {
  throw new Error(`sandbox Chat: ${why}`);
};

function person(store: Store, email: string): string {
  return store.userByEmail(email)?.id ?? fail(`${email} is not known to the emulator`);
}

function messageFor(store: Store, name: string, userId: string, email: string): MessageRec {
  const msg = store.findMessage(name);
  const member = store.memberOf(msg.space, { kind: 'user', id: userId });
  if (member?.state !== 'JOINED') fail(`${email} is not a member of spaces/${msg.space}`);
  if (msg.privateViewer !== undefined && msg.privateViewer !== userId)
    fail(`${name} is a private message ${email} can't see`);
  return msg;
}

function emojiFor(store: Store, emoji: string): ReactionRec['emoji'] {
  if (/^:[^:\s]+:$/.test(emoji)) {
    const c = store.state.customEmojis.find((x) => x.emojiName === emoji);
    return c ? { customEmojiUid: c.uid } : fail(`no custom emoji ${emoji}: add it with addCustomEmoji`);
  }
  return isUnicodeEmoji(emoji) ? { unicode: emoji } : fail(`${JSON.stringify(emoji)} is not an emoji`);
}

/** `email` reacts with `emoji` (unicode, or `:name:` of a custom emoji); reacting twice keeps one. */
export function react(store: Store, now: number, email: string, message: string, emoji: string) {
  const user = person(store, email);
  const msg = messageFor(store, message, user, email);
  const e = emojiFor(store, emoji);
  return reactionJson(store, findReaction(store, msg, user, e) ?? addReaction(store, msg, user, e, now));
}

/** Takes `email`'s reaction away; false when there was none. */
export function unreact(store: Store, email: string, message: string, emoji: string): boolean {
  const user = person(store, email);
  const msg = messageFor(store, message, user, email);
  const rec = findReaction(store, msg, user, emojiFor(store, emoji));
  if (!rec) return false;
  store.state.reactions = store.state.reactions.filter((r) => r !== rec);
  return true;
}

/** `email` replies in the message's thread: named spaces only (group chats and DMs have no threads), as the
 *  space's replyMessages permission allows. */
export function reply(store: Store, now: number, email: string, message: string, text: string) {
  const user = person(store, email);
  const msg = messageFor(store, message, user, email);
  if (msg.privateViewer !== undefined) fail(`${message} is private: no one replies in its thread`);
  const space = store.space(msg.space);
  if (space.spaceType !== 'SPACE') fail(`spaces/${space.id} is a ${space.spaceType}: it has no threads`);
  if (!store.allowed(space, { kind: 'user', id: user }, 'replyMessages'))
    fail(`${email} may not reply in spaces/${space.id}`);
  const rec: MessageRec = {
    space: space.id,
    id: store.ids.message(),
    thread: msg.thread,
    threadReply: true,
    sender: { kind: 'user', id: user },
    text,
    createTime: now,
  };
  store.state.messages.push(rec);
  space.lastActiveTime = now;
  return store.messageJson(rec);
}

/** Who has reacted to a message or replied in its thread, and who hasn't. The message's sender is left
 *  out of every list (they sent it), unless `includeSender`. */
export function acknowledgements(
  store: Store,
  message: string,
  opts: { includeSender?: boolean } = {},
): Acknowledgements {
  const msg = store.findMessage(message);
  const sender = msg.sender.kind === 'user' && !opts.includeSender ? msg.sender.id : undefined;
  const emailOf = (id: string) => store.state.users.find((u) => u.id === id)?.email ?? `users/${id}`;
  const at = store.messagesIn(msg.space).indexOf(msg);
  const replies = store
    .messagesIn(msg.space)
    .filter(
      (m, i) =>
        m.thread === msg.thread &&
        m !== msg &&
        (m.createTime > msg.createTime || (m.createTime === msg.createTime && i > at)) &&
        m.deleteTime === undefined &&
        m.privateViewer === undefined,
    );
  const set = (ids: (string | undefined)[]) =>
    [...new Set(ids.filter((id): id is string => id !== undefined && id !== sender))].map(emailOf).sort();
  const reacted = set(reactionsOf(store, msg).map((r) => r.user));
  const replied = set(replies.map((m) => (m.sender.kind === 'user' ? m.sender.id : undefined)));
  const acknowledged = [...new Set([...reacted, ...replied])].sort();
  const audience =
    msg.privateViewer !== undefined
      ? [msg.privateViewer]
      : store
          .membersIn(msg.space)
          .filter((m) => m.kind === 'user' && m.state === 'JOINED')
          .map((m) => m.id);
  const notYet = set(audience).filter((e) => !acknowledged.includes(e));
  const custom = (uid: string) => store.state.customEmojis.find((c) => c.uid === uid)?.emojiName ?? uid;
  // In the order of the message's emojiReactionSummaries: each emoji's first use.
  const counts = new Map<string, { emoji: string; count: number }>();
  for (const r of reactionsOf(store, msg)) {
    const k = emojiKey(r.emoji);
    const text = 'unicode' in r.emoji ? r.emoji.unicode : custom(r.emoji.customEmojiUid);
    counts.set(k, { emoji: text, count: (counts.get(k)?.count ?? 0) + 1 });
  }
  return { reactions: [...counts.values()], replies: replies.length, reacted, replied, acknowledged, notYet };
}
