import { isPending, normaliseStatus } from '../contract/statuses';
import { MEMBERS, SPACES } from '../contract/tabs';
import { explain } from '../chat/errors';
import { call, op, type ChatResult } from '../chat/ops';
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
  /** `audiences/…` (ORG is `audiences/default`); blank leaves the space as it is (private when created). */
  audience: string;
  /** Type as the row says it ('' when blank): an UPDATE turns a group chat into a space only when told. */
  typeGiven: (typeof TYPES)[number] | '';
  /** Existing space (UPDATE, DELETE). */
  space: string;
  /** GROUP_CHAT / DIRECT_MESSAGE members, as users/… names. */
  members: string[];
  /** As ADMIN: administrator access (useAdminAccess), on spaces the person running need not be in. */
  admin: boolean;
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
      // Creations have their own quota (fewer than 35 a minute): in waves, a space's members and
      // messages can go while the next spaces are made (Run all).
      parallel: true,
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
  const audience = audienceOf(f);
  const admin = f.choice('As', ['USER', 'ADMIN'] as const, 'USER') === 'ADMIN';
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
    audience,
    typeGiven: cellText(row.get('Type')) ? type : '',
    space,
    members: [],
    admin,
  };
  if (admin) adminLimits(rec, f);
  if (action !== 'DELETE') planSettings(rec, f);
  if (action === 'CREATE') planCreate(rec, f, members);
  else if (!/^spaces\/[A-Za-z0-9_-]+$/.test(space))
    f.errors.push(
      `${action} needs the space: Space is empty — create it first (Action blank) or paste its spaces/… name into Space.`,
    );
  else if (action === 'UPDATE' && !spaceOnly(rec).length && !rec.history)
    f.errors.push(
      'UPDATE changes nothing: fill in Display name, Description, Guidelines, History, Permissions or Audience.',
    );
  if (!f.ok) return { kind: 'invalid', reason: f.reason };
  // Members and Messages rows of this space follow what this row does to it (made, changed, deleted).
  return { kind: 'ready', record: rec, preview: preview(rec), makes: key };
}

/** Audience: blank, ORG (the whole organisation: `audiences/default`) or a target audience `audiences/…`. */
function audienceOf(f: Fields): string {
  const raw = f.text('Audience');
  if (!raw) return '';
  if (raw.toUpperCase() === 'ORG') return ORG_AUDIENCE;
  if (/^audiences\/[A-Za-z0-9_-]+$/.test(raw)) return raw;
  f.errors.push(
    `Audience “${short(raw)}” is neither ORG nor an audiences/… name (leave it blank to keep the space private).`,
  );
  return '';
}

/** The columns only a named space has, that the row fills in. */
function spaceOnly(rec: SpaceRecord): string[] {
  return [
    rec.displayName && 'Display name',
    rec.description && 'Description',
    rec.guidelines && 'Guidelines',
    rec.permissions && 'Permissions',
    rec.audience && 'Audience',
  ].filter((x): x is string => !!x);
}

/** What Chat's administrator access can't do (spaces.patch with useAdminAccess can't patch space_type,
 *  space_history_state or access_settings.audience; spaces are created by their members): refused before
 *  any call, with the reason. */
function adminLimits(rec: SpaceRecord, f: Fields): void {
  if (rec.action === 'CREATE')
    f.errors.push(
      'As ADMIN can’t create spaces (admin access acts on existing ones): leave As blank to create it as you.',
    );
  const cant = [rec.history && 'History', rec.audience && 'Audience'].filter(Boolean);
  if (rec.action === 'UPDATE' && cant.length)
    f.errors.push(
      `As ADMIN can’t change ${cant.join(' or ')} (Chat doesn’t allow it with admin access): clear ${cant.length > 1 ? 'them' : 'it'}, or use As USER as a manager of the space.`,
    );
}

/** What CREATE and UPDATE rows must agree on before any call. */
function planSettings(rec: SpaceRecord, f: Fields): void {
  const others = spaceOnly(rec);
  if (rec.type !== 'SPACE' && others.length)
    f.errors.push(
      rec.action === 'UPDATE' && rec.type === 'GROUP_CHAT'
        ? `${others.join(', ')}: only a SPACE has these; to turn the group chat into a space, set Type to SPACE and give it a Display name.`
        : `${others.join(', ')}: only a SPACE has these; leave them blank for a ${rec.type}.`,
    );
  // Chat's space settings: "If you already allow people outside your organization to join the space, you
  // can't make the space discoverable" (https://support.google.com/chat/answer/13340792).
  if (rec.audience && rec.external === true)
    f.errors.push(
      'Audience: a space that people outside your organisation may join (External users TRUE) can’t be discoverable.',
    );
}

