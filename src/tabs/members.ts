import { normaliseStatus, takenByDefault } from '../contract/statuses';
import { MEMBERS, SPACES } from '../contract/tabs';
import { call, op, type ChatOp, type ChatResult } from '../chat/ops';
import { parseMemberRef, parseSpaceRef, type MemberRef } from '../chat/refs';
import type { Outcome, Task } from '../engine/executor';
import type { Run } from '../engine/run';
import type { Plan, Tab } from '../engine/step';
import type { Row, Table } from '../sheet/table';
import { Fields, cellText } from './fields';
import { done, refused } from './outcomes';
import { memberBody, resolveSpace, spaceKeys, type SpaceKeys } from './space-index';

const ROLES = {
  MEMBER: 'ROLE_MEMBER',
  MANAGER: 'ROLE_MANAGER',
  ASSISTANT_MANAGER: 'ROLE_ASSISTANT_MANAGER',
} as const;
type Role = keyof typeof ROLES;
const ACTIONS = ['ADD', 'REMOVE', 'ROLE'] as const;

type Member = Exclude<MemberRef, { kind: 'bad' }>;

export interface MemberRecord {
  row: number;
  space: string;
  member: Member;
  role: Role | '';
  action: (typeof ACTIONS)[number];
  /** Type of the space when the row names it by key: a DIRECT_MESSAGE's members are fixed by its set-up. */
  spaceType: string;
  /** As ADMIN: administrator access (useAdminAccess), in spaces the person running need not be in. */
  admin: boolean;
}

export const membersTab: Tab<MemberRecord> = {
  spec: MEMBERS,
  stamp: 'Updated',

  open(run, table) {
    const spaces = run.table(SPACES);
    // A row is found again by its Space and Member (rows move while a run works): two open rows (rows a
    // run would take: not DONE, ERROR or UNCERTAIN) with the same pair could not be told apart, so both
    // wait for the person to keep one.
    const open = new Map<string, number[]>();
    for (const r of table.rows) {
      if (!takenByDefault(normaliseStatus(r.get('Status')))) continue;
      const pair = JSON.stringify([cellText(r.get('Space')), cellText(r.get('Member'))]);
      open.set(pair, [...(open.get(pair) ?? []), r.row]);
    }
    const keys = spaceKeys(spaces);
    const domain = run.env.userEmail().split('@')[1]?.toLowerCase() ?? '';
    let adminTried = false;
    return {
      plan: (row) => planMember(row, keys, open, domain),
      parallel: true,
      task: memberTask,
      solo: (rec) => rec.admin && !adminTried && (adminTried = true),
      finish: (opts) => exactMembership(run, opts.check, keys, spaces, table),
    };
  },
};

