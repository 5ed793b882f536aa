import { isPending, normaliseStatus } from '../contract/statuses';
import { MEMBERS, SPACES } from '../contract/tabs';
import { explain } from '../chat/errors';
import { call, op } from '../chat/ops';
import { parseMemberRef, short } from '../chat/refs';
import type { Task } from '../engine/executor';
import { requestId } from '../engine/ids';
import type { Run } from '../engine/run';
import type { Plan, Tab } from '../engine/step';
import type { Row, Table } from '../sheet/table';
import { Fields, cellText } from './fields';
import { done, refused } from './outcomes';
import { memberBody, spaceKeys, type SpaceKeys } from './space-index';

const TYPES = ['SPACE', 'GROUP_CHAT', 'DIRECT_MESSAGE'] as const;
const ACTIONS = ['CREATE', 'UPDATE', 'DELETE'] as const;

export interface SpaceRecord {
  row: number;
  key: string;
  type: (typeof TYPES)[number];
  action: (typeof ACTIONS)[number];
  displayName: string;
  description: string;
  guidelines: string;
  external: boolean | null;
  history: 'ON' | 'OFF' | '';
  permissions: 'COLLABORATION' | 'ANNOUNCEMENT' | '';
  /** Existing space (UPDATE, DELETE). */
  space: string;
  /** GROUP_CHAT / DIRECT_MESSAGE members, as users/… names. */
  members: string[];
}

export const spacesTab: Tab<SpaceRecord> = {
  spec: SPACES,
  stamp: 'Updated',

  open(run, table) {
    const keys = spaceKeys(table);
    const members = run.table(MEMBERS);
    // One question for all DELETE rows of the run, asked at the first one.
    let deleteConfirmed: boolean | null = null;
    const confirmed = () => (deleteConfirmed ??= confirmDeletes(run, table));
    return {
      plan: (row) => planSpace(row, keys, members),
      task(rec) {
        if (rec.action === 'UPDATE') return update(rec);
        if (rec.action === 'DELETE') return remove(rec, run, confirmed);
        return create(rec, run);
      },
    };
  },
};

function planSpace(row: Row, keys: SpaceKeys, members: Table | string): Plan<SpaceRecord> {
  const f = new Fields(row);
  const key = f.text('Key', {
    required: 'Key is empty: give the space a unique key (Members and Messages refer to it).',
  });
  const dupes = key ? keys.rowsOf(key) : [];
  if (dupes.length > 1)
    f.errors.push(`Key “${short(key)}” is used on rows ${dupes.join(', ')}: keys must be unique.`);
  const type = f.choice('Type', TYPES, 'SPACE');
  const action = f.choice('Action', ACTIONS, 'CREATE');
  const displayName = f.text('Display name', { max: 128 });
  const description = f.text('Description', { max: 150 });
  const guidelines = f.text('Guidelines', { max: 5000 });
  const externalRaw = f.choice('External users', ['TRUE', 'FALSE'] as const);
  const history = f.choice('History', ['ON', 'OFF'] as const);
  const permissions = f.choice('Permissions', ['COLLABORATION', 'ANNOUNCEMENT'] as const);
  f.choice('Members mode', ['ADD', 'EXACT'] as const);
  const space = cellText(row.get('Space'));
  const rec: SpaceRecord = {
    row: row.row,
    key,
    type,
    action,
    displayName,
    description,
    guidelines,
    external: externalRaw === '' ? null : externalRaw === 'TRUE',
    history,
    permissions,
    space,
    members: [],
  };
  if (action === 'CREATE') planCreate(rec, f, members);
  else if (!/^spaces\/[A-Za-z0-9_-]+$/.test(space))
    f.errors.push(
      `${action} needs the space: Space is empty — create it first (Action blank) or paste its spaces/… name into Space.`,
    );
  else if (action === 'UPDATE' && !updateMask(rec).length && !rec.history)
    f.errors.push('UPDATE changes nothing: fill in Display name, Description, Guidelines or History.');
  if (!f.ok) return { kind: 'invalid', reason: f.reason };
  return { kind: 'ready', record: rec, preview: preview(rec) };
}

