// The start date Import messages asks for: a date (or date-time) in the spreadsheet's time zone, as Send
// at reads it; blank means the last 7 days.
import type { Env } from '../engine/env';
import { parseSendAt } from '../messages/send-at';

export const DEFAULT_DAYS = 7;

export type Since = { ok: true; at: Date } | { ok: false; reason: string };

export function sinceOf(env: Env, answer: string): Since {
  const text = answer.trim();
  if (!text) return { ok: true, at: new Date(env.clock.now() - DEFAULT_DAYS * 86_400_000) };
  const parsed = parseSendAt(text, env.workbook.timeZone, env.calendar.offsetMinutes);
  if (!parsed.ok || !parsed.at)
    return {
      ok: false,
      reason: `Import messages: “${text.slice(0, 40)}” is not a date. Give the first day to import, like 2026-03-02 (the spreadsheet’s time zone), or leave it blank for the last ${DEFAULT_DAYS} days.`,
    };
  if (parsed.at.getTime() > env.clock.now())
    return {
      ok: false,
      reason: `Import messages: ${text.slice(0, 40)} is in the future: give a day in the past.`,
    };
  return { ok: true, at: parsed.at };
}
