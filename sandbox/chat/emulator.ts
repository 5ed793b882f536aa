// An in-memory Google Chat that answers the sandbox runtime the way Chat documents it: Chat API methods (as
// advanced-service calls or REST), incoming webhooks, and the OAuth token endpoint for service accounts.
import { createPublicKey } from 'node:crypto';
import type { VirtualClock } from '../clock';
import {
  callerOf,
  issueUserToken,
  jwtGrant,
  keyFileOf,
  newServiceAccount,
  type Caller,
  type ServiceAccountKey,
} from './auth';
import { adminAccess } from './admin';
import type { Ctx, Json, Params } from './context';
import type { ChatBackend, HttpRequest, HttpResponse, MethodCall, MethodResult } from './contract';
import { APP_NOT_FOUND_MESSAGE, ChatError } from './errors';
import { FaultSchedule } from './faults';
import { Ids } from './ids';
import * as engagement from './engagement';
import { parseMultipart, uploadAttachment } from './media';
import * as members from './members';
import { createReaction, deleteReaction, listReactions } from './reactions';
import * as messages from './messages';
import {
  DEFAULT_LIMITS,
  PER_SPACE_READINGS,
  RateLimiter,
  WRITE_KINDS,
  type Limits,
  type PerSpaceReading,
  type WriteKind,
} from './rate-limits';
import { routeRest } from './rest';
import { searchSpaces } from './search';
import * as spaces from './spaces';
import type { ChatState, ServiceAccountRec } from './state';
import { Store } from './store';
import { renderTree } from './tree';
import { checkBody, checkParams, methodShape } from './validate';

export type { Limits, PerSpaceReading } from './rate-limits';
export { PER_SPACE_READINGS, perSpaceReading } from './rate-limits';
export type { FaultKind, FaultFilter } from './faults';
export type { ServiceAccountKey } from './auth';
export type { Acknowledgements } from './engagement';

export const CHAT_HOST = 'chat.googleapis.com';
export const OAUTH_HOST = 'oauth2.googleapis.com';
/** Method name incoming-webhook posts are counted and faulted under. */
export const WEBHOOK_METHOD = 'webhook';

export interface ChatEmulatorOptions {
  clock: VirtualClock;
  /** Which reading of Chat's per-space write quota to enforce: `interval` (one write a second, the default)
   *  or `window` (60 writes per 60 seconds). See rate-limits.ts. `limits` may still override either. */
  perSpace?: PerSpaceReading;
  limits?: Partial<Limits>;
  /** Seeds resource names and tokens, so a scenario replays to the same names. */
  seed?: number;
  /** The Chat app's display name (sender of app-authored messages). */
  appName?: string;
  /** The Workspace domain. When set, people of other domains are external (INVITED, refused in spaces that
   *  don't allow external users); without it only people added with `addUser(e, {external: true})` are. */
  domain?: string;
  /** Service accounts of the Chat app's Cloud project: new ones (`{name?, projectId?}`) or existing key files. */
  serviceAccounts?: ({ name?: string; projectId?: string } | ServiceAccountKey)[];
}

export interface ChatStats {
  /** Calls by method (`chat.spaces.messages.create`, `webhook`, `oauth2.token`). */
  calls: Record<string, number>;
  /** Writes that took effect, in total and by quota. */
  writes: number;
  writesByKind: Record<WriteKind, number>;
  /** Reads that were answered (and counted toward the read quotas). */
  reads: number;
  /** 429s issued by the rate limits (faulted 429s count only under `errors` and `injected`). */
  throttled: number;
  /** Error answers by HTTP status: Chat's own and the injected ones. */
  errors: Record<number, number>;
  /** Answers the fault schedule (`faults`) injected, by HTTP status; also counted under `errors`. */
  injected: Record<number, number>;
}

/** The Chat methods the emulator answers (`--fault …@method` names one of these, a prefix, or `webhook`). */
export const chatMethods = (): string[] => Object.keys(METHODS);