function planMember(
  row: Row,
  keys: SpaceKeys,
  open: Map<string, number[]>,
  domain: string,
): Plan<MemberRecord> {
  const f = new Fields(row);
  const spaceRaw = f.text('Space', {
    required: 'Space is empty: give a Spaces key, spaces/… or the space’s Chat URL.',
  });
  const memberRaw = f.text('Member', {
    required: 'Member is empty: give an e-mail, users/…, groups/<id> or app.',
  });
  const twins = open.get(JSON.stringify([spaceRaw, memberRaw])) ?? [];
  if (spaceRaw && memberRaw && twins.length > 1)
    f.errors.push(
      `Rows ${twins.join(', ')} have this Space and Member: keep one row per member of a space (with its Role and Action) — results are matched to rows by Space and Member.`,
    );
  const role = f.choice('Role', Object.keys(ROLES) as Role[]);
  const action = f.choice('Action', ACTIONS, 'ADD');
  const admin = f.choice('As', ['USER', 'ADMIN'] as const, 'USER') === 'ADMIN';
  const ref = memberRaw ? parseMemberRef(memberRaw) : null;
  if (ref?.kind === 'bad') f.errors.push(ref.reason);
  if (admin && ref && ref.kind !== 'bad') adminLimits(f, ref, domain);
  if (ref?.kind === 'app' && role && role !== 'MEMBER')
    f.errors.push('The Chat app can only be a MEMBER: leave Role blank.');
  if (ref?.kind === 'group' && role && role !== 'MEMBER')
    f.errors.push('A group can only be a MEMBER: leave Role blank.');
  if (action === 'ROLE' && !role)
    f.errors.push('Action ROLE needs a Role: MEMBER, MANAGER or ASSISTANT_MANAGER.');
  const where = spaceRaw ? resolveSpace(spaceRaw, keys) : null;
  if (where && !where.ok && !where.waiting) f.errors.push(where.reason);
  const parsed = spaceRaw ? parseSpaceRef(spaceRaw) : null;
  const spaceType = parsed?.kind === 'key' ? keys.typeOf(parsed.key) : 'SPACE';
  if (spaceType !== 'SPACE' && role && role !== 'MEMBER')
    f.errors.push(`A ${spaceType} has no roles: leave Role blank.`);
  if (spaceType === 'DIRECT_MESSAGE' && action !== 'ADD')
    f.errors.push(
      'The members of a DIRECT_MESSAGE are fixed when it is set up: only ADD rows (its one other person) belong here.',
    );
  if (!f.ok || !ref || ref.kind === 'bad' || !where) return { kind: 'invalid', reason: f.reason };
  if (!where.ok) return { kind: 'waiting', reason: where.reason, on: where.key };
  const rec: MemberRecord = { row: row.row, space: where.space, member: ref, role, action, spaceType, admin };
  return { kind: 'ready', record: rec, preview: preview(rec), on: where.key };
}

/** What Chat's administrator access does not do (the Chat API's admin-access guide): refused before any
 *  call, with the reason. */
function adminLimits(f: Fields, ref: Member, domain: string): void {
  if (ref.kind === 'app')
    f.errors.push(
      'As ADMIN can’t manage the Chat app’s membership (Chat doesn’t allow it with admin access): use As USER.',
    );
  else if (ref.kind === 'group')
    f.errors.push(
      'As ADMIN can’t manage groups: with admin access Chat lists people only, so a group’s membership can’t be found. Use As USER in a space you manage.',
    );
  else if (ref.email && domain && ref.email.split('@')[1]?.toLowerCase() !== domain)
    f.errors.push(
      `As ADMIN can’t manage people outside your organisation (${ref.email.slice(0, 60)} is not @${domain}): use As USER.`,
    );
}

function label(m: Member): string {
  return m.kind === 'user' ? (m.email ?? m.name) : m.kind === 'app' ? 'the Chat app' : m.name;
}

const outputs = (m: ChatV1.Membership) => ({ Membership: m.name ?? '', State: m.state ?? '' });

/** The membership of a member in a space, or null when they are not a member. */
function* findMembership(
  space: string,
  member: Member,
  admin = false,
): Generator<ChatOp, ChatV1.Membership | null | Outcome, ChatResult> {
  if (member.kind === 'group') {
    let pageToken: string | undefined;
    do {
      const page = yield* call(op.listMembers(space, pageToken));
      if (!page.ok) return refused(page, 'spaces.members.list');
      const list = page.body;
      const found = (list.memberships ?? []).find((m) => m.groupMember?.name === member.name);
      if (found) return found;
      pageToken = list.nextPageToken ?? undefined;
    } while (pageToken);
    return null;
  }
  const got = yield* call(op.getMember(`${space}/members/${member.alias}`, admin));
  if (got.ok) return got.body;
  if (got.error.code === 404) return null;
  return refused(got, 'spaces.members.get', admin);
}

function isOutcome(x: unknown): x is Outcome {
  return !!x && typeof x === 'object' && 'status' in x && 'detail' in x;
}

/** A row's work: adding starts by asking Chat to add; removing, changing a role and checking a direct
 *  message start from the membership as Chat has it. */
function* memberTask(rec: MemberRecord): Task {
  if (rec.action === 'ADD' && rec.spaceType !== 'DIRECT_MESSAGE') return yield* addMember(rec);
  const found = yield* findMembership(rec.space, rec.member, rec.admin);
  if (isOutcome(found)) return found;
  if (rec.action === 'REMOVE') return yield* removeMember(rec, found);
  if (rec.action === 'ROLE') return yield* changeRole(rec, found);
  return checkDirectMessage(rec, found);
}

