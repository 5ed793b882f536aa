// spaces.create / setup / get / list / patch / delete / findDirectMessage.
import { reachSpace } from './admin';
import type { Ctx, Json, Params } from './context';
import { list, maskOf, obj, page, str } from './context';
import type { HistoryState, PermissionPreset, Role, SpaceType } from './enums';
import { USER_AUTH_ONLY_MESSAGE, denied, exists, invalid, notFound } from './errors';
import type { MemberRec, Principal, SpaceRec } from './state';
import { GROUP_EMAIL_MESSAGE, Store, presetPermissions } from './store';

export const MAX_DISPLAY_NAME = 128;
export const MAX_DESCRIPTION = 150;
export const MAX_GUIDELINES = 5000;
export const MAX_SETUP_MEMBERS = 49;

const DUPLICATE_NAME =
  'A space with this display name already exists. Try a different displayName: an existing space in the ' +
  'Google Workspace organization might already use this display name.';

function checkDisplayName(ctx: Ctx, name: string | undefined, except?: string): string {
  const n = name?.trim() ?? '';
  if (!n) throw invalid('Space display name is required for spaces of type SPACE.');
  if ([...n].length > MAX_DISPLAY_NAME)
    throw invalid(`Space display name must be at most ${MAX_DISPLAY_NAME} characters.`);
  // Google compares names within the organization; the emulator compares them case-insensitively.
  const taken = ctx.store.state.spaces.some(
    (s) => s.id !== except && s.displayName?.trim().toLowerCase() === n.toLowerCase(),
  );
  if (taken) throw exists(DUPLICATE_NAME);
  return name as string;
}

function checkDetails(details: Json): { description?: string; guidelines?: string } {
  const description = str(details.description);
  const guidelines = str(details.guidelines);
  if (description !== undefined && [...description].length > MAX_DESCRIPTION)
    throw invalid(`Space description must be at most ${MAX_DESCRIPTION} characters.`);
  if (guidelines !== undefined && [...guidelines].length > MAX_GUIDELINES)
    throw invalid(`Space guidelines must be at most ${MAX_GUIDELINES} characters.`);
  return { description, guidelines };
}

function history(v: unknown): HistoryState {
  return v === 'HISTORY_OFF' ? 'HISTORY_OFF' : 'HISTORY_ON';
}

function newSpace(ctx: Ctx, type: SpaceType, body: Json): SpaceRec {
  const audience = audienceOf(ctx, body, type === 'SPACE');
  const preset: PermissionPreset =
    body.predefinedPermissionSettings === 'ANNOUNCEMENT_SPACE' ? 'ANNOUNCEMENT_SPACE' : 'COLLABORATION_SPACE';
  const details = checkDetails(obj(body.spaceDetails));
  return {
    id: ctx.store.ids.space(),
    spaceType: type,
    ...(type === 'SPACE' ? { displayName: str(body.displayName) } : {}),
    ...(details.description !== undefined ? { description: details.description } : {}),
    ...(details.guidelines !== undefined ? { guidelines: details.guidelines } : {}),
    externalUserAllowed: body.externalUserAllowed === true,
    historyState: history(body.spaceHistoryState),
    preset,
    permissionSettings: presetPermissions(preset),
    ...(audience ? { audience } : {}),
    singleUserBotDm: body.singleUserBotDm === true,
    createTime: ctx.now,
  };
}

function addMember(
  ctx: Ctx,
  space: SpaceRec,
  p: Principal | { kind: 'group'; id: string },
  role: Role,
): MemberRec {
  let state: MemberRec['state'] = 'JOINED';
  if (p.kind === 'user') {
    const user = ctx.store.state.users.find((u) => u.id === p.id);
    // Same-domain people are added straight in; people from outside the organization are invited and stay
    // INVITED until they accept (the emulator never accepts for them).
    if (user?.external) {
      if (space.spaceType === 'SPACE' && !space.externalUserAllowed)
        throw invalid(
          "This space doesn't allow users outside the organization (externalUserAllowed is false).",
        );
      state = 'INVITED';
    }
  }
  const m: MemberRec = {
    space: space.id,
    kind: p.kind === 'webhook' ? 'user' : p.kind,
    id: p.kind === 'app' ? 'app' : p.id,
    role,
    state,
    createTime: ctx.now,
  };
  ctx.store.state.members.push(m);
  return m;
}

export { addMember };

/** requestId ledger: a replay by the same caller returns what the first call made. Another caller reusing
 *  the id is refused (Google: "returns an error"; the emulator answers 400). */
