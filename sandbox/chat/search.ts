// spaces.search: an administrator's search over every named space of the organization
// (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/search, and the guide
// https://developers.google.com/workspace/chat/search-manage-admin).
//
// - "In the request, set use_admin_access to true … This method currently only supports admin access, thus
//   only true is accepted for this field": without it, 400 INVALID_ARGUMENT. Who may (the privilege, the
//   chat.admin.spaces(.readonly) scopes) is admin.ts's, as for every method that takes admin access.
// - What it searches: the organization's spaces — the emulator's whole store, whoever is in them — of type
//   SPACE: "`space_type` is required and the only valid value is `SPACE`", and "you can only use the Chat API
//   to manage named spaces" (the guide). Group chats and DMs are never found.
// - `query`, as the reference gives it:
//   - fields `create_time`, `customer`, `display_name`, `external_user_allowed`, `last_active_time`,
//     `space_history_state`, `space_type`; anything else is refused;
//   - `customer` is required, `customers/my_customer` "the only supported value"; `space_type` is required,
//     `SPACE` its only valid value; neither may be repeated or put under OR;
//   - `create_time` and `last_active_time` "accept a timestamp in RFC-3339 format and the supported comparison
//     operators are: =, <, >, <=, >="; the emulator wants the timestamp quoted, as every example has it;
//   - `display_name` "only accepts the HAS (:) operator. The text to match is first tokenized into tokens and
//     each token is prefix-matched case-insensitively and independently as a substring anywhere in the
//     space's display_name. For example, Fun Eve matches Fun event or The evening was fun, but not notFun
//     event or even": every word of the text must start a word of the name;
//   - `external_user_allowed` "accepts either true or false"; `space_history_state` HISTORY_ON or HISTORY_OFF
//     (quoted or not);
//   - "Across different fields, only AND operators are supported … Among the same field, space_type doesn't
//     support AND or OR operators. display_name, 'space_history_state', and 'external_user_allowed' only
//     support OR operators. last_active_time and create_time support both AND and OR operators. AND can only be
//     used to represent an interval" — two bounds, one lower (> or >=) and one upper (< or <=);
//   - parentheses group; as in Google's filter language (AIP-160) OR binds tighter than AND, so
//     `a AND b OR c` is `a AND (b OR c)`.
//   A query that breaks a rule is refused with 400 INVALID_ARGUMENT saying which.
// - A space without messages has no lastActiveTime (Store.spaceJson): the emulator compares and orders it by
//   its createTime — the last time it was active — so a space nobody ever wrote in counts as idle since it was
//   made. (The reference doesn't say how Chat treats one.)
// - `orderBy`: `membership_count.joined_direct_human_user_count`, `last_active_time` or `create_time`, then
//   ASC (the default) or DESC. Without it the order is the store's (creation order): the reference names no
//   default.
// - pageSize: "If unspecified, at most 100 spaces are returned. The maximum value is 1000"; `totalSize`: "The
//   total number of spaces that match the query, across all pages" (left out when 0, as proto3 JSON does).
import type { Ctx, Json, Params } from './context';
import { page, str } from './context';
import { invalid } from './errors';
import { joined } from './filters';
import type { SpaceRec } from './state';

type Field =
  | 'customer'
  | 'space_type'
  | 'display_name'
  | 'external_user_allowed'
  | 'space_history_state'
  | 'create_time'
  | 'last_active_time';
type Op = '=' | '<' | '>' | '<=' | '>=' | ':' | '!=';

const FIELDS: Field[] = [
  'create_time',
  'customer',
  'display_name',
  'external_user_allowed',
  'last_active_time',
  'space_history_state',
  'space_type',
];
const TIME_FIELDS: Field[] = ['create_time', 'last_active_time'];

interface Comparison {
  kind: 'cmp';
  field: Field;
  op: Op;
  /** The value as written, without its quotes. */
  value: string;
  quoted: boolean;
  test: (s: SpaceRec) => boolean;
}
type Node = Comparison | { kind: 'and' | 'or'; parts: Node[] };

const bad = (problem: string) => invalid(`Invalid search query: ${problem}`);
const quote = (v: string) => JSON.stringify(v);

const TOKEN = /\s*(\(|\)|<=|>=|!=|=|<|>|:|"(?:[^"\\]|\\.)*"|[^\s()<>=!:"]+)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw bad(`can't read ${quote(text.slice(at).trim())}.`);
    tokens.push(m[1]);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

/** The words of a display name or of the text it is searched for. */
const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** What a space's last activity is, for the search: its last message, else its creation (see above). */
export const lastActive = (s: SpaceRec): number => s.lastActiveTime ?? s.createTime;

