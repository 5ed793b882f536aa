import type { MethodCall, MethodResult } from '../../chat/contract';
import { ScriptError, noPermission } from '../errors';
import { Fake } from '../realm';
import type { ServiceContext } from './context';
import { FakeBlob } from './utilities';

type Headers = Record<string, string>;
type Args = Record<string, unknown>;

const CHAT_SCOPE = 'https://www.googleapis.com/auth/chat.messages';

/** google.rpc status names → the `reason` Apps Script puts in GoogleJsonResponseException details. */
function reasonOf(status: unknown, code: number): string {
  const byStatus: Record<string, string> = {
    NOT_FOUND: 'notFound',
    ALREADY_EXISTS: 'alreadyExists',
    PERMISSION_DENIED: 'forbidden',
    INVALID_ARGUMENT: 'badRequest',
    FAILED_PRECONDITION: 'failedPrecondition',
    RESOURCE_EXHAUSTED: 'rateLimitExceeded',
    UNAUTHENTICATED: 'unauthorized',
    UNAVAILABLE: 'backendError',
    INTERNAL: 'backendError',
    ABORTED: 'aborted',
  };
  if (typeof status === 'string' && byStatus[status]) return byStatus[status];
  return code >= 500 ? 'backendError' : code === 404 ? 'notFound' : 'badRequest';
}

/** Apps Script drops undefined optional arguments; a headers object is recognised by its Authorization. */
function looksLikeHeaders(v: unknown): v is Headers {
  return (
    typeof v === 'object' && v !== null && Object.keys(v).some((k) => k.toLowerCase() === 'authorization')
  );
}

/**
 * One advanced-service collection. Each method turns its positional arguments into a MethodCall for the
 * Chat backend, the way Apps Script maps (body, path params…, optionalArgs, headers).
 */
abstract class ChatCollection extends Fake {
  constructor(
    protected readonly ctx: ServiceContext,
    private readonly prefix: string,
  ) {
    super();
  }

  protected invoke(
    method: string,
    params: Args,
    body: unknown,
    args: unknown,
    headers: unknown,
    media?: MethodCall['media'],
  ): unknown {
    // `list(args, headers)` and `setup(body, headers)` may get the headers in the args slot.
    let a = args;
    let h = headers;
    if (h === undefined && looksLikeHeaders(a)) [a, h] = [undefined, a];
    const id = `${this.prefix}.${method}`; // the API method id, e.g. chat.spaces.messages.create
    const kind = `Chat.${id.slice('chat.'.length)}`;
    if (this.ctx.exec.mode === 'simple') throw noPermission(kind, CHAT_SCOPE);
    return this.ctx.exec.call(kind, () => {
      const chat = this.ctx.host.chat;
      if (!chat) throw new Error(`sandbox: no Chat backend configured, so ${kind} cannot be called`);
      const auth = h
        ? Object.entries(h as Headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1]
        : undefined;
      const result: MethodResult = chat.call({
        method: id,
        params: { ...params, ...((a as Args | undefined) ?? {}) },
        body: body === undefined ? undefined : JSON.parse(JSON.stringify(body)),
        ...(media ? { media } : {}),
        authorization: auth ?? `Bearer ${chat.userToken(this.ctx.host.user, this.ctx.host.scopes)}`,
      });
      if (result.status >= 400) throw jsonResponseError(id, result);
      return this.ctx.membrane.json(result.body ?? {});
    });
  }
}

function jsonResponseError(id: string, result: MethodResult): ScriptError {
  const err = (result.body as { error?: { code?: number; message?: string; status?: string } } | undefined)
    ?.error;
  const code = err?.code ?? result.status;
  const message = err?.message ?? `HTTP ${result.status}`;
  return new ScriptError(`API call to ${id} failed with error: ${message}`, 'GoogleJsonResponseException', {
    details: { code, message, errors: [{ message, domain: 'global', reason: reasonOf(err?.status, code) }] },
  });
}

export class FakeChat extends Fake {
  readonly className = 'Chat';
  readonly Spaces: FakeChatSpaces;
  readonly Media: FakeChatMedia;
  constructor(ctx: ServiceContext) {
    super();
    this.Spaces = new FakeChatSpaces(ctx);
    this.Media = new FakeChatMedia(ctx);
  }
}

