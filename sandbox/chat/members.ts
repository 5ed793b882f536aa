// spaces.members.create / get / list / patch / delete.
//
// Quotas (https://developers.google.com/workspace/chat/limits): membership writes count only toward the
// project's membership quota — spaces.members.* are not among the per-space write methods; gets and lists are
// membership reads of the project and reads of the space.
import { adminSpace, reachSpace } from './admin';
import type { Ctx, Json, Params } from './context';
import { maskOf, obj, page, str } from './context';
import type { Role } from './enums';
import { denied, exists, invalid, notFound } from './errors';
import { joined } from './filters';
import { addMember } from './spaces';
import type { MemberRec } from './state';
import { GROUP_EMAIL_MESSAGE } from './store';

const ROLES: Role[] = ['ROLE_MEMBER', 'ROLE_MANAGER', 'ROLE_ASSISTANT_MANAGER'];

// What administrator access does not do with memberships, in the words of each method's `useAdminAccess`
// (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.members/create#query-parameters,
// …/get, …/list, …/delete). The pages give no error for it: the emulator answers 400 INVALID_ARGUMENT.
export const ADMIN_NO_APP_CREATE =
  "Creating app memberships isn't supported using admin access (useAdminAccess).";
export const ADMIN_NO_EXTERNAL =
  "Creating memberships for users outside the administrator's Google Workspace organization isn't supported " +
  'using admin access (useAdminAccess).';
export const ADMIN_NO_APP_GET = "Getting app memberships in a space isn't supported when using admin access.";
export const ADMIN_NO_APP_DELETE = "Deleting app memberships in a space isn't supported using admin access.";
export const ADMIN_LIST_FILTER =
  'Either member.type = "HUMAN" or member.type != "BOT" is required in the filter when use_admin_access is ' +
  'set to true.';

export function createMember(ctx: Ctx, p: Params, body: Json): Json {
  const space = reachSpace(ctx, ctx.store.spaceIdOf(p.parent));
  const role = str(body.role);
  // Chat sets roles only through members.patch; a create asking for another role is refused.
  if (role && role !== 'ROLE_MEMBER' && role !== 'MEMBERSHIP_ROLE_UNSPECIFIED')
    throw invalid(
      'Memberships are created with role ROLE_MEMBER; change roles with members.patch (updateMask=role).',
    );
  const group = str(obj(body.groupMember).name);
  const user = str(obj(body.member).name);
  if (group !== undefined && user !== undefined)
    throw invalid('A membership names either a member or a groupMember.');
  if (space.spaceType === 'DIRECT_MESSAGE') throw invalid("Members can't be added to a direct message.");
  if (!ctx.admin && !ctx.store.allowed(space, ctx.who, 'manageMembersAndGroups')) throw denied();
  let target: { kind: 'user'; id: string } | { kind: 'app' } | { kind: 'group'; id: string };
  if (group !== undefined) {
    const gm = /^groups\/(.+)$/.exec(group);
    if (!gm) throw invalid(`Invalid group resource name: "${group}". Expected groups/{group}.`);
    if (gm[1].includes('@')) throw invalid(GROUP_EMAIL_MESSAGE);
    if (ctx.who.kind === 'app')
      throw denied("Chat apps authenticating as themselves can't add groups to a space.");
    if (space.spaceType !== 'SPACE') throw invalid('Groups can only be added to spaces of type SPACE.');
    if (!ctx.store.state.groups.some((g) => g.id === gm[1])) throw notFound(`Group not found: ${group}`);
    target = { kind: 'group', id: gm[1] };
  } else if (user !== undefined) {
    if (ctx.admin && (str(obj(body.member).type) === 'BOT' || /^users\/app$/.test(user)))
      throw invalid(ADMIN_NO_APP_CREATE);
    const who = ctx.store.resolveUser(user);
    if (who.kind === 'webhook') throw invalid(`Invalid member: ${user}`);
    if (ctx.admin && who.kind === 'app') throw invalid(ADMIN_NO_APP_CREATE);
    if (who.kind === 'app' && ctx.who.kind === 'app')
      throw denied("Chat apps authenticating as themselves can't add Chat apps to a space.");
    target = who;
  } else throw invalid('Membership must name a member (member.name) or a group (groupMember.name).');
  const already = ctx.store
    .membersIn(space.id)
    .some((m) => (target.kind === 'app' ? m.kind === 'app' : m.kind === target.kind && m.id === target.id));
  if (already) throw exists('The member is already in the space.');
  if (target.kind === 'user') {
    const u = ctx.store.state.users.find((x) => x.id === (target as { id: string }).id);
    if (ctx.admin && u?.external) throw invalid(ADMIN_NO_EXTERNAL);
    if (u?.external && space.spaceType === 'SPACE' && !space.externalUserAllowed)
      throw invalid(
        "This space doesn't allow users outside the organization (externalUserAllowed is false).",
      );
  }
  ctx.write('membership');
  return ctx.store.memberJson(addMember(ctx, space, target, 'ROLE_MEMBER'));
}

