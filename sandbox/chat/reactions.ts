// spaces.messages.reactions.create / list / delete
// (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages.reactions) and the
// message's emojiReactionSummaries.
//
// - All three require user authentication: the app gets 403 (the emulator's user-only wording), and a
//   person's token needs one of the method's scopes, as the discovery document lists them (else 403
//   insufficient scopes). The person must see the message: a member of its space (403 otherwise, as for
//   messages.get), and not someone else's private message (404).
// - create: "The request body contains an instance of Reaction"; `emoji` is "Required. The emoji used in the
//   reaction": an Emoji with `unicode` ("A basic emoji represented by a unicode string") or `customEmoji`
//   (a custom emoji of the organization, named by its `uid` or `customEmojis/{id}` name; the emulator knows
//   those added with `addCustomEmoji`, others → 404). Neither or both, or a unicode string that is no emoji
//   → 400 (Google documents no wording). The same person reacting to the same message with the same emoji a
//   second time is not documented: the emulator answers 409 ALREADY_EXISTS, and makes nothing.
// - list: `filter` "by emoji (either emoji.unicode or emoji.custom_emoji.uid) and user (user.name). To filter
//   reactions for multiple emojis or users, join similar fields with the OR operator … To filter reactions by
//   emoji and user, use the AND operator … If your query uses both AND and OR, group them with parentheses",
//   with the page's valid and invalid examples (reactions.list, `filter`); "Invalid queries are rejected with
//   an INVALID_ARGUMENT error". pageSize: "If unspecified, the default value is 25. The maximum value is
//   200; values above 200 are changed to 200." Reactions are listed oldest first.
// - delete: `spaces/{space}/messages/{message}/reactions/{reaction}`; a person deletes their own reactions
//   only (403 for another's), a reaction that isn't there → 404.
// - Quotas (https://developers.google.com/workspace/chat/limits): create and delete are per-space writes on
//   the project's reaction writes; list a per-space read on the project's reaction reads (rate-limits.ts).
// - Message.emojiReactionSummaries: "The list of emoji reaction summaries on the message" — per emoji "The
//   number of people who reacted to a message with a specific emoji" (EmojiReactionSummary: emoji,
//   reactionCount), in the order each emoji was first used; left out when there are none (proto3 JSON).
import { requireScope } from './auth';
import type { Ctx, Json, Params } from './context';
import { obj, page, str } from './context';
import { USER_AUTH_ONLY_MESSAGE, denied, exists, invalid, notFound } from './errors';
import { visibleMessage } from './messages';
import { emojiJson, emojiKey, reactionsOf } from './emoji';
import type { MessageRec, ReactionRec } from './state';
import type { Store } from './store';

const SCOPE = 'https://www.googleapis.com/auth/';
const CREATE_SCOPES = [
  'chat.messages.reactions.create',
  'chat.messages.reactions',
  'chat.messages',
  'chat.import',
];
const LIST_SCOPES = [
  'chat.messages.reactions.readonly',
  'chat.messages.reactions',
  'chat.messages.readonly',
  'chat.messages',
];
const DELETE_SCOPES = ['chat.messages.reactions', 'chat.messages', 'chat.import'];
const scoped = (names: string[]) => names.map((n) => SCOPE + n);

export const REACTION_PAGE = { def: 25, max: 200 };

