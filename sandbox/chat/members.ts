// spaces.members.create / get / list / patch / delete.
//
// Quotas (https://developers.google.com/workspace/chat/limits): membership writes count only toward the
// project's membership quota — spaces.members.* are not among the per-space write methods; gets and lists are
// membership reads of the project and reads of the space.
import type { Ctx, Json, Params } from './context';
import { maskOf, obj, page, str } from './context';
import type { Role } from './enums';
import { denied, exists, invalid, notFound } from './errors';
import { addMember } from './spaces';
import type { MemberRec } from './state';
import { GROUP_EMAIL_MESSAGE } from './store';

const ROLES: Role[] = ['ROLE_MEMBER', 'ROLE_MANAGER', 'ROLE_ASSISTANT_MANAGER'];

export function createMember(ctx: Ctx, p: Params, body: Json): Json {
  const space = ctx.store.visibleSpace(ctx.store.spaceIdOf(p.parent), ctx.who);
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
  if (!ctx.store.allowed(space, ctx.who, 'manageMembersAndGroups')) throw denied();
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
    const who = ctx.store.resolveUser(user);
    if (who.kind === 'webhook') throw invalid(`Invalid member: ${user}`);
    if (who.kind === 'app' && ctx.who.kind === 'app')
      throw denied("Chat apps authenticating as themselves can't add Chat apps to a space.");
    target = who;
  } else throw invalid('Membership must name a member (member.name) or a group (groupMember.name).');
  const already = ctx.store.state.members.some(
    (m) =>
      m.space === space.id &&
      (target.kind === 'app' ? m.kind === 'app' : m.kind === target.kind && m.id === target.id),
  );
  if (already) throw exists('The member is already in the space.');
  if (target.kind === 'user') {
    const u = ctx.store.state.users.find((x) => x.id === (target as { id: string }).id);
    if (u?.external && space.spaceType === 'SPACE' && !space.externalUserAllowed)
      throw invalid(
        "This space doesn't allow users outside the organization (externalUserAllowed is false).",
      );
  }
  ctx.write('membership');
  return ctx.store.memberJson(addMember(ctx, space, target, 'ROLE_MEMBER'));
}

function visibleMember(
  ctx: Ctx,
  name: unknown,
): { space: ReturnType<Ctx['store']['space']>; member: MemberRec } {
  const m = typeof name === 'string' ? /^spaces\/([^/]+)\//.exec(name) : null;
  if (m) ctx.store.visibleSpace(m[1], ctx.who);
  return ctx.store.findMember(name);
}

export function getMember(ctx: Ctx, p: Params): Json {
  const { space, member } = visibleMember(ctx, p.name);
  ctx.read('membership', space.id);
  return ctx.store.memberJson(member);
}

export function listMembers(ctx: Ctx, p: Params): Json {
  const space = ctx.store.visibleSpace(ctx.store.spaceIdOf(p.parent), ctx.who);
  const test = memberFilter(str(p.filter));
  const all = ctx.store.state.members.filter(
    (m) =>
      m.space === space.id &&
      (p.showInvited === true || m.state === 'JOINED') &&
      (p.showGroups === true || m.kind !== 'group') &&
      test(m),
  );
  const { items, next } = page(all, p, 100, 1000);
  ctx.read('membership', space.id);
  return {
    ...(items.length ? { memberships: items.map((m) => ctx.store.memberJson(m)) } : {}),
    ...(next ? { nextPageToken: next } : {}),
  };
}

/** Minimal `filter`: `member.type = "HUMAN"|"BOT"` (or `!=`) and `role = "ROLE_…"` clauses; clauses on the
 *  same field are ORed, different fields ANDed, as Chat documents. */
function memberFilter(filter: string | undefined): (m: MemberRec) => boolean {
  if (!filter?.trim()) return () => true;
  const clauses = filter
    .replace(/[()]/g, ' ')
    .split(/\s+(?:AND|OR)\s+/i)
    .map((c) => /^\s*(member\.type|role)\s*(=|!=)\s*"?([A-Z_]+)"?\s*$/i.exec(c));
  if (clauses.some((c) => !c)) throw invalid(`Invalid filter: ${filter}`);
  const type = (m: MemberRec): string => (m.kind === 'app' ? 'BOT' : m.kind === 'group' ? 'GROUP' : 'HUMAN');
  return (m) => {
    const byField = new Map<string, boolean>();
    for (const c of clauses as RegExpExecArray[]) {
      const field = c[1].toLowerCase();
      const actual = field === 'role' ? m.role : type(m);
      const ok = c[2] === '=' ? actual === c[3] : actual !== c[3];
      byField.set(field, (byField.get(field) ?? false) || ok);
    }
    return [...byField.values()].every(Boolean);
  };
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
  if (ctx.who.kind === 'user' && ctx.store.memberOf(space.id, ctx.who)?.role !== 'ROLE_MANAGER')
    throw denied();
  if (member.role === 'ROLE_MANAGER' && role !== 'ROLE_MANAGER') {
    const owners = ctx.store.state.members.filter((m) => m.space === space.id && m.role === 'ROLE_MANAGER');
    if (owners.length === 1) throw invalid('A space must keep at least one space manager (ROLE_MANAGER).');
  }
  ctx.write('membership');
  member.role = role;
  return ctx.store.memberJson(member);
}

export function deleteMember(ctx: Ctx, p: Params): Json {
  const { space, member } = visibleMember(ctx, p.name);
  if (space.spaceType === 'DIRECT_MESSAGE') throw invalid("Members can't be removed from a direct message.");
  const self =
    (ctx.who.kind === 'user' && member.kind === 'user' && member.id === ctx.who.id) ||
    (ctx.who.kind === 'app' && member.kind === 'app');
  if (!self && !ctx.store.allowed(space, ctx.who, 'manageMembersAndGroups')) throw denied();
  ctx.write('membership');
  const json = ctx.store.memberJson(member);
  ctx.store.state.members = ctx.store.state.members.filter((m) => m !== member);
  return json;
}