function planCreate(rec: SpaceRecord, f: Fields, members: Table | string): void {
  if (rec.type === 'SPACE') {
    if (!rec.displayName)
      f.errors.push('Display name is empty: a SPACE needs a name (at most 128 characters).');
    return;
  }
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
  // spaces.create takes the audience: "To create a space for a specific target audience, use the create()
  // or setup() method" (https://developers.google.com/workspace/chat/space-target-audience).
  if (rec.audience) body.accessSettings = { audience: rec.audience };
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
  const found = rec.audience ? `, discoverable by ${audienceWords(rec.audience)}` : '';
  return done(
    `${rec.type === 'SPACE' ? `Space “${short(rec.displayName)}”` : rec.type} ready in Chat${found}.`,
    { Space: space.name ?? '', Link: space.spaceUri ?? '' },
  );
}

const ORG_AUDIENCE = 'audiences/default';

/** An audience in Detail's words. */
function audienceWords(audience: string): string {
  return audience === ORG_AUDIENCE ? 'everyone in your organisation' : audience;
}

type PermissionSetting = NonNullable<NonNullable<ChatV1.Space['permissionSettings']>['manageApps']>;

/**
 * The permission settings a script may change, in Chat's words: spaces.patch takes a
 * `permission_settings.<name>` mask for each of them. postMessages is output only — who may post is fixed
 * when the space is created (predefinedPermissionSettings is input only, at creation)
 * (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/patch, updateMask).
 */
const SETTINGS = {
  manageMembersAndGroups: 'manage members',
  modifySpaceDetails: 'edit details',
  toggleHistory: 'turn history on or off',
  useAtMentionAll: 'use @all',
  manageApps: 'manage apps',
  manageWebhooks: 'manage webhooks',
  replyMessages: 'reply',
} as const;
type Setting = keyof typeof SETTINGS;

/**
 * Who may do what in a space made with each preset. A collaboration space is one "where all members can
 * post messages", an announcement space one "where only space managers can post messages"
 * (Space.predefinedPermissionSettings); in an announcement space posting "and other capabilities are
 * limited" to managers, who alone may post, reply, add people and modify the space's settings
 * (https://workspaceupdates.googleblog.com/2023/04/announcements-in-google-chat.html); since August 2023
 * members of a new announcement space may reply (Google's Workspace Updates post of then, as reported at
 * https://chromeunboxed.com/google-chat-announcement-replies). Google publishes no table of each setting
 * per preset: owners (managersAllowed) and managers (assistantManagersAllowed) are taken to keep every
 * permission in both, as the sandbox's emulator has it (sandbox/chat/store.ts, presetPermissions).
 */
function presetSetting(preset: 'COLLABORATION' | 'ANNOUNCEMENT', setting: Setting): PermissionSetting {
  const members = preset === 'COLLABORATION' || setting === 'replyMessages';
  return { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: members };
}

/** Chat leaves out false booleans (proto3 JSON): a missing one is false. */
const sameSetting = (a: PermissionSetting | undefined, b: PermissionSetting): boolean =>
  !!a &&
  !!a.managersAllowed === !!b.managersAllowed &&
  !!a.assistantManagersAllowed === !!b.assistantManagersAllowed &&
  !!a.membersAllowed === !!b.membersAllowed;

/** One spaces.patch: its body, mask, and what it changes in Detail's words. */
interface Patch {
  what: string[];
  body: ChatV1.Space;
  mask: string[];
}

/** Name and details (with `space_type` when a group chat becomes a space: Chat wants display_name with it). */
function namePatch(rec: SpaceRecord, now: ChatV1.Space, upgrade: boolean): Patch | null {
  const details = now.spaceDetails ?? {};
  const p: Patch = { what: [], body: {}, mask: [] };
  if (upgrade) {
    p.body.spaceType = 'SPACE';
    p.mask.push('space_type');
    p.what.push('Type (the group chat is now a space)');
  }
  if (rec.displayName && (upgrade || rec.displayName !== (now.displayName ?? ''))) {
    p.body.displayName = rec.displayName;
    p.mask.push('display_name');
    p.what.push('Display name');
  }
  const description = !!rec.description && rec.description !== (details.description ?? '');
  const guidelines = !!rec.guidelines && rec.guidelines !== (details.guidelines ?? '');
  if (description || guidelines) {
    // space_details replaces both parts: the one the row leaves blank stays as it is in Chat.
    p.body.spaceDetails = {
      description: rec.description || details.description || '',
      guidelines: rec.guidelines || details.guidelines || '',
    };
    p.mask.push('space_details');
    if (description) p.what.push('Description');
    if (guidelines) p.what.push('Guidelines');
  }
  return p.mask.length ? p : null;
}