function comparison(field: string, op: string, raw: string): Comparison {
  if (!(FIELDS as string[]).includes(field))
    throw bad(`unknown field ${quote(field)}; search by ${FIELDS.join(', ')}.`);
  const f = field as Field;
  const quoted = raw.startsWith('"');
  const value = quoted ? (JSON.parse(raw) as string) : raw;
  const cmp = (test: (s: SpaceRec) => boolean): Comparison => ({
    kind: 'cmp',
    field: f,
    op: op as Op,
    value,
    quoted,
    test,
  });
  const onlyEquals = () => {
    if (op !== '=') throw bad(`${f} only supports the = operator, not ${op}.`);
  };
  switch (f) {
    case 'customer':
      onlyEquals();
      if (value !== 'customers/my_customer')
        throw bad(`customer ${quote(value)}: customers/my_customer is the only supported value.`);
      return cmp(() => true);
    case 'space_type':
      onlyEquals();
      if (value !== 'SPACE') throw bad(`space_type ${quote(value)}: the only valid value is SPACE.`);
      return cmp((s) => s.spaceType === 'SPACE');
    case 'display_name': {
      if (op !== ':')
        throw bad(`display_name only supports the HAS (:) operator, as in display_name:"Hello".`);
      const wanted = words(value);
      if (!wanted.length) throw bad('display_name: needs text to match.');
      return cmp((s) => {
        const have = words(s.displayName ?? '');
        return wanted.every((w) => have.some((h) => h.startsWith(w)));
      });
    }
    case 'external_user_allowed': {
      onlyEquals();
      if (value !== 'true' && value !== 'false')
        throw bad(`external_user_allowed ${quote(value)}: use true or false.`);
      const want = value === 'true';
      return cmp((s) => s.externalUserAllowed === want);
    }
    case 'space_history_state':
      onlyEquals();
      if (value !== 'HISTORY_ON' && value !== 'HISTORY_OFF')
        throw bad(`space_history_state ${quote(value)}: use HISTORY_ON or HISTORY_OFF.`);
      return cmp((s) => s.historyState === value);
    case 'create_time':
    case 'last_active_time': {
      if (!['=', '<', '>', '<=', '>='].includes(op))
        throw bad(`${f} supports =, <, >, <= and >=, not ${op}.`);
      const t = Date.parse(value);
      if (!quoted || !RFC3339.test(value) || Number.isNaN(t))
        throw bad(
          `${f} ${op} ${raw}: the time must be a quoted RFC-3339 timestamp, such as "2024-01-01T00:00:00+00:00".`,
        );
      const of = f === 'create_time' ? (s: SpaceRec) => s.createTime : lastActive;
      const test =
        op === '='
          ? (x: number) => x === t
          : op === '<'
            ? (x: number) => x < t
            : op === '>'
              ? (x: number) => x > t
              : op === '<='
                ? (x: number) => x <= t
                : (x: number) => x >= t;
      return cmp((s) => test(of(s)));
    }
  }
}

function parse(text: string): Node {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const term = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw bad('it ends where a condition should follow.');
    if (t === '(') {
      const inner = and();
      if (tokens[i++] !== ')') throw bad('a parenthesis is not closed.');
      return inner;
    }
    if (t === ')' || t === 'AND' || t === 'OR' || /^[<>=!:]/.test(t))
      throw bad(`${quote(t)} where a field name should be.`);
    const op = tokens[i++];
    if (op === undefined || !/^(?:<=|>=|!=|=|<|>|:)$/.test(op))
      throw bad(`${quote(t)} must be followed by an operator (=, <, >, <=, >= or :).`);
    const value = tokens[i++];
    if (
      value === undefined ||
      /^(?:\(|\)|<=|>=|!=|=|<|>|:)$/.test(value) ||
      value === 'AND' ||
      value === 'OR'
    )
      throw bad(`${t} ${op} needs a value.`);
    return comparison(t, op, value);
  };
  const skip = () => void i++;
  const or = (): Node => {
    const parts = joined('OR', term, peek, skip);
    return parts.length === 1 ? parts[0] : { kind: 'or', parts };
  };
  const and = (): Node => {
    const parts = joined('AND', or, peek, skip);
    return parts.length === 1
      ? parts[0]
      : { kind: 'and', parts: parts.flatMap((p) => (p.kind === 'and' ? p.parts : [p])) };
  };
  const root = and();
  if (i < tokens.length)
    throw bad(`${quote(tokens[i])} is not understood here; join conditions with AND or OR.`);
  return root;
}

/** The one field a (sub)expression is about, or undefined when it mixes fields. */
function fieldOf(n: Node): Field | undefined {
  if (n.kind === 'cmp') return n.field;
  const fs = new Set(n.parts.map(fieldOf));
  return fs.size === 1 ? [...fs][0] : undefined;
}