function* addMember(rec: MemberRecord): Task {
  const created = yield* call(op.createMember(rec.space, memberBody(rec.member), rec.admin));
  let membership: ChatV1.Membership;
  let already = false;
  if (created.ok) membership = created.body;
  else if (created.error.code === 409) {
    const found = yield* findMembership(rec.space, rec.member, rec.admin);
    if (isOutcome(found)) return found;
    if (!found) return refused(created, 'spaces.members.create', rec.admin);
    membership = found;
    already = true;
  } else return refused(created, 'spaces.members.create', rec.admin);
  let roleNote = '';
  if (rec.role && membership.role !== ROLES[rec.role]) {
    const patched = yield* call(op.patchMember(membership.name!, { role: ROLES[rec.role] }, rec.admin));
    if (!patched.ok) return refused(patched, 'spaces.members.patch', rec.admin);
    membership = patched.body;
    roleNote = ` Role set to ${rec.role}.`;
  }
  return done(
    `${already ? 'Already a member' : 'Added'}: ${label(rec.member)}.${roleNote}`,
    outputs(membership),
  );
}

/** Chat adds nobody to a direct message after its set-up: the row can only confirm its person is there. */
function checkDirectMessage(rec: MemberRecord, found: ChatV1.Membership | null): Outcome {
  if (!found)
    return {
      status: 'ERROR',
      detail: `${label(rec.member)} is not in this direct message, and Chat can’t add people to one: set up a new DIRECT_MESSAGE row instead.`,
    };
  return done(`Already a member: ${label(rec.member)} (set up with the direct message).`, outputs(found));
}

function* removeMember(rec: MemberRecord, found: ChatV1.Membership | null): Task {
  if (!found)
    return done(`Not a member: ${label(rec.member)} (nothing to remove).`, { Membership: '', State: '' });
  const removed = yield* call(op.deleteMember(found.name!, rec.admin));
  if (!removed.ok && removed.error.code === 404)
    return done(`Not a member: ${label(rec.member)} (nothing to remove).`, { Membership: '', State: '' });
  if (!removed.ok) return refused(removed, 'spaces.members.delete', rec.admin);
  return done(`Removed: ${label(rec.member)}.`, { Membership: found.name ?? '', State: '' });
}

function* changeRole(rec: MemberRecord, found: ChatV1.Membership | null): Task {
  if (!found)
    return {
      status: 'ERROR',
      detail: `${label(rec.member)} is not a member of ${rec.space}: use Action ADD (with a Role) to add them.`,
    };
  if (found.role === ROLES[rec.role as Role]) return done(`Role already ${rec.role}.`, outputs(found));
  const patched = yield* call(op.patchMember(found.name!, { role: ROLES[rec.role as Role] }, rec.admin));
  if (!patched.ok) return refused(patched, 'spaces.members.patch', rec.admin);
  return done(`Role set to ${rec.role}.`, outputs(patched.body));
}

function preview(rec: MemberRecord): string {
  const who = label(rec.member);
  const as = rec.admin ? ' (as admin)' : '';
  if (rec.action === 'REMOVE') return `remove ${who} from ${rec.space}${as}.`;
  if (rec.action === 'ROLE') return `set the role of ${who} in ${rec.space} to ${rec.role}${as}.`;
  return `add ${who} to ${rec.space}${rec.role && rec.role !== 'MEMBER' ? ` as ${rec.role}` : ''}${as}.`;
}

/**
 * Members mode EXACT: members of the space that no Members row lists go — never the person running,
 * never apps. A run applies it only when every listing row of the space is DONE, so it knows exactly
 * who is listed: a failed or missing lookup must never make it remove someone. checkRows also looks up
 * the listed rows that are still pending (reads only) to say who would go.
 */