/** History goes alone ("you must omit all other field masks"). */
function historyPatch(rec: SpaceRecord, now: ChatV1.Space): Patch | null {
  const history = rec.history && (rec.history === 'ON' ? 'HISTORY_ON' : 'HISTORY_OFF');
  if (!history || history === now.spaceHistoryState) return null;
  return { what: ['History'], body: { spaceHistoryState: history }, mask: ['space_history_state'] };
}

/** The audience goes alone too ("omit all other field masks"), and only with user auth. */
function audiencePatch(rec: SpaceRecord, now: ChatV1.Space): Patch | null {
  if (!rec.audience || rec.audience === (now.accessSettings?.audience ?? '')) return null;
  return {
    what: ['Audience'],
    body: { accessSettings: { audience: rec.audience } },
    mask: ['access_settings.audience'],
  };
}

/**
 * The preset's settings that differ from Chat's, in one patch: "you can only specify permissionSettings
 * field masks; you cannot update other field masks at the same time" — several of them together are fine.
 */
function permissionsPatch(rec: SpaceRecord, now: ChatV1.Space): Patch | null {
  const preset = rec.permissions;
  if (!preset) return null;
  const have = now.permissionSettings ?? {};
  const differ = (Object.keys(SETTINGS) as Setting[]).filter(
    (k) => !sameSetting(have[k], presetSetting(preset, k)),
  );
  if (!differ.length) return null;
  return {
    what: [`Permissions (${differ.map((k) => SETTINGS[k]).join(', ')})`],
    body: { permissionSettings: Object.fromEntries(differ.map((k) => [k, presetSetting(preset, k)])) },
    mask: differ.map((k) => `permission_settings.${k}`),
  };
}

/** Who may post is the one part of a preset a script can't change: say so when it differs. */
function postNote(rec: SpaceRecord, now: ChatV1.Space): string {
  const post = now.permissionSettings?.postMessages;
  if (!rec.permissions || !post) return '';
  if (rec.permissions === 'ANNOUNCEMENT' && post.membersAllowed)
    return 'Who may post can’t be changed through Chat’s API: members can still post (only a space created as ANNOUNCEMENT limits posting to managers).';
  if (rec.permissions === 'COLLABORATION' && !post.membersAllowed)
    return 'Who may post can’t be changed through Chat’s API: only managers can still post (the space was created as an announcement space).';
  return '';
}

/**
 * What the row's Type asks of the space Chat has, when it can't be done (null when it can). Chat turns a
 * GROUP_CHAT into a SPACE (space_type with display_name) and nothing else into anything else.
 */
function typeProblem(rec: SpaceRecord, now: ChatV1.Space): string | null {
  const is = now.spaceType;
  const named = spaceOnly(rec);
  const given = rec.typeGiven;
  if (is === 'SPACE')
    return given && given !== 'SPACE'
      ? `Type says ${given}, but Chat has this space as a SPACE, and a space can’t become a ${given}: set Type to SPACE (or leave it blank).`
      : null;
  if (is === 'GROUP_CHAT') {
    if (given === 'DIRECT_MESSAGE')
      return 'Type says DIRECT_MESSAGE, but Chat has this space as a GROUP_CHAT: set Type to GROUP_CHAT (or to SPACE, with a Display name, to turn it into a space).';
    if (given === 'SPACE' && !rec.displayName)
      return 'Chat has this space as a GROUP_CHAT: to turn it into a SPACE, give it a Display name.';
    if (given !== 'SPACE' && named.length)
      return `Chat has this space as a GROUP_CHAT, which has no ${named.join(', ')}: to turn it into a SPACE (it can’t be undone), set Type to SPACE and give it a Display name.`;
    return null;
  }
  if (is === 'DIRECT_MESSAGE') {
    if (given && given !== 'DIRECT_MESSAGE')
      return `Type says ${given}, but Chat has this space as a DIRECT_MESSAGE, which can’t become anything else: set Type to DIRECT_MESSAGE.`;
    if (named.length)
      return `Chat has this space as a DIRECT_MESSAGE, which has no ${named.join(', ')}: leave them blank.`;
  }
  return null;
}