function replay(ctx: Ctx, scope: string, requestId: string | undefined): SpaceRec | undefined {
  if (!requestId) return undefined;
  const rec = ctx.store.state.ledger[`${scope}|${requestId}`];
  if (!rec) return undefined;
  if (rec.caller !== Store.keyOf(ctx.who))
    throw invalid(`Request ID ${requestId} was already used by a different caller.`);
  // The space may have been deleted since: then the id makes a new one.
  return ctx.store.state.spaces.find((s) => `spaces/${s.id}` === rec.resource);
}

function remember(ctx: Ctx, scope: string, requestId: string | undefined, space: SpaceRec): void {
  if (requestId)
    ctx.store.state.ledger[`${scope}|${requestId}`] = {
      caller: Store.keyOf(ctx.who),
      resource: `spaces/${space.id}`,
    };
}

/** `space.customer`: "Required only when creating a space with app authentication and SpaceType is SPACE,
 *  otherwise should not be set. In the format customers/{customer}" — and spaces.create: "When
 *  authenticating as an app, the space.customer field must be set in the request."
 *  (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces#Space.FIELDS.customer,
 *  https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/create) */
function checkCustomer(ctx: Ctx, space: Json): void {
  const customer = space.customer;
  if (ctx.who.kind === 'app') {
    if (customer === undefined || customer === null || customer === '')
      throw invalid('space.customer is required when a Chat app creates a space with app authentication.');
    if (typeof customer !== 'string' || !/^customers\/[^/\s]+$/.test(customer))
      throw invalid(
        `Invalid space.customer: ${JSON.stringify(customer)}. Expected customers/{customer} (or customers/my_customer).`,
      );
  } else if (customer !== undefined && customer !== null)
    throw invalid('space.customer is only set when creating a space with app authentication.');
}

export function createSpace(ctx: Ctx, p: Params, body: Json): Json {
  const requestId = str(p.requestId);
  const again = replay(ctx, 'spaces.create', requestId);
  if (again) return ctx.store.spaceJson(again);
  const type = str(body.spaceType);
  if (!type || type === 'SPACE_TYPE_UNSPECIFIED') throw invalid('Space type is required.');
  if (type !== 'SPACE')
    throw invalid(
      'Only spaces of type SPACE can be created with spaces.create; use spaces.setup for other types.',
    );
  checkCustomer(ctx, body);
  checkDisplayName(ctx, str(body.displayName));
  const space = newSpace(ctx, 'SPACE', body);
  ctx.write('space', undefined, true);
  ctx.store.state.spaces.push(space);
  addMember(ctx, space, ctx.who, ctx.who.kind === 'user' ? 'ROLE_MANAGER' : 'ROLE_MEMBER');
  remember(ctx, 'spaces.create', requestId, space);
  return ctx.store.spaceJson(space);
}

type Invitee = Principal | { kind: 'group'; id: string };

const HUMANS_ONLY =
  'Only human users (member.type HUMAN) and Google groups can be added when setting up a space; a Chat app ' +
  'joins only the direct message it sets up with the caller (singleUserBotDm).';

function inviteeOf(ctx: Ctx, m: Json): Invitee {
  const role = str(m.role);
  if (role && role !== 'ROLE_MEMBER' && role !== 'MEMBERSHIP_ROLE_UNSPECIFIED')
    throw invalid(
      'Memberships are created with role ROLE_MEMBER; change roles with members.patch (updateMask=role).',
    );
  const group = str(obj(m.groupMember).name);
  const user = str(obj(m.member).name);
  if (group !== undefined && user !== undefined)
    throw invalid('A membership names either a member or a groupMember.');
  if (group !== undefined) {
    const gm = /^groups\/(.+)$/.exec(group);
    if (!gm) throw invalid(`Invalid group resource name: "${group}". Expected groups/{group}.`);
    if (gm[1].includes('@')) throw invalid(GROUP_EMAIL_MESSAGE);
    if (!ctx.store.state.groups.some((g) => g.id === gm[1])) throw notFound(`Group not found: ${group}`);
    return { kind: 'group', id: gm[1] };
  }
  if (user === undefined)
    throw invalid('Membership must name a member (member.name) or a group (groupMember.name).');
  // SetUpSpaceRequest.memberships: "You can only add human users when setting up a space (adding Chat apps
  // is only supported for direct message setup with the calling app)."
  // (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/setup)
  if (str(obj(m.member).type) === 'BOT') throw invalid(HUMANS_ONLY);
  const who = ctx.store.resolveUser(user);
  if (who.kind !== 'user') throw invalid(HUMANS_ONLY);
  return who;
}

