// The seam between the sandbox runtime (service fakes) and the Chat emulator. The runtime turns
// `Chat.*` advanced-service calls and `UrlFetchApp` requests into these; the emulator answers them.

/** Who is calling Chat. */
export type Caller =
  | { kind: 'user'; email: string }
  | { kind: 'app'; clientEmail: string }
  | { kind: 'webhook'; webhookId: string };

/** A Chat API method call, e.g. `chat.spaces.messages.create`, with its path and query parameters. */
export interface MethodCall {
  method: string;
  /** Path and query parameters by their API names (`parent`, `name`, `requestId`, `updateMask`, …). */
  params: Record<string, unknown>;
  body?: unknown;
  /** The file of a media upload (`Chat.Media.upload(resource, parent, blob)`): its bytes and content type. */
  media?: { bytes: Uint8Array; contentType?: string };
  /** The Authorization header: `Bearer <token>`. The runtime sends the running user's token
   *  (`userToken`) unless the script passed its own headers (app auth). */
  authorization: string;
}

/** Chat's answer: an HTTP status and a JSON body (a resource, `{}`, or a google.rpc.Status error). */
export interface MethodResult {
  status: number;
  body: unknown;
}

/** A raw HTTPS request (UrlFetchApp) to one of Google's hosts the sandbox emulates. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The body's exact bytes when the script sent bytes (a byte-array or Blob payload), which `body` (as
   *  text) may not keep; absent for text payloads. */
  bodyBytes?: Uint8Array;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ChatBackend {
  /** One advanced-service call (`Chat.Spaces.Messages.create(...)` → `chat.spaces.messages.create`). */
  call(call: MethodCall): MethodResult;
  /** `https://chat.googleapis.com/v1/...` (REST with a bearer token, or an incoming webhook with key and
   *  token) and `https://oauth2.googleapis.com/token` (JWT-bearer grant for service accounts). */
  http(request: HttpRequest): HttpResponse;
  /** Whether `http` answers this URL (else the runtime reports the host as unreachable). */
  handles(url: string): boolean;
  /** An OAuth access token for a user, as `ScriptApp.getOAuthToken()` returns it (valid one hour). `scopes`:
   *  the manifest's `oauthScopes`, which the token then holds (and no other); undefined when the script
   *  names none (Apps Script then detects them from the code: the token is not restricted). */
  userToken(email: string, scopes?: readonly string[]): string;
  /** The person the Sandbox runs as, called once when it is made: an administrator with the "Manage Chat
   *  and spaces conversations" privilege unless `admin` is false (or the backend already knows otherwise). */
  registerRunner?(email: string, opts: { admin?: boolean }): void;
}
