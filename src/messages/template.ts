// `{{Column header}}` placeholders in Text and in Card string values: a mail merge over the row's
// displayed values. The caller supplies the values; unknown placeholders are reported, never left in.
import { headerKey } from '../sheet/headers';

/** A column's displayed value by header as the placeholder spells it, or undefined for no such column. */
export type Lookup = (header: string) => string | undefined;

export type FillResult = { ok: true; text: string } | { ok: false; unknown: string[] };
export type FillCardResult<T> = { ok: true; card: T } | { ok: false; unknown: string[] };

// Whitespace inside the braces is tolerated (`{{ Name }}`); braces can't occur inside a name.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A lookup over a row's (header, displayed value) pairs, matching headers the way the tabs do
 *  (case, spaces, hyphens and underscores ignored). The first column wins if two headers match. */
export function lookupFrom(columns: Iterable<readonly [header: string, value: string]>): Lookup {
  const byKey = new Map<string, string>();
  for (const [header, value] of columns) {
    const k = headerKey(header);
    if (k && !byKey.has(k)) byKey.set(k, value);
  }
  return (header) => {
    const k = headerKey(header);
    return k ? byKey.get(k) : undefined;
  };
}

/** The placeholder names a text uses, in order of first use (for checks and Detail). */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/** Fills every placeholder in one pass: a value that itself contains `{{…}}` is inserted as is. */
export function fillText(text: string, lookup: Lookup): FillResult {
  const unknown: string[] = [];
  const filled = fillInto(text, lookup, unknown);
  return unknown.length ? { ok: false, unknown } : { ok: true, text: filled };
}

/**
 * Fills placeholders inside every string value of parsed card JSON (object keys are left alone). The
 * values go into JavaScript strings, not JSON text, so quotes, newlines, backslashes and any unicode
 * survive the later JSON.stringify exactly. Returns a copy; the input is not changed.
 */
export function fillCard<T>(card: T, lookup: Lookup): FillCardResult<T> {
  const unknown: string[] = [];
  const filled = walk(card, lookup, unknown) as T;
  return unknown.length ? { ok: false, unknown } : { ok: true, card: filled };
}

function walk(value: unknown, lookup: Lookup, unknown: string[]): unknown {
  if (typeof value === 'string') return fillInto(value, lookup, unknown);
  if (Array.isArray(value)) return value.map((v) => walk(v, lookup, unknown));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, lookup, unknown);
    return out;
  }
  return value;
}

function fillInto(text: string, lookup: Lookup, unknown: string[]): string {
  // A replacer function, not a replacement string: `$&` or `$1` in a value must stay literal.
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = name ? lookup(name) : undefined;
    if (value !== undefined) return value;
    const label = name || whole;
    if (!unknown.includes(label)) unknown.push(label);
    return whole;
  });
}
