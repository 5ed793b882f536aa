import type { CryptoPort } from '../platform/ports';

/**
 * A request id that is the same every time for the same spreadsheet, tab, row key and purpose, so that a
 * re-run (after a cut-off, or with Status cleared) gets Chat's answer for the first request instead of
 * making a second resource. Shaped as a UUID, as Chat recommends.
 */
export function requestId(
  crypto: CryptoPort,
  spreadsheetId: string,
  tab: string,
  key: string,
  purpose = 'create',
): string {
  const h = crypto.sha256Hex(`sheets-to-chat|${spreadsheetId}|${tab}|${purpose}|${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
