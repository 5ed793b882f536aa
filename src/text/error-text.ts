import { redact } from './redact';

/**
 * What an exception says, fit to show: its message (or the thrown value itself), redacted because a
 * failed fetch quotes its URL and a webhook URL holds its secret, and without the "Exception: " that
 * Apps Script puts before every service error.
 */
export function errorText(e: unknown): string {
  return redact(String((e as Error)?.message ?? e)).replace(/^Exception: /, '');
}
