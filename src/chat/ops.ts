// Chat operations as plain data. Planners build them with the typed constructors below (so bodies are
// checked against @googleapis/chat's schema at compile time); transports carry them out. Each operation
// also carries the type of Chat's answer, so a task that runs it with `yield* call(...)` gets a typed
// result instead of casting a body. An upload's file is the one thing not plain data: it rides along as
// the Blob Apps Script holds, read just before the upload (tabs/messages.ts).
import type { FileContent } from '../platform/ports';

export type Auth = 'user' | 'app';

export type ChatMethod =
  | 'spaces.create'
  | 'spaces.setup'
  | 'spaces.get'
  | 'spaces.list'
  | 'spaces.search'
  | 'spaces.patch'
  | 'spaces.delete'
  | 'spaces.members.create'
  | 'spaces.members.get'
  | 'spaces.members.list'
  | 'spaces.members.patch'
  | 'spaces.members.delete'
  | 'spaces.messages.create'
  | 'spaces.messages.get'
  | 'spaces.messages.list'
  | 'spaces.messages.patch'
  | 'spaces.messages.delete'
  | 'media.upload'
  | 'spaces.messages.reactions.list'
  | 'webhook.post';

export type Params = Record<string, string | number | boolean | undefined>;

/** Key of ChatOp's result type: declared only, so it exists for the type checker and never at run time. */
declare const RESULT: unique symbol;

/** A Chat call; `T` is the body Chat answers it with (the resource the method returns). */
export interface ChatOp<T = unknown> {
  method: ChatMethod;
  /** Path parameter: `name` or `parent` (absent for spaces.create and spaces.setup). */
  path?: string;
  /** Query parameters. */
  params: Params;
  body?: object;
  auth: Auth;
  /** The space the call writes to, for per-space pacing; absent for reads. */
  writes?: { space: string | null; kind: 'message' | 'membership' | 'space' | 'attachment' };
  /** media.upload's file: the advanced service takes its Blob, REST sends its bytes between two
   *  multipart parts separated by `boundary`. */
  media?: { content: FileContent; boundary: string };
  /** false for webhook posts: a post that got no answer may have arrived, so it is never repeated. */
  idempotent?: boolean;
  /** For webhook posts: the alias, shown in the Log instead of the URL (which holds the secret). */
  label?: string;
  /** Never set: only records `T`, so each constructor below says what its call answers. */
  readonly [RESULT]?: T;
}

/** An answer as transports return it: the body is whatever JSON object Chat sent. */
export type ChatBody = Record<string, unknown>;

export type ChatResult<T = ChatBody> =
  { ok: true; status: number; body: T } | { ok: false; status: number; error: ChatFailure };

/**
 * Runs one operation from a task and returns its answer typed by the operation:
 * `const got = yield* call(op.getSpace(name))` makes `got.body` a ChatV1.Space when `got.ok`
 * (typed-redux-saga's pattern: a plain `yield` can't type what the executor sends back).
 * The one place a body becomes the operation's type: Chat answers each method with its resource, and
 * transports hand the body on as Chat sent it.
 */
export function* call<T>(o: ChatOp<T>): Generator<ChatOp, ChatResult<T>, ChatResult> {
  return (yield o) as ChatResult<T>;
}

/**
 * Carries out ChatOps: the Advanced Chat service (`Chat.*`, one blocking call at a time) or REST in
 * parallel. Declared beside the operations, not in an adapter, so the engine names it without importing
 * a module that touches a global service.
 */
export interface ChatTransport {
  call(op: ChatOp, headers?: Record<string, string>): ChatResult;
  /** Several calls at once (in parallel where the transport can), answers in order. */
  callMany(ops: ChatOp[], headers: (Record<string, string> | undefined)[]): ChatResult[];
}

export interface ChatFailure {
  /** HTTP status; 0 when the call never got an answer (time-out, network). */
  code: number;
  /** google.rpc status name when known (NOT_FOUND, ALREADY_EXISTS…). */
  status: string;
  message: string;
}