/** One emoji, possibly with modifiers, variation selectors, ZWJ sequences, flags or a keycap. */
const EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[#*0-9]\uFE0F?\u20E3)(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200D|\uFE0F|\u20E3|[\u{E0020}-\u{E007F}])*$/u;

export const isUnicodeEmoji = (s: string): boolean => EMOJI.test(s);

function personOnly(ctx: Ctx, scopes: string[], rpc: string): string {
  if (ctx.caller.kind !== 'user' || ctx.who.kind !== 'user') throw denied(USER_AUTH_ONLY_MESSAGE);
  requireScope(ctx.caller, scoped(scopes), rpc);
  return ctx.who.id;
}

/** A request's Emoji, checked: `{unicode}` or a known custom emoji. */
export function emojiOf(store: Store, value: unknown): ReactionRec['emoji'] {
  const e = obj(value);
  const unicode = str(e.unicode);
  const custom = e.customEmoji === undefined ? undefined : obj(e.customEmoji);
  if ((unicode === undefined) === (custom === undefined))
    throw invalid('emoji is required, with exactly one of unicode and customEmoji.');
  if (unicode !== undefined) {
    if (!isUnicodeEmoji(unicode))
      throw invalid(`Invalid emoji: ${JSON.stringify(unicode)} is not a unicode emoji.`);
    return { unicode };
  }
  const uid = str(custom?.uid);
  const name = str(custom?.name);
  if (!uid && !name) throw invalid('customEmoji needs its uid (or its name, customEmojis/{customEmoji}).');
  const found = store.state.customEmojis.find((c) => (uid ? c.uid === uid : `customEmojis/${c.id}` === name));
  if (!found) throw notFound('Custom emoji not found.');
  return { customEmojiUid: found.uid };
}

export function reactionName(r: ReactionRec): string {
  return `spaces/${r.space}/messages/${r.message}/reactions/${r.id}`;
}

export function reactionJson(store: Store, r: ReactionRec): Json {
  return {
    name: reactionName(r),
    user: { name: `users/${r.user}`, type: 'HUMAN' },
    emoji: emojiJson(store, r.emoji),
  };
}

/** Adds a reaction (no quota, no checks beyond the duplicate): for create and the host's `react`. */
export function addReaction(
  store: Store,
  m: MessageRec,
  user: string,
  emoji: ReactionRec['emoji'],
  now: number,
) {
  const rec: ReactionRec = {
    space: m.space,
    message: m.id,
    id: store.ids.chars(11),
    user,
    emoji,
    createTime: now,
  };
  store.state.reactions.push(rec);
  return rec;
}

export function findReaction(store: Store, m: MessageRec, user: string, emoji: ReactionRec['emoji']) {
  const k = emojiKey(emoji);
  return reactionsOf(store, m).find((r) => r.user === user && emojiKey(r.emoji) === k);
}

export function createReaction(ctx: Ctx, p: Params, body: Json): Json {
  const user = personOnly(ctx, CREATE_SCOPES, 'CreateReaction');
  const msg = visibleMessage(ctx, p.parent);
  const emoji = emojiOf(ctx.store, body.emoji);
  if (findReaction(ctx.store, msg, user, emoji))
    throw exists('You already reacted to this message with this emoji.');
  ctx.write('reaction', msg.space);
  return reactionJson(ctx.store, addReaction(ctx.store, msg, user, emoji, ctx.now));
}

export function listReactions(ctx: Ctx, p: Params): Json {
  personOnly(ctx, LIST_SCOPES, 'ListReactions');
  const msg = visibleMessage(ctx, p.parent);
  const test = reactionFilter(ctx.store, str(p.filter));
  const { items, next } = page(
    reactionsOf(ctx.store, msg).filter(test),
    p,
    REACTION_PAGE.def,
    REACTION_PAGE.max,
  );
  ctx.read('reaction', msg.space);
  return {
    ...(items.length ? { reactions: items.map((r) => reactionJson(ctx.store, r)) } : {}),
    ...(next ? { nextPageToken: next } : {}),
  };
}

export function deleteReaction(ctx: Ctx, p: Params): Json {
  const user = personOnly(ctx, DELETE_SCOPES, 'DeleteReaction');
  const m =
    typeof p.name === 'string' ? /^(spaces\/[^/]+\/messages\/[^/]+)\/reactions\/([^/]+)$/.exec(p.name) : null;
  if (!m) throw invalid(`Invalid reaction resource name: ${JSON.stringify(p.name ?? '')}.`);
  const msg = visibleMessage(ctx, m[1]);
  const rec = reactionsOf(ctx.store, msg).find((r) => r.id === m[2]);
  if (!rec) throw notFound();
  if (rec.user !== user) throw denied();
  ctx.write('reaction', msg.space);
  ctx.store.state.reactions = ctx.store.state.reactions.filter((r) => r !== rec);
  return {};
}

type Cmp = { kind: 'emoji' | 'user'; test: (r: ReactionRec) => boolean };
type Token = '(' | ')' | 'AND' | 'OR' | { field: string; value: string };

const COMPARISON = /^(emoji\.unicode|emoji\.custom_emoji\.uid|user\.name)\s*=\s*"([^"]*)"/;

/**
 * reactions.list's `filter` (see the head of this file): comparisons `field = "value"` on emoji.unicode,
 * emoji.custom_emoji.uid or user.name; OR joins comparisons of the same kind (emoji with emoji, user with
 * user), AND joins an emoji group and a user group (at most one of each); with both AND and OR in the
 * query, an OR group is in parentheses. `user.name` takes `users/{id}` or `users/{email}`.
 */
export function reactionFilter(store: Store, filter: string | undefined): (r: ReactionRec) => boolean {
  const text = filter?.trim();
  if (!text) return () => true;
  const bad = () => invalid(`Invalid filter: ${filter}`);
  const tokens: Token[] = [];
  let rest = text;
  while (rest) {
    const m =
      /^\s+/.exec(rest) ?? /^[()]/.exec(rest) ?? /^(AND|OR)(?=[\s(]|$)/.exec(rest) ?? COMPARISON.exec(rest);
    if (!m) throw bad();
    if (m[0] === '(' || m[0] === ')') tokens.push(m[0]);
    else if (m[1] === 'AND' || m[1] === 'OR') tokens.push(m[1]);
    else if (m[2] !== undefined) tokens.push({ field: m[1], value: m[2] });
    rest = rest.slice(m[0].length);
  }
  const cmp = (t: Token | undefined): Cmp => {
    if (!t || typeof t === 'string') throw bad();
    if (t.field === 'emoji.unicode')
      return { kind: 'emoji', test: (r) => 'unicode' in r.emoji && r.emoji.unicode === t.value };
    if (t.field === 'emoji.custom_emoji.uid')
      return {
        kind: 'emoji',
        test: (r) => 'customEmojiUid' in r.emoji && r.emoji.customEmojiUid === t.value,
      };
    const u = /^users\/(.+)$/.exec(t.value);
    if (!u) throw bad();
    const id = u[1].includes('@') ? store.userByEmail(u[1])?.id : u[1];
    return { kind: 'user', test: (r) => r.user === id };
  };
  const hasAnd = tokens.includes('AND');
  const groups: Cmp[][] = [];
  let i = 0;
  for (;;) {
    const paren = tokens[i] === '(';
    if (paren) i++;
    const group = [cmp(tokens[i++])];
    while (tokens[i] === 'OR') {
      group.push(cmp(tokens[i + 1]));
      i += 2;
    }
    if (paren && tokens[i++] !== ')') throw bad();
    if (hasAnd && group.length > 1 && !paren) throw bad();
    if (group.some((c) => c.kind !== group[0].kind)) throw bad();
    groups.push(group);
    if (i === tokens.length) break;
    if (tokens[i++] !== 'AND') throw bad();
  }
  if (groups.length > 2 || (groups.length === 2 && groups[0][0].kind === groups[1][0].kind)) throw bad();
  return (r) => groups.every((g) => g.some((c) => c.test(r)));
}
