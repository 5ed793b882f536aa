import { errorText } from '../text/error-text';
import { redact } from '../text/redact';
import type { HttpPort, HttpRequest } from '../platform/ports';
import { dailyQuotaFailure, statusName } from './errors';
import { multipartRelated } from './multipart';
import type { ChatMethod, ChatOp, ChatResult, ChatTransport } from './ops';

const API = 'https://chat.googleapis.com/v1/';
/** media.upload's upload URI (the discovery document's mediaUpload simple protocol, multipart). */
const UPLOAD = 'https://chat.googleapis.com/upload/v1/';

type Verb = HttpRequest['method'];

/** The REST form of each Chat method: the same request bodies and parameters as the advanced service. */
const ROUTES: Record<
  Exclude<ChatMethod, 'webhook.post' | 'media.upload'>,
  [Verb, (path: string) => string]
> = {
  'spaces.create': ['post', () => 'spaces'],
  'spaces.setup': ['post', () => 'spaces:setup'],
  'spaces.get': ['get', (p) => p],
  'spaces.list': ['get', () => 'spaces'],
  'spaces.search': ['get', () => 'spaces:search'],
  'spaces.patch': ['patch', (p) => p],
  'spaces.delete': ['delete', (p) => p],
  'spaces.members.create': ['post', (p) => `${p}/members`],
  'spaces.members.get': ['get', (p) => p],
  'spaces.members.list': ['get', (p) => `${p}/members`],
  'spaces.members.patch': ['patch', (p) => p],
  'spaces.members.delete': ['delete', (p) => p],
  'spaces.messages.create': ['post', (p) => `${p}/messages`],
  'spaces.messages.get': ['get', (p) => p],
  'spaces.messages.list': ['get', (p) => `${p}/messages`],
  'spaces.messages.patch': ['patch', (p) => p],
  'spaces.messages.delete': ['delete', (p) => p],
  'spaces.messages.reactions.list': ['get', (p) => `${p}/reactions`],
};

function query(params: ChatOp['params']): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** The HTTP request for an op: a REST call with a bearer token, or an incoming-webhook post. */
export function toRequest(op: ChatOp, authorization: string): HttpRequest {
  const json = 'application/json; charset=UTF-8';
  if (op.method === 'webhook.post') {
    // The webhook URL already carries key and token in its query.
    const reply = op.params.messageReplyOption;
    return {
      url: `${op.path}${reply ? `&messageReplyOption=${encodeURIComponent(String(reply))}` : ''}`,
      method: 'post',
      contentType: json,
      payload: JSON.stringify(op.body ?? {}),
    };
  }
  if (op.method === 'media.upload') {
    const { content, boundary } = op.media!;
    const body = multipartRelated(
      op.body ?? {},
      { contentType: content.contentType, bytes: content.bytes() },
      boundary,
    );
    return {
      url: `${UPLOAD}${encodePath(op.path ?? '')}/attachments:upload?uploadType=multipart`,
      method: 'post',
      headers: { Authorization: authorization },
      ...body,
    };
  }
  const [verb, path] = ROUTES[op.method];
  return {
    url: API + path(encodePath(op.path ?? '')) + query(op.params),
    method: verb,
    headers: { Authorization: authorization },
    ...(op.body ? { contentType: json, payload: JSON.stringify(op.body) } : {}),
  };
}

/**
 * Chat API calls as REST requests and webhook posts, many at once in one `UrlFetchApp.fetchAll` (which
 * Apps Script runs in parallel). User calls carry the script's own OAuth token (`ScriptApp.getOAuthToken`),
 * app calls the headers the engine gives them. Exceptions are muted: an unmuted failure would quote the
 * URL, and a webhook URL holds its secret.
 */
export function fetchTransport(http: HttpPort, userToken: () => string): ChatTransport {
  const authorization = (headers?: Record<string, string>) =>
    headers?.Authorization ?? `Bearer ${userToken()}`;
  const t: ChatTransport = {
    call: (op, headers) => t.callMany([op], [headers])[0],
    callMany(ops, headers) {
      const requests = ops.map((op, i) =>
        toRequest(op, op.method === 'webhook.post' ? '' : authorization(headers[i])),
      );
      try {
        return http.fetchAll(requests).map((res) => fromResponse(res.code, res.text));
      } catch (e) {
        const message = errorText(e);
        // A daily quota: Apps Script sent none of them. Otherwise no answer (time-out, network): any of
        // these requests may or may not have arrived.
        const error = dailyQuotaFailure(message) ?? { code: 0, status: 'UNKNOWN', message };
        return ops.map((): ChatResult => ({ ok: false, status: 0, error }));
      }
    },
  };
  return t;
}

/** A Google REST answer: the resource, or a google.rpc.Status error body. */
export function fromResponse(code: number, text: string): ChatResult {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text || '{}') as Record<string, unknown>;
  } catch {
    /* an HTML error page: reported by its code */
  }
  if (code >= 200 && code < 300) return { ok: true, status: code, body };
  const err = (body.error ?? {}) as { code?: number; message?: string; status?: string };
  return {
    ok: false,
    status: code,
    error: { code, status: err.status ?? statusName(code), message: redact(err.message ?? `HTTP ${code}`) },
  };
}

/**
 * One client, two transports: single calls through the advanced service (blocking, ~300 ms each), bulk
 * calls in parallel through `fetchAll`. Webhook posts always go through `fetchAll`.
 */
export function routed(single: ChatTransport, bulk: ChatTransport): ChatTransport {
  return {
    call: (op, headers) => (op.method === 'webhook.post' ? bulk : single).call(op, headers),
    callMany: (ops, headers) => bulk.callMany(ops, headers),
  };
}
