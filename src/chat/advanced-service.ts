// The Advanced Chat service adapter: one of the two ChatTransports (rest.ts has the other).
import { statusName, UNCLASSIFIED } from './errors';
import type { ChatFailure, ChatOp, ChatTransport } from './ops';

const API_ERROR = /^(?:Exception: )?API call to (chat\.[\w.]+) failed with error: ?/;

/** Turns an advanced-service exception into a ChatFailure; anything else (a time-out of the execution,
 *  a bug) is not Chat's answer and is rethrown. The code comes from `e.details.code`; an exception
 *  without it is classified by Google's standard message for each status, and one that can't be is
 *  permanent (UNCLASSIFIED): Chat did answer, so trying again run after run would not help. */
export function failureFromException(e: unknown): ChatFailure {
  const err = e as { message?: unknown; details?: { code?: unknown; message?: unknown } };
  const message = String(err?.message ?? '');
  const code = Number(err?.details?.code);
  if (!API_ERROR.test(message) && !Number.isFinite(code)) throw e;
  const text = String(err?.details?.message ?? message.replace(API_ERROR, '')) || 'no message';
  if (Number.isFinite(code) && code > 0) return { code, status: statusName(code), message: text };
  const guessed = MESSAGES.find(([pattern]) => pattern.test(text))?.[1];
  return guessed
    ? { code: guessed, status: statusName(guessed), message: text }
    : { code: 0, status: UNCLASSIFIED, message: text };
}

/** google.rpc's default message of each status, as APIs word them when they give no other
 *  (https://cloud.google.com/apis/design/errors#handling_errors). */
const MESSAGES: [RegExp, number][] = [
  [/requested entity was not found|\bnot found\b/i, 404],
  [/already exists/i, 409],
  [/caller does not have permission|permission denied|PERMISSION_DENIED/i, 403],
  [/invalid authentication credentials|unauthenticated|UNAUTHENTICATED/i, 401],
  [/resource has been exhausted|quota|rate limit|RESOURCE_EXHAUSTED/i, 429],
  [/deadline (exceeded|expired)|DEADLINE_EXCEEDED/i, 504],
  [/service is currently unavailable|UNAVAILABLE|backend error/i, 503],
  [/internal error/i, 500],
  [/\bINTERNAL\b/, 500],
  [/invalid argument|INVALID_ARGUMENT|invalid json payload/i, 400],
];

type Call = (op: ChatOp, h: Record<string, string> | undefined) => unknown;

const args = (o: ChatOp) => o.params as Record<string, never>;
const body = <T>(o: ChatOp) => (o.body ?? {}) as T;

const CALLS: Record<Exclude<ChatOp['method'], 'webhook.post'>, Call> = {
  'spaces.create': (o, h) => Chat.Spaces.create(body(o), args(o), h),
  'spaces.setup': (o, h) => Chat.Spaces.setup(body(o), h),
  'spaces.get': (o, h) => Chat.Spaces.get(o.path!, args(o), h),
  'spaces.list': (o, h) => Chat.Spaces.list(args(o), h),
  'spaces.search': (o, h) => Chat.Spaces.search(args(o), h),
  'spaces.patch': (o, h) => Chat.Spaces.patch(body(o), o.path!, args(o), h),
  'spaces.delete': (o, h) => Chat.Spaces.remove(o.path!, args(o), h),
  'spaces.members.create': (o, h) => Chat.Spaces.Members.create(body(o), o.path!, args(o), h),
  'spaces.members.get': (o, h) => Chat.Spaces.Members.get(o.path!, args(o), h),
  'spaces.members.list': (o, h) => Chat.Spaces.Members.list(o.path!, args(o), h),
  'spaces.members.patch': (o, h) => Chat.Spaces.Members.patch(body(o), o.path!, args(o), h),
  'spaces.members.delete': (o, h) => Chat.Spaces.Members.remove(o.path!, args(o), h),
  'spaces.messages.create': (o, h) => Chat.Spaces.Messages.create(body(o), o.path!, args(o), h),
  'spaces.messages.get': (o, h) => Chat.Spaces.Messages.get(o.path!, args(o), h),
  'spaces.messages.list': (o, h) => Chat.Spaces.Messages.list(o.path!, args(o), h),
  'spaces.messages.patch': (o, h) => Chat.Spaces.Messages.patch(body(o), o.path!, args(o), h),
  'spaces.messages.delete': (o, h) => Chat.Spaces.Messages.remove(o.path!, args(o), h),
  'media.upload': (o, h) =>
    Chat.Media.upload(body(o), o.path!, o.media!.content.blob() as GoogleAppsScript.Base.Blob, args(o), h),
  'spaces.messages.reactions.list': (o, h) => Chat.Spaces.Messages.Reactions.list(o.path!, args(o), h),
};

function withoutUndefined(params: ChatOp['params']): ChatOp['params'] {
  const out: ChatOp['params'] = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}

export const advancedService: ChatTransport = {
  callMany(ops, headers) {
    return ops.map((o, i) => advancedService.call(o, headers[i]));
  },
  call(o, headers) {
    try {
      if (o.method === 'webhook.post') throw new Error('webhook posts go through the webhook transport');
      const result = CALLS[o.method]({ ...o, params: withoutUndefined(o.params) }, headers);
      return { ok: true, status: 200, body: (result ?? {}) as Record<string, unknown> };
    } catch (e) {
      const error = failureFromException(e);
      return { ok: false, status: error.code, error };
    }
  },
};