const METHODS: Record<string, (ctx: Ctx, p: Params, body: Json) => Json> = {
  'chat.spaces.create': spaces.createSpace,
  'chat.spaces.setup': spaces.setupSpace,
  'chat.spaces.get': spaces.getSpace,
  'chat.spaces.list': spaces.listSpaces,
  'chat.spaces.patch': spaces.patchSpace,
  'chat.spaces.delete': spaces.deleteSpace,
  'chat.spaces.findDirectMessage': spaces.findDirectMessage,
  'chat.spaces.search': searchSpaces,
  'chat.spaces.members.create': members.createMember,
  'chat.spaces.members.get': members.getMember,
  'chat.spaces.members.list': members.listMembers,
  'chat.spaces.members.patch': members.patchMember,
  'chat.spaces.members.delete': members.deleteMember,
  'chat.spaces.messages.create': messages.createMessage,
  'chat.spaces.messages.get': messages.getMessage,
  'chat.spaces.messages.list': messages.listMessages,
  'chat.spaces.messages.patch': messages.updateMessage,
  'chat.spaces.messages.update': messages.updateMessage,
  'chat.spaces.messages.delete': messages.deleteMessage,
  'chat.spaces.messages.reactions.create': createReaction,
  'chat.spaces.messages.reactions.list': listReactions,
  'chat.spaces.messages.reactions.delete': deleteReaction,
  'chat.media.upload': uploadAttachment,
};

/** `Chat.Spaces.Messages.remove` (Apps Script's name for delete) → `chat.spaces.messages.delete`. */
function canonicalMethod(method: string): string {
  const m = method.startsWith('chat.') ? method : `chat.${method}`;
  return m.replace(/\.remove$/, '.delete');
}

function emptyState(ids: Ids, appName: string, domain: string | undefined): ChatState {
  return {
    ...(domain ? { domain: domain.toLowerCase() } : {}),
    appName,
    appUserId: ids.user(),
    appConfigured: true,
    apiKey: 'AIzaSy' + ids.chars(33),
    rng: 0,
    users: [],
    groups: [],
    spaces: [],
    members: [],
    threads: [],
    messages: [],
    uploads: [],
    reactions: [],
    customEmojis: [],
    webhooks: [],
    serviceAccounts: [],
    tokens: {},
    ledger: {},
    windows: {},
  };
}

type NewLists = 'uploads' | 'reactions' | 'customEmojis';

/** A state saved before uploads, reactions and custom emojis were modelled has none of them. */
function withNewLists(saved: ChatState): ChatState {
  const s = saved as Omit<ChatState, NewLists> & Partial<Pick<ChatState, NewLists>>;
  return { ...s, uploads: s.uploads ?? [], reactions: s.reactions ?? [], customEmojis: s.customEmojis ?? [] };
}

const emptyStats = (): ChatStats => ({
  calls: {},
  writes: 0,
  writesByKind: Object.fromEntries(WRITE_KINDS.map((k) => [k, 0])) as Record<WriteKind, number>,
  reads: 0,
  throttled: 0,
  errors: {},
  injected: {},
});

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

export class ChatEmulator implements ChatBackend {
  readonly clock: VirtualClock;
  readonly faults = new FaultSchedule();
  stats: ChatStats = emptyStats();
  /** The per-space write reading in force. */
  readonly perSpace: PerSpaceReading;
  private readonly ids: Ids;
  private readonly store: Store;
  private readonly limiter: RateLimiter;

  constructor(opts: ChatEmulatorOptions, restored?: ChatState) {
    this.clock = opts.clock;
    this.ids = new Ids(restored?.rng ?? opts.seed ?? 1);
    const state = restored
      ? withNewLists(restored)
      : emptyState(this.ids, opts.appName ?? 'Sheets to Chat', opts.domain);
    this.store = new Store(state, this.ids);
    this.perSpace = opts.perSpace ?? 'interval';
    this.limiter = new RateLimiter(
      { ...DEFAULT_LIMITS, ...PER_SPACE_READINGS[this.perSpace], ...(opts.limits ?? {}) },
      state.windows,
    );
    for (const sa of opts.serviceAccounts ?? []) this.addServiceAccount(sa);
  }