/**
 * UPDATE changes only what differs from the space as Chat has it: an organisation may forbid changing
 * history, so a field already as the row says is never patched. Name and details (and the upgrade of a
 * group chat) go in one patch; history, audience and the permission settings each in a patch of their own,
 * as spaces.patch requires. A refused patch does not stop the others (they are independent), except the
 * upgrade, which the audience and permissions need; Detail then says exactly what changed and what didn't.
 */
function* update(rec: SpaceRecord): Task {
  const got = yield* call(op.getSpace(rec.space, rec.admin));
  if (!got.ok) return refused(got, 'spaces.get', rec.admin);
  let now = got.body;
  const wrong = typeProblem(rec, now);
  // INVALID rather than ERROR: Chat refused nothing (no write was tried); the row asks what can't be done,
  // Detail says what to fix, and the row is taken again once it is. Only Chat knows the space's type, so
  // this is found here and not by checkRows.
  if (wrong) return { status: 'INVALID', detail: wrong, outputs: { Space: rec.space } };
  const upgrade = now.spaceType === 'GROUP_CHAT' && rec.typeGiven === 'SPACE';
  if (upgrade && rec.admin)
    return {
      status: 'INVALID',
      detail:
        'As ADMIN can’t turn a group chat into a space (Chat doesn’t allow it with admin access): use As USER as a member of the group chat.',
      outputs: { Space: rec.space },
    };
  const changed: string[] = [];
  const failed: { what: string[]; result: Extract<ChatResult, { ok: false }> }[] = [];
  const first = namePatch(rec, now, upgrade);
  if (first) {
    const patched = yield* call(op.patchSpace(rec.space, first.body, first.mask.join(','), rec.admin));
    if (!patched.ok && upgrade) return refused(patched, 'spaces.patch');
    if (!patched.ok) failed.push({ what: first.what, result: patched });
    else {
      changed.push(...first.what);
      // A space made from a group chat has permission settings of its own now.
      if (upgrade) now = { ...now, ...patched.body };
    }
  }
  for (const p of [historyPatch(rec, now), audiencePatch(rec, now), permissionsPatch(rec, now)]) {
    if (!p) continue;
    const patched = yield* call(op.patchSpace(rec.space, p.body, p.mask.join(','), rec.admin));
    if (patched.ok) changed.push(...p.what);
    else failed.push({ what: p.what, result: patched });
  }
  const post = postNote(rec, now);
  const notes = [post, rec.external !== null && '(External users are fixed at creation: not changed.)']
    .filter(Boolean)
    .join(' ');
  const tail = notes ? ` ${notes}` : '';
  if (failed.length) {
    const parts = changed.length ? [`Changed ${changed.join(', ')}`] : [];
    for (const f of failed)
      parts.push(`${f.what.join(', ')} not changed: ${explain(f.result.error, 'spaces.patch')}`);
    return {
      ...refused(failed[0].result, 'spaces.patch', rec.admin),
      detail: `${parts.join('; ')}${tail}`,
      outputs: { Space: rec.space },
    };
  }
  const what = changed.length
    ? `Changed ${changed.join(', ')}.`
    : post
      ? 'Nothing else to change: the rest is already as the row says.'
      : 'Nothing to change: the space is already as the row says.';
  return done(`${what}${tail}`, { Space: rec.space });
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
  const result = yield* call(op.deleteSpace(rec.space, rec.admin));
  if (!result.ok && result.error.code === 404)
    return done('Space already deleted (not found in Chat).', { Space: rec.space });
  if (!result.ok) return refused(result, 'spaces.delete', rec.admin);
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
  const as = rec.admin ? ' with your admin access' : '';
  if (rec.action === 'DELETE') return `delete ${rec.space}${as} (asks first).`;
  if (rec.action === 'UPDATE') {
    const parts = [
      rec.displayName &&
        (rec.typeGiven === 'SPACE'
          ? 'Display name (a group chat becomes a SPACE: Type SPACE)'
          : 'Display name'),
      rec.description && 'Description',
      rec.guidelines && 'Guidelines',
      rec.history && `History ${rec.history} (on its own)`,
      rec.audience && `Audience: ${audienceWords(rec.audience)} (on its own)`,
      rec.permissions &&
        `Permissions: the ${rec.permissions} settings a script may change (together; who may post can’t be changed)`,
    ].filter(Boolean);
    return `update ${rec.space}${as} where it differs from Chat: ${parts.join(', ')}.`;
  }
  const found = rec.audience ? `, discoverable by ${audienceWords(rec.audience)}` : '';
  if (rec.type === 'SPACE') return `create the space “${short(rec.displayName)}”${found}.`;
  return `set up a ${rec.type} with ${rec.members.join(', ')}.`;
}
