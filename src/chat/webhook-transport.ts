import { redact } from '../engine/redact';
import type { HttpPort } from '../platform/ports';
import { statusName, type ChatTransport } from './advanced-service';
import type { ChatOp, ChatResult } from './ops';

/** Webhook posts through UrlFetchApp (exceptions muted: an unmuted failure would quote the URL). */
export function webhookTransport(http: HttpPort): ChatTransport {
  return {
    call(op) {
      const reply = op.params.messageReplyOption;
      const url = `${op.path}${reply ? `&messageReplyOption=${encodeURIComponent(String(reply))}` : ''}`;
      try {
        const [res] = http.fetchAll([
          {
            url,
            method: 'post',
            contentType: 'application/json; charset=UTF-8',
            payload: JSON.stringify(op.body ?? {}),
          },
        ]);
        return fromResponse(res.code, res.text);
      } catch (e) {
        // No answer (time-out, network): the post may or may not have arrived.
        const message = redact(String((e as Error)?.message ?? e)).replace(/^Exception: /, '');
        return { ok: false, status: 0, error: { code: 0, status: 'UNKNOWN', message } };
      }
    },
  };
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
  return { call: (op: ChatOp, headers) => (op.method === 'webhook.post' ? webhooks : api).call(op, headers) };
}