/** Administrator access (`useAdminAccess`): the call acts on spaces the caller is not in, with the
 *  Workspace admin privilege; only where Chat allows it (spaces get, patch, delete, search; members). */
const asAdmin = (admin: boolean): Params => (admin ? { useAdminAccess: true } : {});

/** The space a resource name belongs to: `spaces/S/messages/M` → `spaces/S`. */
export const spaceOf = (name: string): string => name.split('/').slice(0, 2).join('/');

export const op = {
  createMessage: (
    space: string,
    message: ChatV1.Message,
    args: { messageId: string; requestId: string; messageReplyOption?: string },
    auth: Auth,
  ): ChatOp<ChatV1.Message> => ({
    method: 'spaces.messages.create',
    path: space,
    params: args,
    body: message,
    auth,
    writes: { space, kind: 'message' },
  }),
  /** Uploads a file to a space (user auth only), for a message to attach with the answer's
   *  attachmentDataRef. An upload is a per-space write with its own per-minute quota. */
  uploadAttachment: (
    space: string,
    content: FileContent,
    boundary: string,
  ): ChatOp<ChatV1.UploadAttachmentResponse> => ({
    method: 'media.upload',
    path: space,
    params: {},
    body: { filename: content.name } satisfies ChatV1.UploadAttachmentRequest,
    media: { content, boundary },
    auth: 'user',
    writes: { space, kind: 'attachment' },
  }),
  getMessage: (name: string, auth: Auth = 'user'): ChatOp<ChatV1.Message> => ({
    method: 'spaces.messages.get',
    path: name,
    params: {},
    auth,
  }),
  patchMessage: (
    name: string,
    message: ChatV1.Message,
    updateMask: string,
    auth: Auth,
  ): ChatOp<ChatV1.Message> => ({
    method: 'spaces.messages.patch',
    path: name,
    params: { updateMask },
    body: message,
    auth,
    writes: { space: spaceOf(name), kind: 'message' },
  }),
  deleteMessage: (name: string, auth: Auth): ChatOp<ChatV1.Empty> => ({
    method: 'spaces.messages.delete',
    path: name,
    params: {},
    auth,
    writes: { space: spaceOf(name), kind: 'message' },
  }),
  /** An incoming-webhook post; `url` carries key and token and never reaches a log. */
  postWebhook: (
    alias: string,
    url: string,
    space: string,
    message: ChatV1.Message,
    messageReplyOption?: string,
  ): ChatOp<ChatV1.Message> => ({
    method: 'webhook.post',
    path: url,
    params: { messageReplyOption },
    body: message,
    auth: 'user',
    writes: { space, kind: 'message' },
    idempotent: false,
    label: `webhook ${alias} → ${space}`,
  }),
  createSpace: (space: ChatV1.Space, requestId: string): ChatOp<ChatV1.Space> => ({
    method: 'spaces.create',
    params: { requestId },
    body: space,
    auth: 'user',
    writes: { space: null, kind: 'space' },
  }),
  setupSpace: (request: ChatV1.SetUpSpaceRequest): ChatOp<ChatV1.Space> => ({
    method: 'spaces.setup',
    params: {},
    body: request,
    auth: 'user',
    writes: { space: null, kind: 'space' },
  }),
  getSpace: (name: string, admin = false): ChatOp<ChatV1.Space> => ({
    method: 'spaces.get',
    path: name,
    params: asAdmin(admin),
    auth: 'user',
  }),
  patchSpace: (
    name: string,
    space: ChatV1.Space,
    updateMask: string,
    admin = false,
  ): ChatOp<ChatV1.Space> => ({
    method: 'spaces.patch',
    path: name,
    params: { updateMask, ...asAdmin(admin) },
    body: space,
    auth: 'user',
    writes: { space: name, kind: 'space' },
  }),
  deleteSpace: (name: string, admin = false): ChatOp<ChatV1.Empty> => ({
    method: 'spaces.delete',
    path: name,
    params: asAdmin(admin),
    auth: 'user',
    writes: { space: name, kind: 'space' },
  }),
  createMember: (space: string, membership: ChatV1.Membership, admin = false): ChatOp<ChatV1.Membership> => ({
    method: 'spaces.members.create',
    path: space,
    params: asAdmin(admin),
    body: membership,
    auth: 'user',
    writes: { space, kind: 'membership' },
  }),
  getMember: (name: string, admin = false): ChatOp<ChatV1.Membership> => ({
    method: 'spaces.members.get',
    path: name,
    params: asAdmin(admin),
    auth: 'user',
  }),
  /** Members of a space, a page at a time (people and groups; invited people too when asked; people only
   *  when `humans`). Imports read many spaces in one wave and size the pages for it (imports/paging.ts,
   *  pageSizeFor). */
  listMembers: (
    space: string,
    pageToken?: string,
    opts: { showInvited?: boolean; pageSize?: number; admin?: boolean; humans?: boolean } = {},
  ): ChatOp<ChatV1.ListMembershipsResponse> => ({
    method: 'spaces.members.list',
    path: space,
    params: {
      pageSize: opts.pageSize ?? 1000,
      // With admin access Chat lists people only, and requires the filter that says so.
      ...(opts.admin || opts.humans ? { filter: 'member.type = "HUMAN"' } : { showGroups: true }),
      ...asAdmin(opts.admin === true),
      ...(opts.showInvited ? { showInvited: true } : {}),
      pageToken,
    },
    auth: 'user',
  }),
  /** Every space of the organisation that `query` finds (spaces.search, admin access only), a page at a
   *  time. */
  searchSpaces: (query: string, pageToken?: string): ChatOp<ChatV1.SearchSpacesResponse> => ({
    method: 'spaces.search',
    params: { query, pageSize: 1000, useAdminAccess: true, pageToken },
    auth: 'user',
  }),
  /** The spaces the caller is a member of, a page at a time. */
  listSpaces: (pageToken?: string): ChatOp<ChatV1.ListSpacesResponse> => ({
    method: 'spaces.list',
    params: { pageSize: 1000, pageToken },
    auth: 'user',
  }),
  /** A space's messages, oldest first, a page at a time; `filter` as messages.list documents it. Imports
   *  read many spaces in one wave and size the pages for it (imports/paging.ts, pageSizeFor). */
  listMessages: (
    space: string,
    filter: string,
    pageToken?: string,
    pageSize = 100,
  ): ChatOp<ChatV1.ListMessagesResponse> => ({
    method: 'spaces.messages.list',
    path: space,
    params: { pageSize, filter, orderBy: 'createTime asc', pageToken },
    auth: 'user',
  }),
  /** Who reacted to a message, with which emoji, a page at a time (user authentication only; Chat's
   *  largest page is 200). */
  listReactions: (message: string, pageToken?: string): ChatOp<ChatV1.ListReactionsResponse> => ({
    method: 'spaces.messages.reactions.list',
    path: message,
    params: { pageSize: 200, pageToken },
    auth: 'user',
  }),
  patchMember: (name: string, membership: ChatV1.Membership, admin = false): ChatOp<ChatV1.Membership> => ({
    method: 'spaces.members.patch',
    path: name,
    params: { updateMask: 'role', ...asAdmin(admin) },
    body: membership,
    auth: 'user',
    writes: { space: spaceOf(name), kind: 'membership' },
  }),
  deleteMember: (name: string, admin = false): ChatOp<ChatV1.Membership> => ({
    method: 'spaces.members.delete',
    path: name,
    params: asAdmin(admin),
    auth: 'user',
    writes: { space: spaceOf(name), kind: 'membership' },
  }),
};
