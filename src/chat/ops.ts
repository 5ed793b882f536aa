// Chat operations as plain data. Planners build them with the typed constructors below (so bodies are
// checked against @googleapis/chat's schema at compile time); transports carry them out.

export type Auth = 'user' | 'app';

export type ChatMethod =
  | 'spaces.create'
  | 'spaces.setup'
  | 'spaces.get'
  | 'spaces.patch'
  | 'spaces.delete'
  | 'spaces.members.create'
  | 'spaces.members.get'
  | 'spaces.members.list'
  | 'spaces.members.patch'
  | 'spaces.members.delete'
  | 'spaces.messages.create'
  | 'spaces.messages.get'
  | 'spaces.messages.patch'
  | 'spaces.messages.delete'
  | 'webhook.post';

export type Params = Record<string, string | number | boolean | undefined>;

export interface ChatOp {
  method: ChatMethod;
  /** Path parameter: `name` or `parent` (absent for spaces.create and spaces.setup). */
  path?: string;
  /** Query parameters. */
  params: Params;
  body?: object;
  auth: Auth;
  /** The space the call writes to, for per-space pacing; absent for reads. */
  writes?: { space: string | null; kind: 'message' | 'membership' | 'space' };
  /** false for webhook posts: a post that got no answer may have arrived, so it is never repeated. */
  idempotent?: boolean;
  /** For webhook posts: the alias, shown in the Log instead of the URL (which holds the secret). */
  label?: string;
}

export type ChatResult =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; error: ChatFailure };

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

/** The space a resource name belongs to: `spaces/S/messages/M` → `spaces/S`. */
export const spaceOf = (name: string): string => name.split('/').slice(0, 2).join('/');

export const op = {
  createMessage: (
    space: string,
    message: ChatV1.Message,
    args: { messageId: string; requestId: string; messageReplyOption?: string },
    auth: Auth,
  ): ChatOp => ({
    method: 'spaces.messages.create',
    path: space,
    params: args,
    body: message,
    auth,
    writes: { space, kind: 'message' },
  }),
  getMessage: (name: string, auth: Auth = 'user'): ChatOp => ({
    method: 'spaces.messages.get',
    path: name,
    params: {},
    auth,
  }),
  patchMessage: (name: string, message: ChatV1.Message, updateMask: string, auth: Auth): ChatOp => ({
    method: 'spaces.messages.patch',
    path: name,
    params: { updateMask },
    body: message,
    auth,
    writes: { space: spaceOf(name), kind: 'message' },
  }),
  deleteMessage: (name: string, auth: Auth): ChatOp => ({
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
  ): ChatOp => ({
    method: 'webhook.post',
    path: url,
    params: { messageReplyOption },
    body: message,
    auth: 'user',
    writes: { space, kind: 'message' },
    idempotent: false,
    label: `webhook ${alias} → ${space}`,
  }),
  createSpace: (space: ChatV1.Space, requestId: string): ChatOp => ({
    method: 'spaces.create',
    params: { requestId },
    body: space,
    auth: 'user',
    writes: { space: null, kind: 'space' },
  }),
  setupSpace: (request: ChatV1.SetUpSpaceRequest): ChatOp => ({
    method: 'spaces.setup',
    params: {},
    body: request,
    auth: 'user',
    writes: { space: null, kind: 'space' },
  }),
  getSpace: (name: string): ChatOp => ({ method: 'spaces.get', path: name, params: {}, auth: 'user' }),
  patchSpace: (name: string, space: ChatV1.Space, updateMask: string): ChatOp => ({
    method: 'spaces.patch',
    path: name,
    params: { updateMask },
    body: space,
    auth: 'user',
    writes: { space: name, kind: 'space' },
  }),
  deleteSpace: (name: string): ChatOp => ({
    method: 'spaces.delete',
    path: name,
    params: {},
    auth: 'user',
    writes: { space: name, kind: 'space' },
  }),
  createMember: (space: string, membership: ChatV1.Membership): ChatOp => ({
    method: 'spaces.members.create',
    path: space,
    params: {},
    body: membership,
    auth: 'user',
    writes: { space, kind: 'membership' },
  }),
  getMember: (name: string): ChatOp => ({
    method: 'spaces.members.get',
    path: name,
    params: {},
    auth: 'user',
  }),
  listMembers: (space: string, pageToken?: string): ChatOp => ({
    method: 'spaces.members.list',
    path: space,
    params: { pageSize: 1000, showGroups: true, pageToken },
    auth: 'user',
  }),
  patchMember: (name: string, membership: ChatV1.Membership): ChatOp => ({
    method: 'spaces.members.patch',
    path: name,
    params: { updateMask: 'role' },
    body: membership,
    auth: 'user',
    writes: { space: spaceOf(name), kind: 'membership' },
  }),
  deleteMember: (name: string): ChatOp => ({
    method: 'spaces.members.delete',
    path: name,
    params: {},
    auth: 'user',
    writes: { space: spaceOf(name), kind: 'membership' },
  }),
};
