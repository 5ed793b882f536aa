// The Send at column: when a message is due. Date cells are absolute instants already; typed text may be
// absolute (ISO with Z or an offset) or local wall-clock time, which means the SPREADSHEET's time zone —
// not the script's, and not UTC — because that is the clock the person typing it is looking at.

export type SendAtResult = { ok: true; at: Date | null } | { ok: false; reason: string };

/** Minutes to add to UTC to get local time in `tz` at the instant `utcMs` (Paris in winter: 60). */
export type OffsetMinutes = (utcMs: number, tz: string) => number;

const EXAMPLE = 'write it like 2026-03-02 09:45 (the spreadsheet’s time zone) or 2026-03-02T09:45:00Z';

const ABSOLUTE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/i;

export function parseSendAt(cell: unknown, timeZone: string, offsetMinutes: OffsetMinutes): SendAtResult {
  if (cell === null || cell === undefined) return { ok: true, at: null };
  if (cell instanceof Date) {
    if (isNaN(cell.getTime())) return bad(`Send at is not a valid date: ${EXAMPLE}.`);
    return { ok: true, at: new Date(cell.getTime()) };
  }
  if (typeof cell === 'number')
    return bad(
      `Send at is the number ${cell}, not a date-time: format the cell as Format › Number › Date time, or ${EXAMPLE}.`,
    );
  if (typeof cell !== 'string') return bad(`Send at is not a date-time: ${EXAMPLE}.`);
  const text = cell.trim();
  if (!text) return { ok: true, at: null };

  const abs = ABSOLUTE.exec(text);
  if (abs) {
    const wall = wallClockMs(abs);
    if (wall === null) return bad(`Send at “${short(text)}” is not a real date or time: ${EXAMPLE}.`);
    const zone = abs[8].toUpperCase();
    let offset = 0;
    if (zone !== 'Z') {
      const digits = zone.replace(':', '');
      const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0');
      if (minutes > 18 * 60) return bad(`Send at “${short(text)}” has an impossible UTC offset: ${EXAMPLE}.`);
      offset = digits[0] === '-' ? -minutes : minutes;
    }
    return { ok: true, at: new Date(wall - offset * 60_000) };
  }

  const local = LOCAL.exec(text);
  if (local) {
    const wall = wallClockMs(local);
    if (wall === null) return bad(`Send at “${short(text)}” is not a real date or time: ${EXAMPLE}.`);
    return { ok: true, at: new Date(localToUtc(wall, timeZone, offsetMinutes)) };
  }
  return bad(`Send at “${short(text)}” is not a date-time Chat can schedule: ${EXAMPLE}.`);
}

/**
 * The UTC instant shown as wall-clock time `wallMs` (that wall clock read as if it were UTC) in `tz`.
 * The offset is taken at a first guess and then again at the instant it gives, so a time near a DST
 * change uses the offset in force at the target, not at the wall-clock reading. Times in the gap of a
 * spring-forward change (02:30 in Paris on the last Sunday of March) come out an hour later (03:30);
 * times repeated at a fall-back change mean their second occurrence.
 */
export function localToUtc(wallMs: number, tz: string, offsetMinutes: OffsetMinutes): number {
  const guess = wallMs - offsetMinutes(wallMs, tz) * 60_000;
  return wallMs - offsetMinutes(guess, tz) * 60_000;
}

/** "2026-03-02 09:45 (Europe/Paris)" for Detail; `format` is e.g. Utilities.formatDate. */
export function describeTime(
  at: Date,
  timeZone: string,
  format: (d: Date, tz: string, pattern: string) => string,
): string {
  return `${format(at, timeZone, 'yyyy-MM-dd HH:mm')} (${timeZone})`;
}

/** Date and time fields of a match (groups 1–7) as milliseconds on a UTC clock, or null if impossible. */
function wallClockMs(m: RegExpExecArray): number | null {
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const ms = Number((m[7] ?? '').padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 2026-02-30 over to March 2: refuse days the month doesn't have.
  if (new Date(t).getUTCDate() !== d) return null;
  return t;
}

const short = (text: string): string => (text.length > 40 ? text.slice(0, 40) + '…' : text);

function bad(reason: string): SendAtResult {
  return { ok: false, reason };
}