  private get state(): ChatState {
    this.store.state.rng = this.ids.state;
    return this.store.state;
  }

  // ---- set-up ------------------------------------------------------------------------------------------

  /** The rate limits in force (mutable: tests may tighten or relax them). */
  get limits(): Limits {
    return this.limiter.limits;
  }

  /** `false` makes every Chat API call answer 404 "Google Chat app not found" (webhooks still work). */
  get appConfigured(): boolean {
    return this.store.state.appConfigured;
  }
  set appConfigured(v: boolean) {
    this.store.state.appConfigured = v;
  }

  /** The app's own user resource name (`users/<id>`), as members and senders show it. */
  get appUser(): string {
    return `users/${this.store.state.appUserId}`;
  }

  /** Registers a person (or updates what `opts` says of one already known); returns `users/<21-digit id>`.
   *  Unknown e-mails are also registered on first use. `admin: true` gives them the administrator privilege
   *  `useAdminAccess` needs ("Manage Chat and spaces conversations"; see admin.ts). */
  addUser(
    email: string,
    opts: { id?: string; displayName?: string; external?: boolean; admin?: boolean } = {},
  ): string {
    return `users/${this.store.addUser(email, opts).id}`;
  }

  /** Gives a person the "Manage Chat and spaces conversations" administrator privilege, or takes it away. */
  setAdmin(email: string, admin = true): void {
    this.store.addUser(email, { admin });
  }

  /** Whether a person holds the administrator privilege `useAdminAccess` needs. */
  isAdmin(email: string): boolean {
    return this.store.userByEmail(email)?.admin === true;
  }

  /** The person a Sandbox runs scripts as: registered, and an administrator unless `admin: false` — or
   *  unless they were already set as not one (`addUser(e, {admin: false})`, `setAdmin(e, false)`), which a
   *  restored state keeps. */
  registerRunner(email: string, opts: { admin?: boolean } = {}): void {
    const user = this.store.addUser(email);
    if (opts.admin !== undefined) user.admin = opts.admin;
    else if (user.admin === undefined) user.admin = true;
  }

  /** Registers a Google Group (its e-mail is then refused as a member, as Chat does); returns `groups/<id>`. */
  addGroup(email: string, id?: string): string {
    const existing = this.store.groupByEmail(email);
    if (existing) return `groups/${existing.id}`;
    const g = {
      id: id ?? this.ids.chars(8, 'abcdefghijklmnopqrstuvwxyz0123456789'),
      email: email.toLowerCase(),
    };
    this.store.state.groups.push(g);
    return `groups/${g.id}`;
  }

  /** Creates (or registers) a service account of the app's project and returns its JSON key file. */
  addServiceAccount(opts: { name?: string; projectId?: string } | ServiceAccountKey = {}): ServiceAccountKey {
    let rec: ServiceAccountRec;
    if ('private_key' in opts) {
      rec = {
        clientEmail: opts.client_email,
        clientId: opts.client_id,
        projectId: opts.project_id,
        privateKeyId: opts.private_key_id,
        privateKeyPem: opts.private_key,
        publicKeyPem: createPublicKey(opts.private_key).export({ type: 'spki', format: 'pem' }).toString(),
      };
    } else rec = newServiceAccount(this.ids, this.store.state.serviceAccounts.length, opts);
    this.store.state.serviceAccounts = this.store.state.serviceAccounts.filter(
      (s) => s.clientEmail !== rec.clientEmail,
    );
    this.store.state.serviceAccounts.push(rec);
    return keyFileOf(rec);
  }

  /** Key files of every registered service account (those from the constructor option first). */
  serviceAccountKeys(): ServiceAccountKey[] {
    return this.store.state.serviceAccounts.map(keyFileOf);
  }