/** The membership a call names, in a space the caller reaches (a member's, or any named space with
 *  administrator access). With administrator access, a name for the app's membership is refused with
 *  `appRefused` (the app's membership can't be got or deleted that way). */
function visibleMember(
  ctx: Ctx,
  name: unknown,
  appRefused = ADMIN_NO_APP_GET,
): { space: ReturnType<Ctx['store']['space']>; member: MemberRec } {
  const m = typeof name === 'string' ? /^spaces\/([^/]+)\/members\/(.+)$/.exec(name) : null;
  if (m) {
    if (ctx.admin) {
      adminSpace(ctx.store, m[1]);
      if (m[2] === 'app' || m[2] === ctx.store.state.appUserId) throw invalid(appRefused);
    } else ctx.store.visibleSpace(m[1], ctx.who);
  }
  return ctx.store.findMember(name);
}

export function getMember(ctx: Ctx, p: Params): Json {
  const { space, member } = visibleMember(ctx, p.name);
  ctx.read('membership', space.id);
  return ctx.store.memberJson(member);
}

/**
 * members.list (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.members/list):
 * - "Listing memberships with app authentication lists memberships in spaces that the Chat app has access
 *   to, but excludes Chat app memberships, including its own."
 * - `showGroups`: "When true, also returns memberships associated with a Google Group"; `showInvited`: "When
 *   true, also returns memberships associated with invited members … Currently requires user
 *   authentication." With app authentication the emulator leaves invited memberships out (the page doesn't
 *   say Chat refuses the call).
 * - "If a filter is set, Google Group [or invited] memberships that don't match the filter criteria aren't
 *   returned." A group membership has no `member`, so `member.type = "…"` never matches one and
 *   `member.type != "BOT"` does.
 * - pageSize: default 100, at most 1000.
 */
export function listMembers(ctx: Ctx, p: Params): Json {
  const space = reachSpace(ctx, ctx.store.spaceIdOf(p.parent));
  const test = memberFilter(str(p.filter), ctx.admin);
  const asApp = ctx.who.kind === 'app';
  const invited = p.showInvited === true && !asApp;
  const all = ctx.store
    .membersIn(space.id)
    .filter(
      (m) =>
        (invited || m.state === 'JOINED') &&
        (p.showGroups === true || m.kind !== 'group') &&
        !(asApp && m.kind === 'app') &&
        test(m),
    );
  const { items, next } = page(all, p, 100, 1000);
  ctx.read('membership', space.id);
  return {
    ...(items.length ? { memberships: items.map((m) => ctx.store.memberJson(m)) } : {}),
    ...(next ? { nextPageToken: next } : {}),
  };
}

type MemberTest = (m: MemberRec) => boolean;
interface Clause {
  field: 'role' | 'member.type';
  test: MemberTest;
  /** For member.type: whether it asks for people only (`= "HUMAN"` or `!= "BOT"`). */
  humansOnly?: boolean;
}
type Node = { kind: 'clause'; clause: Clause } | { kind: 'and' | 'or'; parts: Node[] };

const memberType = (m: MemberRec): string | undefined =>
  m.kind === 'app' ? 'BOT' : m.kind === 'user' ? 'HUMAN' : undefined;

/**
 * members.list's `filter`, as the reference states it: "You can filter memberships by a member's role
 * (role) and type (member.type). To filter by role, set role to ROLE_MEMBER or ROLE_MANAGER. To filter by
 * type, set member.type to HUMAN or BOT. You can also filter for member.type using the != operator. To
 * filter by both role and type, use the AND operator. To filter by either role or type, use the OR operator."
 * Valid: `role = "ROLE_MANAGER" OR role = "ROLE_MEMBER"`, `member.type = "HUMAN" AND role = "ROLE_MANAGER"`,
 * `member.type != "BOT"`. Invalid: `member.type = "HUMAN" AND member.type = "BOT"`,
 * `role = "ROLE_MANAGER" AND role = "ROLE_MEMBER"` — "rejected by the server with an INVALID_ARGUMENT
 * error". Parentheses group; as in Google's filter language (AIP-160) OR binds tighter than AND.
 */
