import type { Cell } from '../platform/ports';

/** Sheets parses written strings like typed input (`=x` becomes a formula, `007` a number…). Text the
 *  tool writes must stay text, so such strings get the apostrophe that tells Sheets "this is text". */
export function asText(value: string): string {
  if (value === '') return value;
  const looksParsed =
    /^[=+\-@']/.test(value) ||
    /^\s*[-+]?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?%?\s*$/i.test(value) ||
    /^\s*(true|false)\s*$/i.test(value) ||
    /^\s*\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?([ T]\d{1,2}:\d{2}(:\d{2})?)?\s*$/.test(value) ||
    /^\s*\d{1,2}:\d{2}(:\d{2})?\s*$/.test(value);
  return looksParsed ? `'${value}` : value;
}

export function toCell(value: Cell | null | undefined): Cell {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? asText(value) : value;
}

/** A cell as trimmed text (Dates and numbers as JavaScript prints them; use display values for templates). */
export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

/** An enumerated cell: upper case, spaces and hyphens as underscores; blank stays blank. */
export function enumValue(value: unknown): string {
  return text(value)
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}
