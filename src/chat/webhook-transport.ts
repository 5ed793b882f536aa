import { redact } from '../engine/redact';
import type { HttpPort, HttpRequest } from '../platform/ports';
import { statusName, type ChatTransport } from './advanced-service';
import type { ChatOp, ChatResult } from './ops';

/** Webhook posts through UrlFetchApp (exceptions muted: an unmuted failure would quote the URL). Many
 *  posts go out together in one fetchAll, which Apps Script runs in parallel. */
export function webhookTransport(http: HttpPort): ChatTransport {
  const request = (op: ChatOp): HttpRequest => {
    const reply = op.params.messageReplyOption;
    return {
      url: `${op.path}${reply ? `&messageReplyOption=${encodeURIComponent(String(reply))}` : ''}`,
      method: 'post',
      contentType: 'application/json; charset=UTF-8',
      payload: JSON.stringify(op.body ?? {}),
    };
  };
  const t: ChatTransport = {
    call: (op) => t.callMany([op], [])[0],
    callMany(ops) {
      try {
        return http.fetchAll(ops.map(request)).map((res) => fromResponse(res.code, res.text));
      } catch (e) {
        // No answer (time-out, network): any of these posts may or may not have arrived.
        const message = redact(String((e as Error)?.message ?? e)).replace(/^Exception: /, '');
        return ops.map((): ChatResult => ({
          ok: false,
          status: 0,
          error: { code: 0, status: 'UNKNOWN', message },
        }));
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

/** Chat API calls through the advanced service, webhook posts through UrlFetchApp. */
export function routed(api: ChatTransport, webhooks: ChatTransport): ChatTransport {
  const pick = (op: ChatOp) => (op.method === 'webhook.post' ? webhooks : api);
  return {
    call: (op, headers) => pick(op).call(op, headers),
    callMany(ops, headers) {
      const out: ChatResult[] = new Array(ops.length);
      for (const transport of [webhooks, api]) {
        const idx = ops.map((o, i) => (pick(o) === transport ? i : -1)).filter((i) => i >= 0);
        if (!idx.length) continue;
        const answers = transport.callMany(
          idx.map((i) => ops[i]),
          idx.map((i) => headers[i]),
        );
        idx.forEach((i, k) => (out[i] = answers[k]));
      }
      return out;
    },
  };
}