  /** An OAuth access token for a person, valid one hour of virtual time. With `scopes` (the script
   *  manifest's `oauthScopes`) it holds only those, and a call that needs another answers 403 "Request had
   *  insufficient authentication scopes." — today the `chat.admin.*` scopes of `useAdminAccess` (admin.ts);
   *  without, it is not restricted. */
  userToken(email: string, scopes?: readonly string[]): string {
    this.store.addUser(email);
    return issueUserToken(this.state, this.ids, email, this.clock.now(), scopes);
  }

  /** Adds a custom emoji to the organization (https://support.google.com/chat/answer/12800149), which
   *  reactions may then use (`emoji: {customEmoji: {uid}}`); returns its CustomEmoji JSON. */
  addCustomEmoji(emojiName: string): { name: string; uid: string; emojiName: string } {
    const name = emojiName.startsWith(':') ? emojiName : `:${emojiName}:`;
    const known = this.store.state.customEmojis.find((c) => c.emojiName === name);
    const c = known ?? { id: this.ids.chars(11), uid: this.ids.chars(22), emojiName: name };
    if (!known) this.store.state.customEmojis.push(c);
    return { name: `customEmojis/${c.id}`, uid: c.uid, emojiName: c.emojiName };
  }

  /** Makes every issued token (user and app) expire now. */
  expireTokens(): void {
    for (const t of Object.values(this.store.state.tokens)) t.expires = Math.min(t.expires, this.clock.now());
  }

  /** Registers an incoming webhook in a space; returns its URL (key and token included). */
  createWebhook(spaceName: string, displayName = 'Webhook'): string {
    const id = this.store.spaceIdOf(spaceName);
    this.store.space(id);
    const hook = { id: this.ids.user(), space: id, displayName, token: this.ids.chars(43) };
    this.store.state.webhooks.push(hook);
    return `https://${CHAT_HOST}/v1/spaces/${id}/messages?key=${this.store.state.apiKey}&token=${hook.token}`;
  }

  /** Removes a webhook (its URL then answers 403 like a revoked one). */
  deleteWebhook(url: string): boolean {
    const token = new URL(url).searchParams.get('token');
    const before = this.store.state.webhooks.length;
    this.store.state.webhooks = this.store.state.webhooks.filter((w) => w.token !== token);
    return this.store.state.webhooks.length < before;
  }

  /** Hands the store and the id generator to a builder that fills a large workspace directly, with no API
   *  call and no quota (workspace.ts). The builder keeps the emulator's invariants itself. */
  seed<T>(fill: (store: Store, ids: Ids) => T): T {
    return fill(this.store, this.ids);
  }

  resetStats(): void {
    this.stats = emptyStats();
  }

  // ---- ChatBackend -------------------------------------------------------------------------------------

  handles(url: string): boolean {
    try {
      const u = new URL(url);
      return u.protocol === 'https:' && (u.hostname === CHAT_HOST || u.hostname === OAUTH_HOST);
    } catch {
      return false;
    }
  }

  call(call: MethodCall): MethodResult {
    return this.dispatch(
      canonicalMethod(call.method),
      call.params ?? {},
      call.body,
      call.authorization,
      call.media,
    );
  }