function exactMembership(
  run: Run,
  check: boolean,
  keys: SpaceKeys,
  spaces: Table | string,
  members: Table,
): void {
  if (typeof spaces === 'string') return;
  for (const target of keys.exact()) {
    if (run.outOfTime) {
      run.unfinished = true;
      return;
    }
    if (!target.space) continue;
    const listed: Listed = { memberships: new Set(), lookups: [] };
    const blocking: number[] = [];
    for (const r of members.rows) {
      const where = resolveSpace(cellText(r.get('Space')), keys);
      if (!where.ok || where.space !== target.space) continue;
      if (cellText(r.get('Action')).toUpperCase() === 'REMOVE') continue;
      const status = cellText(r.get('Status')).toUpperCase();
      const membership = cellText(r.get('Membership'));
      const ref = parseMemberRef(cellText(r.get('Member')));
      if (status === 'DONE' && membership) listed.memberships.add(membership);
      else if (check && status === '' && ref.kind !== 'bad') listed.lookups.push(ref);
      else blocking.push(r.row);
    }
    const say = (text: string) =>
      spaces.set(target.row, { Detail: text, Updated: new Date(run.env.clock.now()) });
    if (blocking.length) {
      say(
        `Members mode EXACT ${check ? 'can’t be previewed' : 'not applied'} yet: Members row(s) ${blocking.slice(0, 10).join(', ')} of this space are not DONE.`,
      );
      continue;
    }
    const outcome = run.executor.run(exactTask(target.space, listed, check, run, target.admin), {
      tab: 'Spaces',
      row: target.row,
    });
    if (!outcome) {
      run.unfinished = true;
      return;
    }
    if (outcome.stopRun) run.stop(outcome.stopRun);
    say(outcome.detail);
    run.checkpoint();
  }
}

interface Listed {
  /** Membership names of listed rows already DONE. */
  memberships: Set<string>;
  /** Listed members not added yet (checkRows only): looked up, kept if they are already in. */
  lookups: Member[];
}

/** With admin access (`admin`), Chat lists people only: groups in the space are never removed. */
function* exactTask(space: string, listed: Listed, check: boolean, run: Run, admin: boolean): Task {
  const keep = new Set(listed.memberships);
  const groups = new Set(listed.lookups.filter((m) => m.kind === 'group').map((m) => m.name));
  const me = run.env.userEmail();
  if (!me && !check)
    return {
      status: 'ERROR',
      detail:
        'Members mode EXACT not applied: the script can’t tell who you are (no e-mail from Session), so it can’t be sure not to remove you.',
    };
  const lookups: Member[] = listed.lookups.filter((m) => m.kind !== 'group');
  if (me) lookups.push({ kind: 'user', name: `users/${me}`, alias: me, email: me });
  for (const m of lookups) {
    const found = yield* findMembership(space, m, admin);
    if (isOutcome(found)) return found;
    if (found?.name) keep.add(found.name);
  }
  const extra: ChatV1.Membership[] = [];
  let pageToken: string | undefined;
  do {
    const page = yield* call(op.listMembers(space, pageToken, { admin }));
    if (!page.ok) return refused(page, 'spaces.members.list', admin);
    const list = page.body;
    for (const m of list.memberships ?? []) {
      if (m.member?.type === 'BOT' || keep.has(m.name ?? '') || groups.has(m.groupMember?.name ?? ''))
        continue;
      extra.push(m);
    }
    pageToken = list.nextPageToken ?? undefined;
  } while (pageToken);
  const who = (m: ChatV1.Membership) =>
    m.member?.displayName || m.member?.name || m.groupMember?.name || m.name || '?';
  const names = extra.map(who);
  const list = `${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`;
  if (check)
    return done(
      extra.length
        ? `Members mode EXACT would remove ${extra.length}: ${list}.`
        : 'Members mode EXACT: nobody to remove.',
    );
  for (const m of extra) {
    const removed = yield* call(op.deleteMember(m.name!, admin));
    if (!removed.ok && removed.error.code !== 404) return refused(removed, 'spaces.members.delete', admin);
  }
  return done(
    extra.length
      ? `Members mode EXACT removed ${extra.length}: ${list}.`
      : 'Members mode EXACT: membership matches the Members tab.',
  );
}