/** The reference's rules on AND and OR within and across fields. */
function checkShape(n: Node): void {
  if (n.kind === 'cmp') return;
  if (n.kind === 'or') {
    const f = fieldOf(n);
    if (f === undefined)
      throw bad('OR only joins conditions on the same field; different fields are joined with AND.');
    if (f === 'customer' || f === 'space_type') throw bad(`${f} doesn't support OR.`);
  }
  for (const p of n.parts) checkShape(p);
  if (n.kind === 'or') return;
  // AND: a field may come back only as an interval of a time field.
  const byField = new Map<Field | undefined, Node[]>();
  for (const p of n.parts) {
    const f = fieldOf(p);
    byField.set(f, [...(byField.get(f) ?? []), p]);
  }
  for (const [f, parts] of byField) {
    if (f === undefined || parts.length === 1) continue;
    if (!TIME_FIELDS.includes(f))
      throw bad(
        f === 'customer' || f === 'space_type'
          ? `${f} may be given once.`
          : `${f} doesn't support AND; join its values with OR.`,
      );
    const ops = parts.map((p) => (p.kind === 'cmp' ? p.op : undefined));
    const lower = ops.filter((o) => o === '>' || o === '>=').length;
    const upper = ops.filter((o) => o === '<' || o === '<=').length;
    if (parts.length !== 2 || lower !== 1 || upper !== 1)
      throw bad(`AND on ${f} can only make an interval: one of > or >= and one of < or <=.`);
  }
}

/** Parses and checks a search query; returns the test a space must pass. */
export function searchQuery(query: string | undefined): (s: SpaceRec) => boolean {
  const text = query?.trim();
  if (!text)
    throw bad('query is required, e.g. customer = "customers/my_customer" AND space_type = "SPACE".');
  const root = parse(text);
  checkShape(root);
  const topLevel = root.kind === 'and' ? root.parts : [root];
  for (const required of ['customer', 'space_type'] as const)
    if (!topLevel.some((p) => p.kind === 'cmp' && p.field === required))
      throw bad(
        required === 'customer'
          ? 'customer = "customers/my_customer" is required.'
          : 'space_type = "SPACE" is required.',
      );
  const run = (n: Node, s: SpaceRec): boolean =>
    n.kind === 'cmp'
      ? n.test(s)
      : n.kind === 'and'
        ? n.parts.every((p) => run(p, s))
        : n.parts.some((p) => run(p, s));
  return (s) => run(root, s);
}

const ORDER_FIELDS = ['membership_count.joined_direct_human_user_count', 'last_active_time', 'create_time'];

/** `orderBy` as a sort key per space and a direction; undefined without one. */
function ordering(
  ctx: Ctx,
  orderBy: string | undefined,
): { key: (s: SpaceRec) => number; sign: number } | undefined {
  const text = orderBy?.trim();
  if (!text) return undefined;
  const m = /^([a-z_.]+)(?:\s+(asc|desc))?$/i.exec(text);
  if (!m || !ORDER_FIELDS.includes(m[1]))
    throw invalid(
      `Invalid order_by ${quote(text)}: order by ${ORDER_FIELDS.join(', ')}, followed by ASC (the default) or DESC.`,
    );
  const humans = (s: SpaceRec) =>
    ctx.store.membersIn(s.id).filter((x) => x.kind === 'user' && x.state === 'JOINED').length;
  const key =
    m[1] === 'create_time'
      ? (s: SpaceRec) => s.createTime
      : m[1] === 'last_active_time'
        ? lastActive
        : humans;
  return { key, sign: m[2]?.toUpperCase() === 'DESC' ? -1 : 1 };
}

export function searchSpaces(ctx: Ctx, p: Params): Json {
  if (!ctx.admin)
    throw invalid('spaces.search only supports administrator access: set useAdminAccess to true.');
  const test = searchQuery(str(p.query));
  const order = ordering(ctx, str(p.orderBy));
  let found = ctx.store.state.spaces.filter((s) => s.spaceType === 'SPACE' && test(s));
  if (order) {
    // Sorting is stable: ties keep the store's order.
    const keyed = found.map((s) => ({ s, k: order.key(s) }));
    keyed.sort((a, b) => order.sign * (a.k - b.k));
    found = keyed.map((x) => x.s);
  }
  const { items, next } = page(found, p, 100, 1000);
  ctx.read('space');
  return {
    ...(items.length ? { spaces: items.map((s) => ctx.store.spaceJson(s)) } : {}),
    ...(next ? { nextPageToken: next } : {}),
    ...(found.length ? { totalSize: found.length } : {}),
  };
}
