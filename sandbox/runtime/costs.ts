/**
 * What each service call costs in virtual time. This is the one place that says which calls are
 * SpreadsheetApp "data calls" (round trips to the sheet, counted in `sheetDataCalls`), so the product's
 * batching shows up in the numbers the way it does in real executions.
 */
export interface Latency {
  /** A SpreadsheetApp data call (see SHEET_DATA_CALLS). */
  sheetData: number;
  /** One `Chat.*` advanced-service call. */
  chat: number;
  /** One HTTP request (`UrlFetchApp.fetch`, and each request of a `fetchAll`). */
  fetch: number;
  /** A DriveApp call that reaches Drive (getFileById, File.getBlob). */
  drive: number;
  /** Added once to the slowest request of a `fetchAll`. */
  fetchAllOverhead: number;
  /** Every other counted call (properties, cache, locks, triggers, toasts, …). */
  other: number;
}

export const DEFAULT_LATENCY: Latency = {
  sheetData: 50,
  chat: 300,
  fetch: 250,
  drive: 150,
  fetchAllOverhead: 20,
  other: 0,
};

/**
 * Calls that read or write cells (or the sheet's shape) and so cost a round trip in Apps Script.
 * getLastRow/getLastColumn/getDataRange are included: they must ask the server for the sheet's extent.
 * Builders and pure accessors (getRange, getRow, getA1Notation, getName, getSheetByName, …) are not.
 */
export const SHEET_DATA_CALLS: ReadonlySet<string> = new Set(
  [
    'getValues',
    'getValue',
    'getDisplayValues',
    'getDisplayValue',
    'getFormulas',
    'getFormula',
    'setValues',
    'setValue',
    'setFormula',
    'setFormulas',
    'getNotes',
    'getNote',
    'setNotes',
    'setNote',
    'getDataValidations',
    'getDataValidation',
    'setDataValidations',
    'setDataValidation',
    'clearDataValidations',
    'setNumberFormat',
    'setNumberFormats',
    'clearContent',
    'clearNote',
    'clear',
    'appendRow',
    'insertSheet',
    'deleteSheet',
    'insertRowsAfter',
    'insertRowAfter',
    'insertRowsBefore',
    'insertRowBefore',
    'deleteRow',
    'deleteRows',
    'insertColumnsAfter',
    'insertColumnAfter',
    'insertColumnsBefore',
    'insertColumnBefore',
    'deleteColumn',
    'deleteColumns',
    'getLastRow',
    'getLastColumn',
    'getDataRange',
    'setFrozenRows',
    'setFrozenColumns',
    'flush',
  ].map((m) => `SpreadsheetApp.${m}`),
);

export type CostClass = keyof Latency;

/** Calls that charge their own time: fetchAll its slowest request (url-fetch.ts), sleep its duration. */
const SELF_TIMED = new Set(['UrlFetchApp.fetchAll', 'Utilities.sleep']);

export function costClassOf(kind: string): CostClass | null {
  if (SELF_TIMED.has(kind)) return null;
  if (SHEET_DATA_CALLS.has(kind)) return 'sheetData';
  if (kind.startsWith('Chat.')) return 'chat';
  if (kind === 'UrlFetchApp.fetch') return 'fetch';
  if (kind.startsWith('DriveApp.')) return 'drive';
  return 'other';
}
