/** A1 notation ↔ row/column rectangles (1-based, as SpreadsheetApp counts). */

export interface Rect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Of(r: Rect): string {
  const start = `${columnLetters(r.col)}${r.row}`;
  if (r.numRows === 1 && r.numCols === 1) return start;
  return `${start}:${columnLetters(r.col + r.numCols - 1)}${r.row + r.numRows - 1}`;
}

/** Splits `'My tab'!A1:B2` into sheet name and range part. */
export function splitSheet(a1: string): { sheet?: string; range: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.*)$/.exec(a1);
  if (!m) return { range: a1 };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], range: m[3] };
}

/**
 * Parses `A1`, `A1:C5`, `A:C`, `2:5`, `A2:C` (open ends run to the sheet's size). Returns null when the
 * text is not a range.
 */
export function parseA1(range: string, maxRows: number, maxCols: number): Rect | null {
  const cell = /^\$?([A-Za-z]*)\$?(\d*)$/;
  const [a, b = a] = range.split(':');
  const m1 = cell.exec(a.trim());
  const m2 = cell.exec(b.trim());
  if (!m1 || !m2 || (!m1[1] && !m1[2]) || (!m2[1] && !m2[2])) return null;
  const c1 = m1[1] ? columnNumber(m1[1]) : 1;
  const r1 = m1[2] ? Number(m1[2]) : 1;
  const c2 = m2[1] ? columnNumber(m2[1]) : maxCols;
  const r2 = m2[2] ? Number(m2[2]) : maxRows;
  if (r1 < 1 || c1 < 1) return null;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}
