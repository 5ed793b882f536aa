import type { ChatFailure } from './ops';
import { oneLine } from '../text/one-line';

const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'BAD_GATEWAY',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The google.rpc status name of an HTTP code, for failures that come without one (both transports). */
export function statusName(code: number): string {
  return STATUS_BY_CODE[code] ?? (code ? `HTTP_${code}` : 'UNKNOWN');
}

/** An answer from Chat that names no status and whose words match none: final, never retried. */
export const UNCLASSIFIED = 'UNCLASSIFIED';

/** Apps Script refused the request itself: a daily quota of the script's is used up. Nothing was sent,
 *  and nothing will go until the quota resets. */
export const DAILY_QUOTA = 'DAILY_QUOTA';

const QUOTAS: [RegExp, string][] = [
  [/too many times for one day: urlfetch/i, 'URL fetches'],
  [/too many times for one day: properties/i, 'script property reads and writes'],
  [/too much computer time for one day/i, 'trigger run time'],
];

/** The failure of a request Apps Script refused for a daily quota (its exception's words), or null. */
export function dailyQuotaFailure(message: string): ChatFailure | null {
  const quota = QUOTAS.find(([pattern]) => pattern.test(message))?.[1];
  if (!quota) return null;
  return {
    code: 0,
    status: DAILY_QUOTA,
    message: `Apps Script’s daily quota of ${quota} is used up: nothing more is sent today; it resets within 24 hours, and the schedule (or a click then) carries on`,
  };
}

/** 429, 5xx and "no answer" are worth another try; everything else Chat said on purpose. */
export function isTransient(f: ChatFailure): boolean {
  if (f.status === UNCLASSIFIED || f.status === DAILY_QUOTA) return false;
  return f.code === 0 || f.code === 429 || f.code === 408 || (f.code >= 500 && f.code <= 599);
}

/** The Cloud project has no Chat app configured: every call will fail the same way. */
export function isAppMissing(f: ChatFailure): boolean {
  return f.code === 404 && /chat app not found/i.test(f.message);
}

export const APP_MISSING_ADVICE =
  'Google Chat app not configured in the Cloud project: in the Google Cloud console of this script’s ' +
  'project, enable the Google Chat API and fill in its Configuration page (app name, avatar, ' +
  'functionality). Chat requires this even for calls made as you.';

/** Chat refused a call made with administrator access (As = ADMIN): the person lacks the privilege or
 *  did not grant the admin scopes. Every ADMIN row would fail alike, so the run says it once. */
export const ADMIN_ADVICE =
  'As ADMIN needs the Google Workspace administrator privilege “Manage Chat and spaces conversations” ' +
  '(Admin console › Account › Admin roles), and the admin permissions granted when you authorised the ' +
  'script: ask your Workspace administrator, or use As USER in spaces you are a member of.';

const ADVICE: { when: (f: ChatFailure, method: string) => boolean; say: (f: ChatFailure) => string }[] = [
  { when: isAppMissing, say: () => APP_MISSING_ADVICE },
  {
    when: (f, m) => f.code === 409 && m === 'spaces.create',
    say: () => 'Display name already in use by another space: choose another Display name.',
  },
  {
    when: (f) => f.code === 400 && /group/i.test(f.message) && /e-?mail/i.test(f.message),
    say: () => 'Group e-mails are not accepted by Chat: use groups/<id> (the Google group’s id) in Member.',
  },
  {
    when: (f) => f.code === 401,
    say: () =>
      'Chat did not accept the sign-in (expired or revoked): run again; if it persists, re-authorise the script.',
  },
  {
    when: (f) => f.code === 403,
    say: (f) =>
      `Permission denied by Chat: ${f.message} — check that you are a member (or manager) of the space and that the script has the Chat permissions it asks for.`,
  },
  {
    when: (f) => f.code === 404,
    say: (f) => `Not found in Chat: ${f.message} — check the space or member exists and you can see it.`,
  },
  { when: (f) => f.code === 429, say: () => 'Chat’s rate limit was reached; the row will be tried again.' },
  {
    when: (f) => f.code === 0 || f.code >= 500,
    say: (f) => `Chat is temporarily unavailable (${f.message}); the row will be tried again.`,
  },
];

/** One readable line for Detail: plain advice, then Chat's own code in brackets. */
export function explain(f: ChatFailure, method: string): string {
  const rule = ADVICE.find((a) => a.when(f, method));
  const text = rule ? rule.say(f) : `Chat refused it: ${f.message}`;
  return oneLine(`${text} (Chat ${f.code || '—'} ${f.status})`);
}
