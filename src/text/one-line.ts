import { redact } from './redact';

export const MAX_DETAIL = 500;

/** Detail is one line of plain words, at most 500 characters, never carrying a secret. */
export function oneLine(text: string): string {
  const flat = redact(text).replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL ? flat.slice(0, MAX_DETAIL - 1) + '…' : flat;
}