function memberFilter(filter: string | undefined, admin = false): MemberTest {
  const text = filter?.trim();
  if (!text) {
    if (admin) throw invalid(ADMIN_LIST_FILTER);
    return () => true;
  }
  const bad = () => invalid(`Invalid filter: ${filter}`);
  const tokens = text.match(/\(|\)|!=|=|"[^"]*"|[^\s()!="]+/g) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) throw bad();
  let i = 0;
  const peek = () => tokens[i];
  const clause = (): Node => {
    if (peek() === '(') {
      i++;
      const inner = and();
      if (tokens[i++] !== ')') throw bad();
      return inner;
    }
    const field = tokens[i++];
    const op = tokens[i++];
    const raw = tokens[i++];
    if (raw === undefined || (op !== '=' && op !== '!=')) throw bad();
    const value = raw.replace(/^"(.*)"$/, '$1');
    if (field === 'role') {
      if (op !== '=' || (value !== 'ROLE_MEMBER' && value !== 'ROLE_MANAGER')) throw bad();
      return { kind: 'clause', clause: { field, test: (m) => m.role === value } };
    }
    if (field === 'member.type') {
      if (value !== 'HUMAN' && value !== 'BOT') throw bad();
      const eq = op === '=';
      const humansOnly = eq === (value === 'HUMAN');
      return {
        kind: 'clause',
        clause: { field, humansOnly, test: (m) => (memberType(m) === value) === eq },
      };
    }
    throw bad();
  };
  const skip = () => void i++;
  const or = (): Node => {
    const parts = joined('OR', clause, peek, skip);
    return parts.length === 1 ? parts[0] : { kind: 'or', parts };
  };
  const and = (): Node => {
    const parts = joined('AND', or, peek, skip);
    if (parts.length > 1) {
      // The same field on both sides of an AND can only ask for two values at once: refused.
      const fields = parts.map(fieldOf);
      if (fields.some((f, k) => f !== undefined && fields.indexOf(f) !== k)) throw bad();
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', parts };
  };
  const root = and();
  if (i !== tokens.length) throw bad();
  // With administrator access: "Either member.type = "HUMAN" or member.type != "BOT" is required when
  // use_admin_access is set to true. Other member type filters will be rejected." — required means it holds
  // for the whole filter: the clause itself, or one of the parts of a top-level AND.
  if (admin) {
    const clauses = (n: Node): Clause[] => (n.kind === 'clause' ? [n.clause] : n.parts.flatMap(clauses));
    const types = clauses(root).filter((c) => c.field === 'member.type');
    const top = root.kind === 'and' ? root.parts : [root];
    if (
      types.some((c) => !c.humansOnly) ||
      !top.some((n) => n.kind === 'clause' && n.clause.field === 'member.type')
    )
      throw invalid(ADMIN_LIST_FILTER);
  }
  const run = (n: Node, m: MemberRec): boolean =>
    n.kind === 'clause'
      ? n.clause.test(m)
      : n.kind === 'and'
        ? n.parts.every((x) => run(x, m))
        : n.parts.some((x) => run(x, m));
  return (m) => run(root, m);
}

/** The one field a (sub)expression constrains, if it constrains only one. */
function fieldOf(n: Node): string | undefined {
  if (n.kind === 'clause') return n.clause.field;
  const fields = new Set(n.parts.map(fieldOf));
  return fields.size === 1 ? [...fields][0] : undefined;
}

export function patchMember(ctx: Ctx, p: Params, body: Json): Json {
  const mask = maskOf(p);
  if (mask.length !== 1 || mask[0] !== 'role')
    throw invalid('Only role can be updated: use updateMask=role.');
  const role = str(body.role) as Role | undefined;
  if (!role || !ROLES.includes(role))
    throw invalid('role must be ROLE_MEMBER, ROLE_ASSISTANT_MANAGER or ROLE_MANAGER.');
  const { space, member } = visibleMember(ctx, p.name);
  if (space.spaceType !== 'SPACE') throw invalid('Roles can only be changed in spaces of type SPACE.');
  if (member.kind !== 'user') throw invalid('Only human members can have their role changed.');
  if (!ctx.admin && ctx.who.kind === 'user' && ctx.store.memberOf(space.id, ctx.who)?.role !== 'ROLE_MANAGER')
    throw denied();
  if (member.role === 'ROLE_MANAGER' && role !== 'ROLE_MANAGER') {
    const owners = ctx.store.membersIn(space.id).filter((m) => m.role === 'ROLE_MANAGER');
    if (owners.length === 1) throw invalid('A space must keep at least one space manager (ROLE_MANAGER).');
  }
  ctx.write('membership');
  member.role = role;
  return ctx.store.memberJson(member);
}

export function deleteMember(ctx: Ctx, p: Params): Json {
  const { space, member } = visibleMember(ctx, p.name, ADMIN_NO_APP_DELETE);
  if (space.spaceType === 'DIRECT_MESSAGE') throw invalid("Members can't be removed from a direct message.");
  const self =
    (ctx.who.kind === 'user' && member.kind === 'user' && member.id === ctx.who.id) ||
    (ctx.who.kind === 'app' && member.kind === 'app');
  if (!self && !ctx.admin && !ctx.store.allowed(space, ctx.who, 'manageMembersAndGroups')) throw denied();
  ctx.write('membership');
  const json = ctx.store.memberJson(member);
  ctx.store.state.members = ctx.store.state.members.filter((m) => m !== member);
  return json;
}