function planCreate(rec: SpaceRecord, f: Fields, members: Table | string): void {
  if (rec.type === 'SPACE') {
    if (!rec.displayName)
      f.errors.push('Display name is empty: a SPACE needs a name (at most 128 characters).');
    return;
  }
  const others = [
    rec.displayName && 'Display name',
    rec.description && 'Description',
    rec.guidelines && 'Guidelines',
    rec.permissions && 'Permissions',
  ].filter(Boolean);
  if (others.length)
    f.errors.push(`${others.join(', ')}: only a SPACE has these; leave them blank for a ${rec.type}.`);
  if (typeof members === 'string') {
    f.errors.push(`A ${rec.type} takes its members from the Members tab: ${members}`);
    return;
  }
  for (const m of members.rows) {
    if (cellText(m.get('Space')) !== rec.key) continue;
    const action = cellText(m.get('Action')).toUpperCase();
    if (action && action !== 'ADD') continue;
    const ref = parseMemberRef(cellText(m.get('Member')));
    if (ref.kind !== 'user') {
      f.errors.push(
        `Members row ${m.row}: ${ref.kind === 'bad' ? ref.reason : `a ${rec.type} can only have people, not ${ref.kind === 'app' ? 'the app' : 'groups'}.`}`,
      );
      continue;
    }
    rec.members.push(ref.name);
  }
  const n = rec.members.length;
  if (rec.type === 'DIRECT_MESSAGE' && n !== 1)
    f.errors.push(
      `A DIRECT_MESSAGE needs exactly 1 other person in the Members tab (Space = “${short(rec.key)}”); found ${n}.`,
    );
  if (rec.type === 'GROUP_CHAT' && (n < 2 || n > 48))
    f.errors.push(
      `A GROUP_CHAT needs 2 to 48 other people in the Members tab (Space = “${short(rec.key)}”); found ${n}.`,
    );
}

function spaceBody(rec: SpaceRecord): ChatV1.Space {
  const body: ChatV1.Space = { spaceType: rec.type };
  if (rec.type !== 'SPACE') return body;
  body.displayName = rec.displayName;
  if (rec.description || rec.guidelines)
    body.spaceDetails = { description: rec.description, guidelines: rec.guidelines };
  if (rec.external !== null) body.externalUserAllowed = rec.external;
  if (rec.history) body.spaceHistoryState = rec.history === 'ON' ? 'HISTORY_ON' : 'HISTORY_OFF';
  if (rec.permissions) body.predefinedPermissionSettings = `${rec.permissions}_SPACE`;
  return body;
}

function* create(rec: SpaceRecord, run: Run): Task {
  const id = requestId(run.env.crypto, run.env.workbook.id, 'Spaces', rec.key);
  const result =
    rec.type === 'SPACE'
      ? yield* call(op.createSpace(spaceBody(rec), id))
      : yield* call(
          op.setupSpace({
            space: spaceBody(rec),
            requestId: id,
            memberships: rec.members.map((name) => memberBody({ kind: 'user', name })),
          }),
        );
  if (!result.ok) return refused(result, rec.type === 'SPACE' ? 'spaces.create' : 'spaces.setup');
  const space = result.body;
  return done(`${rec.type === 'SPACE' ? `Space “${short(rec.displayName)}”` : rec.type} ready in Chat.`, {
    Space: space.name ?? '',
    Link: space.spaceUri ?? '',
  });
}

/** Field masks of the fields the row sets (history goes alone: Chat requires it). */
function updateMask(rec: SpaceRecord): string[] {
  const mask: string[] = [];
  if (rec.displayName) mask.push('display_name');
  if (rec.description || rec.guidelines) mask.push('space_details');
  return mask;
}

/**
 * UPDATE changes only what differs from the space as Chat has it: an organisation may forbid changing
 * history, so a field already as the row says is never patched. History goes in its own patch (Chat
 * requires it alone); if it is refused after the rest changed, Detail says exactly what did and didn't.
 */
