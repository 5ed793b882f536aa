// Find a person's spaces (with your own access): every space you are in where that person is a member
// (spaces.list, then members.get of spaces/S/members/<e-mail> in each), one Members row each — set Action
// to REMOVE and Sync members to offboard them.
import { call, op } from '../chat/ops';
import { MEMBERS, SPACES } from '../contract/tabs';
import type { Task } from '../engine/executor';
import type { Run } from '../engine/run';
import type { Counts, Step, StepOptions } from '../engine/step';
import { parseMemberRef } from '../chat/refs';
import { cellText } from '../tabs/fields';
import { done, refused } from '../tabs/outcomes';
import { spaceKeys } from '../tabs/space-index';
import { MemberRows } from './members';
import { ahead, listSpaces, readCursor, readEach, type Source } from './paging';
import { openTabs, rowsByName } from './rows';
import { CUSTOMER, NAMED_SPACES } from './search-query';

export const findPersonStep: Step = {
  spec: MEMBERS,
  freshOnly: false,
  process: findPersonSpaces,
};

/** The job's input: the e-mail, after `admin:` when the person chose to look across the organisation. */
export const personInput = (email: string, admin: boolean): string =>
  `${admin ? 'admin:' : ''}${email.trim()}`;

function findPersonSpaces(run: Run, opts: StepOptions): Counts | null {
  const input = (opts.input ?? '').trim();
  const admin = input.startsWith('admin:');
  const email = input.replace(/^admin:/, '').toLowerCase();
  const ref = parseMemberRef(email);
  if (ref.kind !== 'user' || !ref.email) {
    run.problems.add(`Find a person’s spaces: “${email.slice(0, 60)}” is not an e-mail address.`);
    return null;
  }
  const tabs = openTabs(run, [SPACES]);
  if (!tabs) return null;
  const [spaces] = tabs;
  // With admin access: every named space of the organisation (Chat's search finds only those).
  const all = listSpaces(
    run,
    MEMBERS.name,
    opts.after,
    admin ? `${CUSTOMER} AND ${NAMED_SPACES}` : undefined,
  );
  if (!all) return null;
  const rowOf = rowsByName(spaces, 'Space');
  const cursor = readCursor(opts.after);
  const list: Source[] = all
    .filter((s) => s.name && ahead(cursor, s.name))
    .sort((a, b) => (a.name! < b.name! ? -1 : 1))
    .map((s) => {
      const row = rowOf.get(s.name!);
      return {
        row: row?.row ?? '',
        space: s.name!,
        key: row ? cellText(row.get('Key')) : '',
        type: s.spaceType ?? 'SPACE',
        admin,
      };
    });
  const listed = new MemberRows(run, spaceKeys(spaces));
  const counts: Counts = {};
  readEach<ChatV1.Membership>(run, MEMBERS, list, cursor, {
    doing: `Finding ${email}`,
    what: 'Memberships',
    task: (s, found) => lookUp(s.space, email, admin, found),
    place(s, found) {
      for (const m of found) {
        const placed = listed.place(s, m, {
          member: email,
          detail: `Found: ${email} is ${m.state === 'INVITED' ? 'invited to' : 'a member of'} this space. To take them out: set Action REMOVE, clear Status and run Sync members.`,
        });
        const what = placed === 'imported' ? 'found' : 'already listed';
        counts[what] = (counts[what] ?? 0) + 1;
      }
    },
  });
  if (!counts.found && !counts['already listed'] && !run.unfinished)
    run.note(
      `${email} is in none of the ${all.length} spaces ${admin ? 'of the organisation (named spaces: Chat’s search finds no group chats or DMs)' : 'you are a member of'}.`,
    );
  return counts;
}

/** The person's membership of a space (members.get by e-mail), handed to `found`; not a member is fine. */
function* lookUp(
  space: string,
  email: string,
  admin: boolean,
  found: (m: ChatV1.Membership[]) => void,
): Task {
  const got = yield* call(op.getMember(`${space}/members/${email}`, admin));
  if (got.ok) {
    found([got.body]);
    return done('member');
  }
  if (got.error.code === 404) return done('not a member');
  return refused(got, 'spaces.members.get', admin);
}