export function setupSpace(ctx: Ctx, _p: Params, body: Json): Json {
  if (ctx.caller.kind !== 'user') throw denied(USER_AUTH_ONLY_MESSAGE);
  const requestId = str(body.requestId);
  const again = replay(ctx, 'spaces.setup', requestId);
  if (again) return ctx.store.spaceJson(again);
  const sp = obj(body.space);
  const type = str(sp.spaceType);
  if (!type || type === 'SPACE_TYPE_UNSPECIFIED') throw invalid('Space type is required.');
  checkCustomer(ctx, sp);
  const wanted = list(body.memberships).map((m) => inviteeOf(ctx, obj(m)));
  // The caller is added automatically; listing them too is harmless.
  const others = wanted.filter(
    (w, i) =>
      !(w.kind === 'user' && ctx.who.kind === 'user' && w.id === ctx.who.id) &&
      wanted.findIndex(
        (x) => x.kind === w.kind && Store.keyOf(x as Principal) === Store.keyOf(w as Principal),
      ) === i,
  );
  if (others.length > MAX_SETUP_MEMBERS)
    throw invalid(`A space can be set up with at most ${MAX_SETUP_MEMBERS} memberships besides the caller.`);
  if (type === 'SPACE') checkDisplayName(ctx, str(sp.displayName));
  else {
    if (str(sp.displayName)) throw invalid(`Don't set displayName for spaces of type ${type}.`);
    if (others.some((o) => o.kind === 'group'))
      throw invalid('Groups can only be added to spaces of type SPACE.');
  }
  if (type === 'GROUP_CHAT' && others.length < 2)
    throw invalid('A group chat needs at least 2 other members; use DIRECT_MESSAGE for one.');
  if (type === 'DIRECT_MESSAGE') {
    const botDm = sp.singleUserBotDm === true;
    if (botDm ? others.length !== 0 : others.length !== 1 || others[0].kind !== 'user')
      throw invalid(
        botDm
          ? 'A direct message with the Chat app takes no memberships.'
          : 'A direct message needs exactly one other human member.',
      );
    const other: Principal = botDm ? { kind: 'app' } : (others[0] as Principal);
    const existing = findDm(ctx, ctx.who, other);
    if (existing) {
      remember(ctx, 'spaces.setup', requestId, existing);
      return ctx.store.spaceJson(existing);
    }
  }
  const space = newSpace(ctx, type as SpaceType, sp);
  if (type !== 'SPACE') space.externalUserAllowed = true; // DMs and group chats take anyone the caller can chat with
  if (type === 'DIRECT_MESSAGE' && space.singleUserBotDm) others.push({ kind: 'app' });
  // "For a named space or group chat, if the caller blocks, or is blocked by some members, or doesn't have
  // permission to add some members, then those members aren't added to the created space."
  // (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/setup) People outside the
  // organization can't be added to a space that doesn't allow them: the space is made without them.
  const added = others.filter(
    (o) =>
      !(
        o.kind === 'user' &&
        type === 'SPACE' &&
        !space.externalUserAllowed &&
        ctx.store.state.users.find((x) => x.id === o.id)?.external
      ),
  );
  ctx.write('space', undefined, true);
  ctx.store.state.spaces.push(space);
  addMember(ctx, space, ctx.who, type === 'SPACE' ? 'ROLE_MANAGER' : 'ROLE_MEMBER');
  for (const o of added) addMember(ctx, space, o, 'ROLE_MEMBER');
  remember(ctx, 'spaces.setup', requestId, space);
  return ctx.store.spaceJson(space);
}

function findDm(ctx: Ctx, a: Principal, b: Principal): SpaceRec | undefined {
  return ctx.store.state.spaces.find((s) => {
    if (s.spaceType !== 'DIRECT_MESSAGE') return false;
    const ms = ctx.store.membersIn(s.id);
    return ms.length === 2 && !!ctx.store.memberOf(s.id, a) && !!ctx.store.memberOf(s.id, b);
  });
}

export function getSpace(ctx: Ctx, p: Params): Json {
  const space = reachSpace(ctx, ctx.store.spaceIdOf(p.name));
  ctx.read('space', space.id);
  return ctx.store.spaceJson(space);
}