function* update(rec: SpaceRecord): Task {
  const got = yield* call(op.getSpace(rec.space));
  if (!got.ok) return refused(got, 'spaces.get');
  const now = got.body;
  const details = now.spaceDetails ?? {};
  const differs = {
    'Display name': !!rec.displayName && rec.displayName !== (now.displayName ?? ''),
    Description: !!rec.description && rec.description !== (details.description ?? ''),
    Guidelines: !!rec.guidelines && rec.guidelines !== (details.guidelines ?? ''),
  };
  const history = rec.history && (rec.history === 'ON' ? 'HISTORY_ON' : 'HISTORY_OFF');
  const changed: string[] = [];
  const body: ChatV1.Space = {};
  const mask: string[] = [];
  if (differs['Display name']) {
    body.displayName = rec.displayName;
    mask.push('display_name');
  }
  if (differs.Description || differs.Guidelines) {
    // space_details replaces both parts: the one the row leaves blank stays as it is in Chat.
    body.spaceDetails = {
      description: rec.description || details.description || '',
      guidelines: rec.guidelines || details.guidelines || '',
    };
    mask.push('space_details');
  }
  if (mask.length) {
    const patched = yield* call(op.patchSpace(rec.space, body, mask.join(',')));
    if (!patched.ok) return refused(patched, 'spaces.patch');
    changed.push(...Object.keys(differs).filter((k) => differs[k as keyof typeof differs]));
  }
  if (history && history !== now.spaceHistoryState) {
    const patched = yield* call(
      op.patchSpace(rec.space, { spaceHistoryState: history }, 'space_history_state'),
    );
    if (!patched.ok) {
      if (!changed.length) return refused(patched, 'spaces.patch');
      return {
        status: 'ERROR',
        detail: `Changed ${changed.join(', ')}; History not changed: ${explain(patched.error, 'spaces.patch')}`,
        outputs: { Space: rec.space },
      };
    }
    changed.push('History');
  }
  const fixed = [rec.external !== null && 'External users', rec.permissions && 'Permissions'].filter(Boolean);
  const note = fixed.length ? ` (${fixed.join(' and ')} are fixed at creation: not changed.)` : '';
  const what = changed.length
    ? `Changed ${changed.join(', ')}.`
    : 'Nothing to change: the space is already as the row says.';
  return done(`${what}${note}`, { Space: rec.space });
}

function* remove(rec: SpaceRecord, run: Run, confirmed: () => boolean): Task {
  if (!confirmed()) {
    return {
      status: 'WAITING',
      detail: run.env.ui
        ? 'Deletion not confirmed: nothing was deleted. Run again and answer Yes to delete.'
        : 'Deleting a space needs your confirmation: run “Sync spaces” from the Chat menu.',
    };
  }
  const result = yield* call(op.deleteSpace(rec.space));
  if (!result.ok && result.error.code === 404)
    return done('Space already deleted (not found in Chat).', { Space: rec.space });
  if (!result.ok) return refused(result, 'spaces.delete');
  return done('Space deleted, with its messages.', { Space: rec.space });
}

/** Asks before spaces are deleted; trigger runs never delete. */
function confirmDeletes(run: Run, table: Table): boolean {
  const ui = run.env.ui;
  if (!ui) return false;
  const rows = table.rows.filter((r) => isPendingDelete(r));
  const names = rows.map((r) => cellText(r.get('Display name')) || cellText(r.get('Key'))).slice(0, 10);
  return ui.confirm(
    'Delete spaces?',
    `This permanently deletes ${rows.length} space(s) and all their messages and files: ${names.join(', ')}${rows.length > 10 ? ', …' : ''}. Continue?`,
  );
}

function isPendingDelete(r: Row): boolean {
  return cellText(r.get('Action')).toUpperCase() === 'DELETE' && isPending(normaliseStatus(r.get('Status')));
}

function preview(rec: SpaceRecord): string {
  if (rec.action === 'DELETE') return `delete ${rec.space} (asks first).`;
  if (rec.action === 'UPDATE')
    return `update ${rec.space}: ${[...updateMask(rec), ...(rec.history ? ['space_history_state'] : [])].join(', ')}.`;
  if (rec.type === 'SPACE') return `create the space “${short(rec.displayName)}”.`;
  return `set up a ${rec.type} with ${rec.members.join(', ')}.`;
}
