// Emoji and reaction summaries as Chat's JSON shows them (Emoji, CustomEmoji, EmojiReactionSummary): used
// by the message JSON (store.ts) and the reactions methods (reactions.ts).
import type { Json } from './context';
import type { CustomEmojiRec, MessageRec, ReactionRec } from './state';
import type { Store } from './store';

export function customEmojiJson(c: CustomEmojiRec): Json {
  return { name: `customEmojis/${c.id}`, uid: c.uid, emojiName: c.emojiName };
}

export function emojiJson(store: Store, e: ReactionRec['emoji']): Json {
  if ('unicode' in e) return { unicode: e.unicode };
  const c = store.state.customEmojis.find((x) => x.uid === e.customEmojiUid);
  return { customEmoji: c ? customEmojiJson(c) : { uid: e.customEmojiUid } };
}

export const emojiKey = (e: ReactionRec['emoji']): string =>
  'unicode' in e ? `u:${e.unicode}` : `c:${e.customEmojiUid}`;

/** A message's reactions, oldest first. */
export function reactionsOf(store: Store, m: MessageRec): ReactionRec[] {
  return store.reactionsIn(m.space).filter((r) => r.message === m.id);
}

/** Message.emojiReactionSummaries: per emoji, how many people used it, in order of first use. */
export function reactionSummaries(store: Store, m: MessageRec): Json[] {
  const byEmoji = new Map<string, { emoji: ReactionRec['emoji']; count: number }>();
  for (const r of reactionsOf(store, m)) {
    const k = emojiKey(r.emoji);
    const s = byEmoji.get(k);
    if (s) s.count++;
    else byEmoji.set(k, { emoji: r.emoji, count: 1 });
  }
  return [...byEmoji.values()].map((s) => ({ emoji: emojiJson(store, s.emoji), reactionCount: s.count }));
}