  http(request: HttpRequest): HttpResponse {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFoundPage(request.url);
    }
    if (url.hostname === OAUTH_HOST) return this.tokenEndpoint(request, url);
    if (url.hostname !== CHAT_HOST) return notFoundPage(request.url);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const authorization = header(request.headers, 'authorization');
    if (request.method === 'POST' && 'token' in query && !authorization)
      return this.webhook(request, url, query);
    const upload = /^\/upload\/v1\/(spaces\/[^/]+)\/attachments:upload$/.exec(url.pathname);
    if (upload && request.method === 'POST') return this.upload(request, query, upload[1], authorization);
    const route = routeRest(request.method, url.pathname);
    if (!route) return notFoundPage(request.url);
    let body: unknown;
    if (request.body && request.method !== 'GET' && request.method !== 'DELETE') {
      try {
        body = JSON.parse(request.body);
      } catch {
        return toHttp(errorResult(new ChatError(400, 'Invalid JSON payload received. Unexpected token.')));
      }
    }
    const { key: _apiKey, ...params } = query;
    return toHttp(this.dispatch(route.method, { ...params, ...route.params }, body, authorization ?? ''));
  }

  // ---- dispatch ----------------------------------------------------------------------------------------

  private count(method: string): void {
    this.stats.calls[method] = (this.stats.calls[method] ?? 0) + 1;
  }

  /** Counts a fault the schedule injected (apart from Chat's own errors) and passes it on. */
  private injected(fault: ChatError | undefined): ChatError | undefined {
    if (fault) this.stats.injected[fault.code] = (this.stats.injected[fault.code] ?? 0) + 1;
    return fault;
  }

  private fail(e: unknown): MethodResult {
    if (!(e instanceof ChatError)) throw e;
    this.stats.errors[e.code] = (this.stats.errors[e.code] ?? 0) + 1;
    return errorResult(e);
  }

  private context(caller: Caller, admin = false, media?: Ctx['media']): Ctx {
    const now = this.clock.now();
    return {
      store: this.store,
      caller,
      who: this.store.principalOf(caller),
      admin,
      now,
      ...(media ? { media } : {}),
      write: (kind, spaceId, creation) => {
        try {
          this.limiter.take(now, kind, spaceId, creation);
        } catch (e) {
          this.stats.throttled++;
          throw e;
        }
        this.stats.writes++;
        this.stats.writesByKind[kind]++;
      },
      read: (kind, spaceId) => {
        try {
          this.limiter.read(now, kind, spaceId);
        } catch (e) {
          this.stats.throttled++;
          throw e;
        }
        this.stats.reads++;
      },
    };
  }

  private dispatch(
    method: string,
    params: Record<string, unknown>,
    body: unknown,
    authorization: string,
    media?: Ctx['media'],
  ): MethodResult {
    this.count(method);
    try {
      const fault = this.injected(this.faults.take(method));
      if (fault) throw fault;
      const caller = callerOf(this.store.state, authorization, this.clock.now());
      if (!this.store.state.appConfigured) throw new ChatError(404, APP_NOT_FOUND_MESSAGE);
      const handler = METHODS[method];
      if (!handler)
        throw new ChatError(501, `Method ${method} is not implemented by the sandbox's Chat emulator.`);
      const p = checkParams(method, params);
      const admin = adminAccess(this.store, method, p, caller);
      const shape = methodShape(method);
      if (shape?.requestBody) checkBody(shape.requestBody, body);
      const result = handler(this.context(caller, admin, media), p, (body ?? {}) as Json);
      return { status: 200, body: result };
    } catch (e) {
      return this.fail(e);
    }
  }

  /**
   * `POST https://chat.googleapis.com/upload/v1/{parent}/attachments:upload` (media.upload's upload URI):
   * `uploadType=multipart` takes the metadata and the file in one multipart/related body (media.ts);
   * `uploadType=media` sends the file alone, so it carries no `filename` and is refused as media.upload
   * refuses any upload without one; resumable uploads are not modelled (501).
   */
  private upload(
    request: HttpRequest,
    query: Record<string, string>,
    parent: string,
    authorization: string | undefined,
  ): HttpResponse {
    const { key: _apiKey, uploadType, ...params } = query;
    const bytes = request.bodyBytes ?? Buffer.from(request.body ?? '', 'utf8');
    const type = header(request.headers, 'content-type');
    let body: unknown = {};
    let media: Ctx['media'];
    try {
      if (uploadType === 'multipart') ({ metadata: body, media } = parseMultipart(bytes, type));
      else if (uploadType === 'media') media = { bytes, contentType: type };
      else if (uploadType === 'resumable')
        throw new ChatError(501, "Resumable uploads are not implemented by the sandbox's Chat emulator.");
      else
        throw new ChatError(
          400,
          'Upload requests must name their protocol: uploadType=multipart (or media, resumable).',
        );
    } catch (e) {
      this.count('chat.media.upload');
      return toHttp(this.fail(e));
    }
    return toHttp(
      this.dispatch('chat.media.upload', { ...params, parent }, body, authorization ?? '', media),
    );
  }

  /** An incoming-webhook post: key and token in the query, the message in the body, answer `name` and
   *  `thread.name` only. */
  private webhook(request: HttpRequest, url: URL, query: Record<string, string>): HttpResponse {
    this.count(WEBHOOK_METHOD);
    try {
      const fault = this.injected(this.faults.take(WEBHOOK_METHOD));
      if (fault) throw fault;
      const m = /^\/v1\/(spaces\/[^/]+)\/messages$/.exec(url.pathname);
      if (!m) return notFoundPage(request.url);
      const { key, token, ...rest } = query;
      if (key !== this.store.state.apiKey)
        throw new ChatError(400, 'API key not valid. Please pass a valid API key.', [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: CHAT_HOST },
          },
        ]);
      const hook = this.store.state.webhooks.find((w) => w.token === token && `spaces/${w.space}` === m[1]);
      if (!hook)
        throw new ChatError(
          403,
          'The API is called without a valid token. Instructions on how to use incoming webhooks can be found at ' +
            'https://developers.google.com/chat/how-tos/webhooks',
        );
      for (const k of Object.keys(rest))
        if (k !== 'messageReplyOption' && k !== 'threadKey')
          throw new ChatError(
            400,
            `Invalid JSON payload received. Unknown name "${k}": Cannot bind query parameter. Field '${k}' could not be found in request message.`,
          );
      let body: unknown;
      try {
        body = JSON.parse(request.body || '{}');
      } catch {
        throw new ChatError(400, 'Invalid JSON payload received. Unexpected token.');
      }
      const p = checkParams('chat.spaces.messages.create', { parent: m[1], ...rest });
      checkBody('Schema$Message', body);
      const made = messages.createMessage(
        this.context({ kind: 'webhook', webhookId: hook.id }),
        p,
        body as Json,
      );
      const thread = made.thread as { name: string };
      return toHttp({ status: 200, body: { name: made.name, thread: { name: thread.name } } });
    } catch (e) {
      return toHttp(this.fail(e));
    }
  }

  private tokenEndpoint(request: HttpRequest, url: URL): HttpResponse {
    this.count('oauth2.token');
    const fault = this.injected(this.faults.take('oauth2.token'));
    if (fault) return toHttp(this.fail(fault));
    if (url.pathname !== '/token' || request.method !== 'POST') return notFoundPage(request.url);
    let form: URLSearchParams;
    const type = header(request.headers, 'content-type') ?? '';
    if (type.includes('json')) {
      try {
        form = new URLSearchParams(JSON.parse(request.body) as Record<string, string>);
      } catch {
        form = new URLSearchParams();
      }
    } else form = new URLSearchParams(request.body);
    const answer = jwtGrant(this.state, this.ids, form, this.clock.now());
    if (answer.status !== 200) this.stats.errors[answer.status] = (this.stats.errors[answer.status] ?? 0) + 1;
    return { status: answer.status, headers: JSON_HEADERS, body: JSON.stringify(answer.body, null, 2) };
  }

  // ---- inspection --------------------------------------------------------------------------------------

  /** Every space, as Chat would return it. */
  spaces(): Json[] {
    return this.store.state.spaces.map((s) => this.store.spaceJson(s));
  }

  /** Every membership of a space (joined, invited, groups and the app). */
  members(space: string): Json[] {
    const id = this.store.spaceIdOf(space);
    return this.store.membersIn(id).map((m) => this.store.memberJson(m));
  }

  /** Every message of a space, oldest first; deleted ones (as Chat lists them with showDeleted) only when
   *  asked for. */
  messages(space: string, opts: { deleted?: boolean } = {}): Json[] {
    const id = this.store.spaceIdOf(space);
    return this.store
      .messagesIn(id)
      .filter((m) => opts.deleted === true || m.deleteTime === undefined)
      .map((m) => this.store.messageJson(m));
  }

  /** The files uploaded to a space (media.upload), oldest first: what Chat keeps of each (the emulator keeps
   *  a SHA-256 of the bytes, not the bytes), who uploaded it and the message it is attached to, if any. */
  uploads(space: string): {
    resourceName: string;
    filename: string;
    contentType: string;
    size: number;
    sha256: string;
    uploader: string;
    message?: string;
  }[] {
    const id = this.store.spaceIdOf(space);
    return this.store.state.uploads
      .filter((u) => u.space === id)
      .map((u) => ({
        resourceName: u.resourceName,
        filename: u.filename,
        contentType: u.contentType,
        size: u.size,
        sha256: u.sha256,
        uploader: this.store.state.users.find((x) => x.id === u.uploader)?.email ?? `users/${u.uploader}`,
        ...(u.usedBy ? { message: u.usedBy } : {}),
      }));
  }

  /** The messages of a space as one person lists them (messages.list with their token, without quota):
   *  not deleted, and private messages only when they are the viewer. */
  messagesSeenBy(email: string, space: string): Json[] {
    const id = this.store.spaceIdOf(space);
    const user = this.store.userByEmail(email)?.id;
    return this.store
      .messagesIn(id)
      .filter(
        (m) => m.deleteTime === undefined && (m.privateViewer === undefined || m.privateViewer === user),
      )
      .map((m) => this.store.messageJson(m));
  }

  // ---- people at work (host-side: no API call, no quota, nothing counted) --------------------------------

  /** `email` reacts to a message (`spaces/…/messages/…`) with an emoji — unicode (`👍`) or a custom emoji's
   *  `:name:` (addCustomEmoji) — at the virtual clock's time; reacting again with the same emoji changes
   *  nothing. Throws when the person is not a joined member or can't see the message. Returns the Reaction. */
  react(email: string, message: string, emoji: string): Json {
    return engagement.react(this.store, this.clock.now(), email, message, emoji);
  }

  /** Takes `email`'s reaction with that emoji away; false when there was none. */
  unreact(email: string, message: string, emoji: string): boolean {
    return engagement.unreact(this.store, email, message, emoji);
  }

  /** `email` replies in the message's thread with `text` (a thread reply, as Chat's UI makes it), in a
   *  named space, if the space lets them reply. Returns the new Message. */
  reply(email: string, message: string, text: string): Json {
    return engagement.reply(this.store, this.clock.now(), email, message, text);
  }

  /** Who reacted to a message or replied in its thread, and who of its audience did neither (Not yet): see
   *  engagement.ts. The sender is left out unless `includeSender`. */
  acknowledgements(message: string, opts: { includeSender?: boolean } = {}): engagement.Acknowledgements {
    return engagement.acknowledgements(this.store, message, opts);
  }

  findSpaceByDisplayName(displayName: string): Json | undefined {
    const s = this.store.state.spaces.find((x) => x.displayName === displayName);
    return s && this.store.spaceJson(s);
  }

  /** The user resource name of an e-mail (`users/<id>`), if known. */
  userName(email: string): string | undefined {
    const u = this.store.userByEmail(email);
    return u && `users/${u.id}`;
  }

  tree(): string {
    return renderTree(this.store);
  }

  toJSON(): ChatState {
    return structuredClone(this.state);
  }

  static fromJSON(
    json: ChatState,
    opts: Omit<ChatEmulatorOptions, 'seed' | 'serviceAccounts'>,
  ): ChatEmulator {
    return new ChatEmulator(opts, structuredClone(json));
  }
}

function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

function errorResult(e: ChatError): MethodResult {
  return { status: e.code, body: e.toBody() };
}

function toHttp(r: MethodResult): HttpResponse {
  return { status: r.status, headers: JSON_HEADERS, body: JSON.stringify(r.body, null, 2) };
}

/** Google's front end answers unknown paths with an HTML 404 page. */
function notFoundPage(url: string): HttpResponse {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // keep the raw text
  }
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=UTF-8' },
    body: `<!DOCTYPE html>\n<html lang=en><title>Error 404 (Not Found)!!1</title><p><b>404.</b> <ins>That’s an error.</ins><p>The requested URL <code>${path}</code> was not found on this server.  <ins>That’s all we know.</ins>`,
  };
}
