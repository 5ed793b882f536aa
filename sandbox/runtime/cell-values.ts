import { formatDate } from './format-date';
import { isDate } from './realm';
import { fromWallTime } from './time-zones';
import { ScriptError } from './errors';

/** A cell's value as SpreadsheetApp returns it: '' is an empty cell. */
export type CellValue = string | number | boolean | Date;

/** What one write stores: the value, and the formula or date-only flag Sheets remembers with it. */
export interface Entry {
  value: CellValue;
  formula?: string;
  /** A date typed without a time: displayed without one. */
  dateOnly?: boolean;
}

export const MAX_CELL_CHARS = 50000;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Interprets a string the way Sheets interprets a user-entered value (setValue/setValues use the
 * "user entered" mode): numbers, booleans, formulas, dates in the spreadsheet's time zone; a leading
 * apostrophe keeps the text as typed.
 */
export function parseEntered(text: string, timeZone: string): Entry {
  if (text.startsWith("'")) return { value: text.slice(1) };
  const t = text.trim();
  if (t.startsWith('=') && t.length > 1) return { value: evaluateFormula(t), formula: t };
  if (NUMBER.test(t)) return { value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const iso = ISO.exec(t);
  if (iso) return dateEntry(timeZone, +iso[1], +iso[2], +iso[3], iso[4], iso[5], iso[6], iso[7], iso[8]);
  const us = US.exec(t);
  if (us) return dateEntry(timeZone, +us[3], +us[1], +us[2], us[4], us[5], us[6]);
  return { value: text };
}

function dateEntry(
  tz: string,
  y: number,
  mo: number,
  d: number,
  h?: string,
  mi?: string,
  s?: string,
  ms?: string,
  zone?: string,
): Entry {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return { value: `${y}-${mo}-${d}` };
  const msNum = ms ? Number(ms.padEnd(3, '0')) : 0;
  if (zone) {
    const m = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2));
    return { value: new Date(Date.UTC(y, mo - 1, d, +(h ?? 0), +(mi ?? 0), +(s ?? 0), msNum) - m * 60000) };
  }
  const t = fromWallTime(tz, y, mo, d, +(h ?? 0), +(mi ?? 0), +(s ?? 0), msNum);
  return h === undefined ? { value: new Date(t), dateOnly: true } : { value: new Date(t) };
}

/** Only HYPERLINK is worth modelling (it is how links are written); anything else reads as an error. */
function evaluateFormula(formula: string): CellValue {
  const link = /^=HYPERLINK\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)$/i.exec(formula);
  if (link) return link[2] ?? link[1];
  return '#ERROR!';
}

/** A value the script writes: strings are parsed as user input unless the cell is formatted as text. */
export function entryFromScript(v: unknown, timeZone: string, plainText: boolean): Entry {
  if (v === null || v === undefined) return { value: '' };
  if (typeof v === 'number') return { value: Number.isFinite(v) ? v : '#NUM!' };
  if (typeof v === 'boolean') return { value: v };
  if (isDate(v)) return { value: new Date(v.getTime()) };
  const s = typeof v === 'string' ? v : String(v);
  if (s.length > MAX_CELL_CHARS) {
    throw new ScriptError('Your input contains more than the maximum of 50000 characters in a single cell.');
  }
  return plainText ? { value: s } : parseEntered(s, timeZone);
}

/** The text Sheets shows for a cell: its automatic format, or a (minimal) explicit number format. */
export function displayValue(e: Entry | undefined, timeZone: string, numberFormat?: string): string {
  if (!e) return '';
  const v = e.value;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    if (numberFormat && numberFormat !== '@')
      return formatDate(v.getTime(), timeZone, sheetsToJava(numberFormat));
    return formatDate(v.getTime(), timeZone, e.dateOnly ? 'M/d/yyyy' : 'M/d/yyyy H:mm:ss');
  }
  if (typeof v === 'number') {
    const fixed = numberFormat ? /^0(?:\.(0+))?$/.exec(numberFormat) : null;
    if (fixed) return v.toFixed(fixed[1]?.length ?? 0);
    return String(v);
  }
  return v;
}

/** Sheets' date format ('yyyy-mm-dd hh:mm', 'm' = month unless next to h or s) → Java pattern. */
export function sheetsToJava(format: string): string {
  const tokens = format.match(/y+|m+|d+|h+|s+|am\/pm|"[^"]*"|./gi) ?? [];
  return tokens
    .map((tok, i) => {
      const lower = tok.toLowerCase();
      if (lower.startsWith('m')) {
        const prev = tokens
          .slice(0, i)
          .reverse()
          .find((x) => /^[a-z]/i.test(x))
          ?.toLowerCase();
        const next = tokens
          .slice(i + 1)
          .find((x) => /^[a-z]/i.test(x))
          ?.toLowerCase();
        return prev?.startsWith('h') || next?.startsWith('s') ? lower : lower.toUpperCase();
      }
      if (lower.startsWith('h')) return /am\/pm/i.test(format) ? lower : lower.toUpperCase();
      if (lower === 'am/pm') return 'a';
      if (tok.startsWith('"')) return `'${tok.slice(1, -1)}'`;
      return /^[a-z]/i.test(tok) ? lower : tok;
    })
    .join('');
}