/**
 * `Chat.Media`: the advanced service orders a media method's arguments as the resource, the path
 * parameters, then the media (a Blob) — as `Drive.Files.update(resource, fileId, mediaData)` — so
 * `Chat.Media.upload({filename}, parent, blob, optionalArgs?, headers?)`. The blob's bytes and content type
 * go to media.upload as its file. `download` is not modelled.
 */
export class FakeChatMedia extends ChatCollection {
  readonly className = 'Chat.Media';
  constructor(ctx: ServiceContext) {
    super(ctx, 'chat.media');
  }
  upload(resource: unknown, parent: string, mediaData: unknown, args?: Args, headers?: Headers): unknown {
    if (!(mediaData instanceof FakeBlob)) throw new ScriptError('Invalid argument: mediaData', 'Exception');
    return this.invoke('upload', { parent }, resource, args, headers, {
      bytes: mediaData._buffer(),
      contentType: mediaData.getContentType() ?? undefined,
    });
  }
}

export class FakeChatSpaces extends ChatCollection {
  readonly className = 'Chat.Spaces';
  readonly Members: FakeChatMembers;
  readonly Messages: FakeChatMessages;

  constructor(ctx: ServiceContext) {
    super(ctx, 'chat.spaces');
    this.Members = new FakeChatMembers(ctx);
    this.Messages = new FakeChatMessages(ctx);
  }

  create(space: unknown, args?: Args, headers?: Headers): unknown {
    return this.invoke('create', {}, space, args, headers);
  }
  setup(request: unknown, args?: Args | Headers, headers?: Headers): unknown {
    return this.invoke('setup', {}, request, args, headers);
  }
  get(name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('get', { name }, undefined, args, headers);
  }
  list(args?: Args, headers?: Headers): unknown {
    return this.invoke('list', {}, undefined, args, headers);
  }
  patch(space: unknown, name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('patch', { name }, space, args, headers);
  }
  remove(name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('delete', { name }, undefined, args, headers);
  }
  findDirectMessage(args?: Args, headers?: Headers): unknown {
    return this.invoke('findDirectMessage', {}, undefined, args, headers);
  }
  /** `Chat.Spaces.search({query, useAdminAccess: true, orderBy, pageSize, pageToken})`. */
  search(args?: Args, headers?: Headers): unknown {
    return this.invoke('search', {}, undefined, args, headers);
  }
}

export class FakeChatMembers extends ChatCollection {
  readonly className = 'Chat.Spaces.Members';
  constructor(ctx: ServiceContext) {
    super(ctx, 'chat.spaces.members');
  }
  create(membership: unknown, parent: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('create', { parent }, membership, args, headers);
  }
  get(name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('get', { name }, undefined, args, headers);
  }
  list(parent: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('list', { parent }, undefined, args, headers);
  }
  patch(membership: unknown, name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('patch', { name }, membership, args, headers);
  }
  remove(name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('delete', { name }, undefined, args, headers);
  }
}

export class FakeChatMessages extends ChatCollection {
  readonly className = 'Chat.Spaces.Messages';
  readonly Reactions: FakeChatReactions;
  constructor(ctx: ServiceContext) {
    super(ctx, 'chat.spaces.messages');
    this.Reactions = new FakeChatReactions(ctx);
  }
  create(message: unknown, parent: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('create', { parent }, message, args, headers);
  }
  get(name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('get', { name }, undefined, args, headers);
  }
  list(parent: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('list', { parent }, undefined, args, headers);
  }
  patch(message: unknown, name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('patch', { name }, message, args, headers);
  }
  update(message: unknown, name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('update', { name }, message, args, headers);
  }
  remove(name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('delete', { name }, undefined, args, headers);
  }
}

/** `Chat.Spaces.Messages.Reactions`: create(reaction, parent), list(parent, {filter, pageSize, pageToken}),
 *  remove(name). */
export class FakeChatReactions extends ChatCollection {
  readonly className = 'Chat.Spaces.Messages.Reactions';
  constructor(ctx: ServiceContext) {
    super(ctx, 'chat.spaces.messages.reactions');
  }
  create(reaction: unknown, parent: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('create', { parent }, reaction, args, headers);
  }
  list(parent: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('list', { parent }, undefined, args, headers);
  }
  remove(name: string, args?: Args, headers?: Headers): unknown {
    return this.invoke('delete', { name }, undefined, args, headers);
  }
}
