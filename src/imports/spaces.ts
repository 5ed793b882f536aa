// Import spaces: a Spaces row for each space you are in that the tab does not list yet; rows already
// listed (matched by Space) get their read-only columns refreshed.
import { SPACES } from '../contract/tabs';
import { Status } from '../contract/statuses';
import type { Run } from '../engine/run';
import type { Counts, Step, StepOptions } from '../engine/step';
import type { Cell } from '../platform/ports';
import { cellText } from '../tabs/fields';
import { listSpaces } from './paging';
import { searchQuery } from './search-query';
import { openTabs, refresh, rowsByName, timeCell } from './rows';

export const importSpacesStep: Step = {
  spec: SPACES,
  freshOnly: false,
  process: importSpaces,
};

function importSpaces(run: Run, opts: StepOptions): Counts | null {
  // A search goes across the organisation with admin access; its rows are As ADMIN.
  const search = opts.input?.trim()
    ? searchQuery(opts.input, run.env.workbook.timeZone, run.env.calendar.offsetMinutes)
    : null;
  if (search && !search.ok) {
    run.problems.add(search.reason);
    return null;
  }
  const found = listSpaces(run, SPACES.name, undefined, search?.query);
  if (!found) return null;
  // Read after Chat is, so that its new rows go in right after (see tabNow).
  const tabs = openTabs(run, [SPACES]);
  if (!tabs) return null;
  const [table] = tabs;
  const listed = rowsByName(table, 'Space');
  const added = new Set<string>();
  const keys = new Set(table.rows.map((r) => cellText(r.get('Key'))).filter(Boolean));
  const now = new Date(run.env.clock.now());
  const counts: Counts = {};
  const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
  for (const space of found) {
    if (!space.name || added.has(space.name)) continue;
    const row = listed.get(space.name);
    if (row) {
      if (refresh(table, row, readOnly(space))) count('refreshed');
      continue;
    }
    const key = uniqueKey(keyFor(space), keys);
    // Admin access can't change History: an ADMIN row leaves it blank (as is), so editing and syncing
    // the row never asks for it; Detail says what it is.
    const cells = inputs(space);
    const history = search && cells.History ? ` History is ${String(cells.History)}.` : '';
    if (search) cells.History = '';
    table.append({
      ...(search ? { As: 'ADMIN' } : {}),
      Key: key,
      ...cells,
      ...readOnly(space),
      Status: Status.DONE,
      Detail: `${detail(space)}${history}`,
      Updated: now,
    });
    added.add(space.name);
    count('imported');
  }
  if (!found.length)
    run.note(search ? 'Spaces: the search found no space.' : 'Spaces: you are not a member of any space.');
  return counts;
}

/** The columns a person edits, as Chat has them (written only on new rows). */
function inputs(s: ChatV1.Space): Record<string, Cell> {
  return {
    'Display name': s.displayName ?? '',
    Type: s.spaceType ?? '',
    Description: s.spaceDetails?.description ?? '',
    Guidelines: s.spaceDetails?.guidelines ?? '',
    'External users': s.externalUserAllowed ? 'TRUE' : 'FALSE',
    History: s.spaceHistoryState === 'HISTORY_OFF' ? 'OFF' : s.spaceHistoryState === 'HISTORY_ON' ? 'ON' : '',
  };
}

/** The columns only Chat fills in: refreshed on rows already listed. */
function readOnly(s: ChatV1.Space): Record<string, Cell> {
  return {
    Space: s.name ?? '',
    Link: s.spaceUri ?? '',
    Members: s.membershipCount?.joinedDirectHumanUserCount ?? 0,
    'Last active': timeCell(s.lastActiveTime),
    Created: timeCell(s.createTime),
  };
}

function detail(s: ChatV1.Space): string {
  const kind =
    s.spaceType === 'GROUP_CHAT'
      ? 'group chat'
      : s.spaceType === 'DIRECT_MESSAGE'
        ? 'direct message'
        : 'space';
  return `Imported ${kind} from Chat. To change it there: edit the row, set Action (UPDATE or DELETE), clear Status and run Sync spaces.`;
}

/** A readable key: the display name in lower case with hyphens; a group chat or DM by its space id. */
function keyFor(s: ChatV1.Space): string {
  const slug = (s.displayName ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (slug) return slug;
  const id = (s.name ?? '').replace(/^spaces\//, '');
  return `${s.spaceType === 'DIRECT_MESSAGE' ? 'dm' : s.spaceType === 'GROUP_CHAT' ? 'group' : 'space'}-${id}`;
}

function uniqueKey(key: string, taken: Set<string>): string {
  let k = key;
  for (let n = 2; taken.has(k); n++) k = `${key}-${n}`;
  taken.add(k);
  return k;
}
