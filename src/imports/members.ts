// Import members: for the selected Spaces rows (all rows with a space when none are selected), a
// Members row for each membership not listed yet — people, groups and apps, invited people too; listed
// rows (matched by Membership, or by Space and Member) get State, and Role where it is settled, refreshed.
import { op } from '../chat/ops';
import { MEMBERS, SPACES } from '../contract/tabs';
import { normaliseStatus, Status } from '../contract/statuses';
import type { Run } from '../engine/run';
import type { Counts, Step, StepOptions } from '../engine/step';
import type { Cell } from '../platform/ports';
import type { Row, Table } from '../sheet/table';
import { cellText } from '../tabs/fields';
import { resolveSpace, spaceKeys, type SpaceKeys } from '../tabs/space-index';
import { listAll, pageSizeFor, readCursor, readEach, sources, type Source } from './paging';
import { openTabs, refresh, rowsByName, tabNow } from './rows';

export const importMembersStep: Step = {
  spec: MEMBERS,
  freshOnly: false,
  process: importMembers,
};

const ROLE_CELL: Record<string, string> = {
  ROLE_MEMBER: 'MEMBER',
  ROLE_MANAGER: 'MANAGER',
  ROLE_ASSISTANT_MANAGER: 'ASSISTANT_MANAGER',
};

function importMembers(run: Run, opts: StepOptions): Counts | null {
  const tabs = openTabs(run, [SPACES]);
  if (!tabs) return null;
  const [spaces] = tabs;
  const cursor = readCursor(opts.after);
  const list = sources(spaces, opts.rows, cursor);
  if (!list.length) {
    if (!opts.after)
      run.note(
        opts.rows
          ? 'Members: the selected Spaces rows have no Space yet: import or create their spaces first.'
          : 'Members: no Spaces row has a Space yet: import or create spaces first.',
      );
    return {};
  }
  const listed = new MemberRows(run, spaceKeys(spaces));
  // About 200,000 memberships a wave (a membership is well under a kilobyte).
  const pageSize = pageSizeFor(list.length, 200_000, 50, 1000);
  const counts: Counts = {};
  const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
  // The next page of each space: a space read part-way goes on from there next time.
  const next = new Map<string, string>();
  readEach<ChatV1.Membership>(run, MEMBERS, list, cursor, {
    doing: 'Importing members',
    what: 'Members',
    task: (s, found) =>
      listAll(
        (token) => op.listMembers(s.space, token, { showInvited: true, pageSize, admin: s.admin }),
        (p) => p.memberships,
        found,
        cursor.resume?.[s.space],
        (token) => next.set(s.space, token),
      ),
    place(s, found) {
      for (const m of found) {
        const placed = listed.place(s, m);
        if (placed) count(placed);
      }
    },
    resumeFrom: (s) => next.get(s.space),
  });
  return counts;
}

/** The Members rows already listed: by Membership, and by Space (as its space) and Member. The tab is
 *  read when the first membership is placed (see tabNow). */
export class MemberRows {
  private listed: { table: Table; byMembership: Map<string, Row>; byPair: Map<string, Row> } | null = null;
  private readonly added = new Set<string>();

  constructor(
    private readonly run: Run,
    private readonly keys: SpaceKeys,
  ) {}

  private open(): MemberRows['listed'] {
    if (this.listed) return this.listed;
    const table = tabNow(this.run, MEMBERS);
    if (!table) return null;
    const byPair = new Map<string, Row>();
    for (const r of table.rows) {
      const where = resolveSpace(cellText(r.get('Space')), this.keys);
      const member = cellText(r.get('Member')).toLowerCase();
      if (where.ok && member) byPair.set(pairOf(where.space, member), r);
    }
    return (this.listed = { table, byMembership: rowsByName(table, 'Membership'), byPair });
  }

  /** Appends a row for a membership not listed, or refreshes the listed one; what it did, if anything. */
  place(
    s: Source,
    m: ChatV1.Membership,
    found?: { member: string; detail: string },
  ): 'imported' | 'refreshed' | null {
    const name = m.name ?? '';
    const member = found?.member ?? memberCell(m);
    const listed = this.open();
    if (!listed || !name || !member || this.added.has(name)) return null;
    const row = listed.byMembership.get(name) ?? listed.byPair.get(pairOf(s.space, member.toLowerCase()));
    const role = s.type === 'SPACE' && m.member?.type === 'HUMAN' ? (ROLE_CELL[m.role ?? ''] ?? '') : '';
    if (row) {
      const cells: Record<string, Cell> = { State: m.state ?? '' };
      if (!cellText(row.get('Membership'))) cells.Membership = name;
      // A Role a person set on a row still to run is what they want: only a settled row follows Chat.
      const action = cellText(row.get('Action')).toUpperCase();
      if (normaliseStatus(row.get('Status')) === Status.DONE && (!action || action === 'ADD') && role)
        cells.Role = role;
      return refresh(listed.table, row, cells) ? 'refreshed' : null;
    }
    this.added.add(name);
    const key = s.key && this.keys.rowsOf(s.key).length === 1 ? s.key : s.space;
    listed.table.append({
      ...(s.admin ? { As: 'ADMIN' } : {}),
      Space: key,
      Member: member,
      Role: role,
      Membership: name,
      State: m.state ?? '',
      Status: Status.DONE,
      Detail: found?.detail ?? detail(m),
      Updated: new Date(this.run.env.clock.now()),
    });
    return 'imported';
  }
}

const pairOf = (space: string, member: string) => `${space} ${member}`;

/** How a Members row names the member: users/… (Chat gives people by id, not e-mail) or groups/…. */
function memberCell(m: ChatV1.Membership): string {
  return m.groupMember?.name ?? m.member?.name ?? '';
}

function detail(m: ChatV1.Membership): string {
  const who = m.groupMember ? 'group' : m.member?.type === 'BOT' ? 'Chat app' : 'person';
  const state = m.state === 'INVITED' ? 'invited ' : '';
  return `Imported from Chat (${state}${who}). To change it there: set Action (REMOVE or ROLE), clear Status and run Sync members.`;
}
