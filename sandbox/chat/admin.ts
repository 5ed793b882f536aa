// Administrator access: `useAdminAccess=true` — a Google Workspace administrator acting on spaces of the
// organization they may not be a member of.
//
// - Which methods take it (https://developers.google.com/workspace/chat/admin-overview): spaces.get, patch,
//   delete, search, and spaces.members.create, get, list, patch, delete. Other methods (messages of any kind,
//   spaces.list, setup, create…) don't have the parameter: it is refused as an unknown query parameter (400),
//   by the parameter check every call goes through (validate.ts), as the discovery document has it.
// - Who may use it: each method's `useAdminAccess` (e.g.
//   https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/get#query-parameters): "The
//   calling user must be a Google Workspace administrator with the manage chat and spaces conversations
//   privilege" (https://support.google.com/a/answer/13369245: "Super administrators have these privileges by
//   default. Admins can grant these privileges to a user with admin roles") — the emulator's per-user
//   `admin` flag. "User authentication grants administrator privileges when an administrator account
//   authenticates, use_admin_access is true, and the following authorization scope is used" (each method's
//   description): so a token without one of the method's `chat.admin.*` scopes is refused before anything
//   else — Google checks a token's scopes at its front end — with 403 "Request had insufficient
//   authentication scopes.", the app's tokens included (an app never holds them). A user token whose scopes
//   are not known (see TokenRec) passes that check. Then a person without the privilege gets Chat's 403
//   PERMISSION_DENIED, "The caller does not have permission" (no more specific wording is documented).
// - What it reaches: "As a Google Workspace administrator, you can only use the Chat API to manage named
//   spaces, which are defined as a SpaceType of SPACE … You can't use the Chat API to manage direct messages
//   (DMs) or group chats." (https://developers.google.com/workspace/chat/search-manage-admin). The page gives
//   no error for trying: the emulator answers 400 INVALID_ARGUMENT saying so.
import { ChatError, insufficientScopes, invalid } from './errors';
import type { Caller } from './auth';
import type { Ctx } from './context';
import type { SpaceRec } from './state';
import type { Store } from './store';

const SCOPE = 'https://www.googleapis.com/auth/';
export const ADMIN_SPACES_SCOPE = `${SCOPE}chat.admin.spaces`;
export const ADMIN_SPACES_READONLY_SCOPE = `${SCOPE}chat.admin.spaces.readonly`;
export const ADMIN_MEMBERSHIPS_SCOPE = `${SCOPE}chat.admin.memberships`;
export const ADMIN_MEMBERSHIPS_READONLY_SCOPE = `${SCOPE}chat.admin.memberships.readonly`;
export const ADMIN_DELETE_SCOPE = `${SCOPE}chat.admin.delete`;

/** The scopes that grant administrator access, per method, as each method's `useAdminAccess` names them;
 *  and the RPC name Google's scope errors quote. */
export const ADMIN_METHODS: Record<string, { scopes: string[]; rpc: string }> = {
  'chat.spaces.get': { scopes: [ADMIN_SPACES_SCOPE, ADMIN_SPACES_READONLY_SCOPE], rpc: 'GetSpace' },
  'chat.spaces.patch': { scopes: [ADMIN_SPACES_SCOPE], rpc: 'UpdateSpace' },
  'chat.spaces.delete': { scopes: [ADMIN_DELETE_SCOPE], rpc: 'DeleteSpace' },
  'chat.spaces.search': { scopes: [ADMIN_SPACES_SCOPE, ADMIN_SPACES_READONLY_SCOPE], rpc: 'SearchSpaces' },
  'chat.spaces.members.create': { scopes: [ADMIN_MEMBERSHIPS_SCOPE], rpc: 'CreateMembership' },
  'chat.spaces.members.get': {
    scopes: [ADMIN_MEMBERSHIPS_SCOPE, ADMIN_MEMBERSHIPS_READONLY_SCOPE],
    rpc: 'GetMembership',
  },
  'chat.spaces.members.list': {
    scopes: [ADMIN_MEMBERSHIPS_SCOPE, ADMIN_MEMBERSHIPS_READONLY_SCOPE],
    rpc: 'ListMemberships',
  },
  'chat.spaces.members.patch': { scopes: [ADMIN_MEMBERSHIPS_SCOPE], rpc: 'UpdateMembership' },
  'chat.spaces.members.delete': { scopes: [ADMIN_MEMBERSHIPS_SCOPE], rpc: 'DeleteMembership' },
};

/** Every scope an administrator's script needs for all of the methods above. */
export const ADMIN_SCOPES = [ADMIN_SPACES_SCOPE, ADMIN_MEMBERSHIPS_SCOPE, ADMIN_DELETE_SCOPE] as const;

/**
 * Whether this call runs with administrator access: `useAdminAccess` is true (checked parameters), the
 * token holds one of the method's admin scopes, and the caller is a person with the privilege. Refuses the
 * call (403) when it asks for admin access it can't have; false when it doesn't ask.
 */
export function adminAccess(
  store: Store,
  method: string,
  params: Record<string, unknown>,
  caller: Caller,
): boolean {
  if (params.useAdminAccess !== true) return false;
  const m = ADMIN_METHODS[method];
  if (!m) return false; // methods without the parameter never get here: validate.ts refused it
  const held = caller.kind === 'webhook' ? [] : caller.scopes;
  if (held !== undefined && !m.scopes.some((s) => held.includes(s))) throw insufficientScopes(m.rpc);
  if (caller.kind !== 'user' || store.userByEmail(caller.email)?.admin !== true) throw new ChatError(403);
  return true;
}

export const NAMED_SPACES_ONLY =
  'Administrator access (useAdminAccess) manages named spaces (spaceType SPACE) only; direct messages and ' +
  "group chats can't be managed with it.";

/** The space an administrator asks for: any named space of the organization, member or not. */
export function adminSpace(store: Store, id: string): SpaceRec {
  const space = store.space(id);
  if (space.spaceType !== 'SPACE') throw invalid(NAMED_SPACES_ONLY);
  return space;
}

/** The space a call names, as the caller reaches it: with administrator access any named space; without, a
 *  space they are a member of (Store.visibleSpace). */
export function reachSpace(ctx: Ctx, id: string): SpaceRec {
  return ctx.admin ? adminSpace(ctx.store, id) : ctx.store.visibleSpace(id, ctx.who);
}
