// Shared by the SpreadsheetApp fakes (spreadsheet.ts, sheet.ts, range.ts).
import type { ServiceContext } from './context';

export const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

/** Every spreadsheet fake counts its round trips under `SpreadsheetApp.<method>` (see costs.ts). */
export function io<T>(ctx: ServiceContext, method: string, effect: () => T): T {
  return ctx.exec.call(`SpreadsheetApp.${method}`, effect);
}
