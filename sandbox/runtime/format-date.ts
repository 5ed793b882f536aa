import { fromWallTime, offsetMinutes, wallTime } from './time-zones';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function offset(minutes: number, withColon: boolean, hoursOnly = false): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  if (hoursOnly) return `${sign}${pad(Math.floor(m / 60), 2)}`;
  return `${sign}${pad(Math.floor(m / 60), 2)}${withColon ? ':' : ''}${pad(m % 60, 2)}`;
}

function shortZoneName(t: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(
    new Date(t),
  );
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Java SimpleDateFormat patterns, as `Utilities.formatDate` takes them. */
export function formatDate(t: number, timeZone: string, pattern: string): string {
  const w = wallTime(t, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      // Quoted text is literal; '' is a quote, inside or outside quotes.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] !== "'") out += pattern[j];
        else if (pattern[j + 1] === "'") out += pattern[j++];
        else break;
      }
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    out += field(ch, n, t, w, timeZone);
    i += n;
  }
  return out;
}

function field(ch: string, n: number, t: number, w: ReturnType<typeof wallTime>, timeZone: string): string {
  switch (ch) {
    case 'y':
      return n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
    case 'M':
      return n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n);
    case 'd':
      return pad(w.day, n);
    case 'H':
      return pad(w.hour, n);
    case 'k':
      return pad(w.hour === 0 ? 24 : w.hour, n);
    case 'h':
      return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
    case 'K':
      return pad(w.hour % 12, n);
    case 'm':
      return pad(w.minute, n);
    case 's':
      return pad(w.second, n);
    case 'S':
      return pad(w.ms, 3).slice(0, Math.max(n, 3)).padEnd(n, '0');
    case 'a':
      return w.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
    case 'u':
      return String(w.weekday === 0 ? 7 : w.weekday);
    case 'z':
      return shortZoneName(t, timeZone);
    case 'Z':
      return offset(offsetMinutes(t, timeZone), false);
    case 'X': {
      const m = offsetMinutes(t, timeZone);
      if (m === 0) return 'Z';
      return offset(m, n >= 3, n === 1);
    }
    default:
      throw new Error(`Illegal pattern character '${ch}'`);
  }
}

/** Java-pattern parsing for `Utilities.parseDate` (numeric fields, month names, AM/PM, quoted text, offsets). */
export function parseDate(text: string, timeZone: string, pattern: string): number | null {
  const fields: string[] = [];
  let source = '';
  const tokens = pattern.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  for (const tok of tokens) {
    if (tok.startsWith("'")) {
      source += escape(tok === "''" ? "'" : tok.slice(1, -1).replace(/''/g, "'"));
    } else if (/^[A-Za-z]/.test(tok)) {
      const ch = tok[0];
      fields.push(tok.length >= 3 && ch === 'M' ? 'MMM' : ch);
      if (ch === 'M' && tok.length >= 3) source += '([A-Za-z]+)';
      else if (ch === 'a') source += '(AM|PM|am|pm)';
      else if (ch === 'E') source += '[A-Za-z]+';
      else if (ch === 'X' || ch === 'Z') source += '(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})';
      else source += tok.length >= 2 && ch !== 'y' ? `(\\d{${tok.length},})` : '(\\d+)';
      if (ch === 'E') fields.pop();
    } else {
      source += escape(tok);
    }
  }
  const m = new RegExp(`^${source}`).exec(text.trim());
  if (!m) return null;
  let [y, mo, d, h, mi, s, ms, pm, offset] = [1970, 1, 1, 0, 0, 0, 0, -1, undefined as number | undefined];
  fields.forEach((f, i) => {
    const v = m[i + 1];
    const n = Number(v);
    if (f === 'y') y = v.length <= 2 ? 2000 + n : n;
    else if (f === 'M') mo = n;
    else if (f === 'MMM')
      mo = MONTHS.findIndex((name) => name.toLowerCase().startsWith(v.toLowerCase().slice(0, 3))) + 1;
    else if (f === 'd') d = n;
    else if (f === 'H' || f === 'k') h = n;
    else if (f === 'h' || f === 'K') h = n % 12;
    else if (f === 'm') mi = n;
    else if (f === 's') s = n;
    else if (f === 'S') ms = n;
    else if (f === 'a') pm = /pm/i.test(v) ? 1 : 0;
    else if (f === 'X' || f === 'Z')
      offset =
        v === 'Z'
          ? 0
          : (v[0] === '-' ? -1 : 1) * (+v.slice(1, 3) * 60 + +(v.slice(-2) || 0) * (v.length > 3 ? 1 : 0));
  });
  if (mo < 1) return null;
  if (pm === 1) h += 12;
  if (offset !== undefined) return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60000;
  return fromWallTime(timeZone, y, mo, d, h, mi, s, ms);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