const LISTED_TYPES = ['SPACE', 'GROUP_CHAT', 'DIRECT_MESSAGE'];

/**
 * spaces.list's `filter` (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/list):
 * "You can filter spaces by the space type (space_type). To filter by space type, you must specify valid enum
 * value, such as SPACE or GROUP_CHAT (the space_type can't be SPACE_TYPE_UNSPECIFIED). To query for multiple
 * space types, use the OR operator." Its examples spell the field `space_type` and `spaceType` and quote the
 * value. Anything else (another field or operator, AND, an unknown or unspecified type) is refused with
 * INVALID_ARGUMENT, as the page says the server does; a bare enum value is accepted as AIP-160 filters allow.
 */
function spaceTypeFilter(filter: string | undefined): string[] | undefined {
  const text = filter?.trim();
  if (!text) return undefined;
  const types = text.split(/\s+OR\s+/).map((clause) => {
    const m = /^(?:space_type|spaceType)\s*=\s*("?)([A-Z_]+)\1$/.exec(clause.trim());
    if (!m || !LISTED_TYPES.includes(m[2])) throw invalid(`Invalid filter: ${filter}`);
    return m[2];
  });
  return types;
}

/**
 * spaces.list (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/list): "Lists
 * spaces the caller is a member of. Group chats and DMs aren't listed until the first message is sent." —
 * for a person or the app alike (a membership still INVITED is not one). pageSize: default 100, at most 1000.
 */
export function listSpaces(ctx: Ctx, p: Params): Json {
  const types = spaceTypeFilter(str(p.filter));
  const mine = ctx.store.state.spaces.filter(
    (s) =>
      (!types || types.includes(s.spaceType)) &&
      (s.spaceType === 'SPACE' || s.lastActiveTime !== undefined) &&
      ctx.store.memberOf(s.id, ctx.who)?.state === 'JOINED',
  );
  const { items, next } = page(mine, p, 100, 1000);
  ctx.read('space');
  return {
    ...(items.length ? { spaces: items.map((s) => ctx.store.spaceJson(s)) } : {}),
    ...(next ? { nextPageToken: next } : {}),
  };
}

/**
 * spaces.patch's `updateMask`, as the reference lists what may be updated
 * (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/patch#query-parameters):
 * - `space_details`: "You must pass both description and guidelines in the update request as SpaceDetails. If
 *   you only want to update one of the fields, pass the existing value for the other field" — the whole of
 *   it is replaced (a part left out is cleared); `space_details.description` and the like are not paths it
 *   takes;
 * - `display_name`: "Only supports updating the display name for spaces where spaceType field is SPACE";
 * - `space_type`: "Only supports changing a GROUP_CHAT space type to SPACE. Include display_name together with
 *   space_type in the update mask and ensure that the specified space has a non-empty display name and the
 *   SPACE space type. Including the space_type mask and the SPACE type in the specified space when updating the
 *   display name is optional if the existing space already has the SPACE type. Trying to update the space type
 *   in other ways results in an invalid argument error";
 * - `space_history_state`: "To update the space history state, you must omit all other field masks";
 * - `access_settings.audience`: "in named space where spaceType field is SPACE … If the existing space has a
 *   target audience, you can remove the audience and restrict space access by omitting a value for this field
 *   mask. To update access settings for a space, the authenticating user must be a space manager and omit all
 *   other field masks"; and (the method's description) "Updating the space.access_settings.audience is not
 *   supported for app authentication";
 * - `permission_settings`: "When updating permission settings, you can only specify permissionSettings field
 *   masks; you cannot update other field masks at the same time. The supported field masks include:
 *   permission_settings.manageMembersAndGroups, …modifySpaceDetails, …toggleHistory, …useAtMentionAll,
 *   …manageApps, …manageWebhooks, …replyMessages" — several of them may go together; not `postMessages`,
 *   which the PermissionSettings schema marks "Output only" (so an existing space can't be turned into an
 *   announcement space through the API), nor `permission_settings` as a whole.
 * - `external_user_allowed` is "Immutable … For existing spaces, this field is output only" (Space).
 * Masks are read in snake_case or camelCase (maskOf). Every refusal is 400 INVALID_ARGUMENT; the permission
 * checks (who may change what) are 403.
 */
const PATCHABLE = [
  'space_type',
  'display_name',
  'space_details',
  'space_history_state',
  'access_settings.audience',
];

/** `permission_settings.<mask>` → the PermissionSettings field it updates. */
export const PERMISSION_MASKS: Record<string, string> = {
  manage_members_and_groups: 'manageMembersAndGroups',
  modify_space_details: 'modifySpaceDetails',
  toggle_history: 'toggleHistory',
  use_at_mention_all: 'useAtMentionAll',
  manage_apps: 'manageApps',
  manage_webhooks: 'manageWebhooks',
  reply_messages: 'replyMessages',
};

const PERMISSION_MASK_LIST = Object.values(PERMISSION_MASKS)
  .map((k) => `permission_settings.${k}`)
  .join(', ');

/** Fields that must be the only one in the update_mask. */
const ALONE = ['space_history_state', 'access_settings.audience'];

/** spaces.patch's `updateMask`: "`space_type` is not supported with `useAdminAccess`", nor
 *  `space_history_state`, nor `access_settings.audience` (the same page). */
export const NOT_WITH_ADMIN_ACCESS = ['space_type', 'space_history_state', 'access_settings.audience'];

/** Checks the update_mask's paths, alone and together; returns them without repeats. */
function checkMask(ctx: Ctx, raw: string[]): string[] {
  const mask = [...new Set(raw)];
  for (const f of mask) {
    if (f === 'external_user_allowed')
      throw invalid('external_user_allowed is immutable: it is set when the space is created.');
    if (f === 'permission_settings')
      throw invalid(`Name each permission setting to update: ${PERMISSION_MASK_LIST}.`);
    if (f === 'permission_settings.post_messages')
      throw invalid(
        "permission_settings.postMessages can't be updated: it is output only (a space becomes an announcement " +
          'space only when it is created with predefinedPermissionSettings ANNOUNCEMENT_SPACE).',
      );
    if (f.startsWith('permission_settings.')) {
      if (!(f.slice('permission_settings.'.length) in PERMISSION_MASKS))
        throw invalid(`Invalid update_mask path: ${f}. Permission settings: ${PERMISSION_MASK_LIST}.`);
      continue;
    }
    if (f.startsWith('space_details.'))
      throw invalid(
        'space_details is updated as a whole: use the update_mask space_details and pass both description and ' +
          'guidelines (the existing value of the one that stays).',
      );
    if (!PATCHABLE.includes(f)) throw invalid(`Invalid update_mask path: ${f}.`);
  }
  const refused = ctx.admin ? mask.find((f) => NOT_WITH_ADMIN_ACCESS.includes(f)) : undefined;
  if (refused) throw invalid(`${refused} can't be updated with administrator access (useAdminAccess).`);
  for (const f of ALONE)
    if (mask.includes(f) && mask.length > 1) throw invalid(`${f} must be the only field in the update_mask.`);
  const perms = mask.filter((f) => f.startsWith('permission_settings.'));
  if (perms.length && perms.length < mask.length)
    throw invalid(
      'Permission settings are updated on their own: the update_mask may name only permission_settings fields.',
    );
  return mask;
}

const AUDIENCE = /^audiences\/[^/\s]+$/;

/** `accessSettings.audience` of a request (a new space, or a patch): undefined when none (or empty:
 *  private), else checked. */
function audienceOf(ctx: Ctx, body: Json, named: boolean): string | undefined {
  const audience = str(obj(body.accessSettings).audience);
  if (!audience) return undefined;
  if (!named)
    throw invalid(
      "Only named spaces (spaceType SPACE) can be made discoverable; direct messages and group chats can't.",
    );
  // AccessSettings.audience: "Setting the target audience requires user authentication."
  if (ctx.who.kind !== 'user')
    throw denied("Setting a space's target audience (accessSettings.audience) requires user authentication.");
  if (!AUDIENCE.test(audience))
    throw invalid(
      `Invalid audience: ${JSON.stringify(audience)}. Expected audiences/{audience}, such as audiences/default.`,
    );
  return audience;
}

export function patchSpace(ctx: Ctx, p: Params, body: Json): Json {
  const space = reachSpace(ctx, ctx.store.spaceIdOf(p.name));
  const mask = checkMask(ctx, maskOf(p));
  const next: Partial<SpaceRec> = {};
  if (mask.includes('space_type')) {
    if (!mask.includes('display_name'))
      throw invalid("Changing a space's type needs display_name in the update_mask too.");
    if (body.spaceType !== 'SPACE' || space.spaceType === 'DIRECT_MESSAGE')
      throw invalid('space_type can only be changed from GROUP_CHAT to SPACE.');
    // SPACE to SPACE, with the display name: allowed, and nothing to change.
    if (space.spaceType === 'GROUP_CHAT') next.spaceType = 'SPACE';
  }
  const named = (next.spaceType ?? space.spaceType) === 'SPACE';
  if (mask.includes('display_name')) {
    if (!named) throw invalid('Only spaces of type SPACE have a display name.');
    next.displayName = checkDisplayName(ctx, str(body.displayName), space.id);
  }
  if (mask.includes('space_details')) {
    const d = checkDetails(obj(body.spaceDetails));
    next.description = d.description;
    next.guidelines = d.guidelines;
  }
  if (mask.includes('space_history_state')) next.historyState = history(body.spaceHistoryState);
  let audience: string | undefined;
  if (mask.includes('access_settings.audience')) {
    if (!named)
      throw invalid(
        "Only named spaces (spaceType SPACE) can be made discoverable; direct messages and group chats can't.",
      );
    if (ctx.who.kind !== 'user')
      throw denied("Updating access_settings.audience isn't supported with app authentication.");
    audience = audienceOf(ctx, body, true);
  }
  const perms = mask.filter((f) => f.startsWith('permission_settings.'));
  // Who may: details, name and history follow the space's own settings; permission settings and the
  // audience are its managers' (ROLE_MANAGER); administrators may change what its managers may.
  const manager = ctx.who.kind === 'user' && ctx.store.memberOf(space.id, ctx.who)?.role === 'ROLE_MANAGER';
  if (!ctx.admin) {
    if (
      (mask.includes('display_name') || mask.includes('space_details')) &&
      !ctx.store.allowed(space, ctx.who, 'modifySpaceDetails')
    )
      throw denied();
    if (next.historyState && !ctx.store.allowed(space, ctx.who, 'toggleHistory')) throw denied();
    if (mask.includes('access_settings.audience') && !manager) throw denied();
  }
  if (perms.length) {
    if (!named) throw invalid('Permission settings apply to spaces of type SPACE only.');
    if (!ctx.admin && ctx.who.kind === 'user' && !manager) throw denied();
  }
  ctx.write('space', space.id);
  Object.assign(space, next);
  if (mask.includes('access_settings.audience')) {
    if (audience) space.audience = audience;
    else delete space.audience;
  }
  if (next.spaceType === 'SPACE') {
    space.permissionSettings = presetPermissions(space.preset);
    // A named space has a manager. The reference doesn't say who becomes one when a group chat turns into a
    // space: the emulator makes the person who changed it the space's manager.
    const members = ctx.store.membersIn(space.id);
    if (!members.some((m) => m.role === 'ROLE_MANAGER')) {
      const mine = ctx.who.kind === 'user' ? ctx.store.memberOf(space.id, ctx.who) : undefined;
      if (mine) mine.role = 'ROLE_MANAGER';
    }
  }
  const given = obj(body.permissionSettings);
  for (const f of perms) {
    const k = PERMISSION_MASKS[f.slice('permission_settings.'.length)];
    const v = obj(given[k]);
    const cur = space.permissionSettings[k] ?? {
      managersAllowed: true,
      assistantManagersAllowed: false,
      membersAllowed: false,
    };
    space.permissionSettings[k] = {
      managersAllowed: true, // owners can always do everything
      assistantManagersAllowed:
        typeof v.assistantManagersAllowed === 'boolean'
          ? v.assistantManagersAllowed
          : cur.assistantManagersAllowed,
      membersAllowed: typeof v.membersAllowed === 'boolean' ? v.membersAllowed : cur.membersAllowed,
    };
  }
  return ctx.store.spaceJson(space);
}

export function deleteSpace(ctx: Ctx, p: Params): Json {
  const space = reachSpace(ctx, ctx.store.spaceIdOf(p.name));
  if (
    !ctx.admin &&
    ctx.who.kind === 'user' &&
    space.spaceType === 'SPACE' &&
    ctx.store.memberOf(space.id, ctx.who)?.role !== 'ROLE_MANAGER'
  )
    throw denied();
  ctx.write('space', space.id);
  ctx.store.deleteSpace(space.id);
  return {};
}

export function findDirectMessage(ctx: Ctx, p: Params): Json {
  const name = str(p.name);
  if (!name) throw invalid('name is required: users/{user}.');
  const other = ctx.store.resolveUser(name);
  const dm = findDm(ctx, ctx.who, other);
  if (!dm) throw notFound();
  ctx.read('space');
  return ctx.store.spaceJson(dm);
}
