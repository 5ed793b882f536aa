// The sandbox runtime's public surface: a local Apps Script V8 runtime for tests and `npm start`.
export { Sandbox } from './sandbox';
export type { AppsScriptManifest, ExecutionResult, RunOptions, SandboxOptions } from './sandbox';
export type { Latency } from './costs';
export { DEFAULT_LATENCY, SHEET_DATA_CALLS } from './costs';
export type { Outcome, TriggerMode } from './execution';
export type { SheetView, ValidationRule } from './workbook';
export { Workbook } from './workbook';
export type { CellValue } from './cell-values';
export type { ButtonName, UiAnswer, MenuItem, MenuRecord, ToastRecord, DialogRecord } from './services/ui';
export type { TriggerRecord } from './services/script-app';
export type { HttpFault, HttpHandler } from './services/url-fetch';
export type { DriveFileSpec } from './services/drive';
export { DriveFiles, MAX_BLOB_BYTES } from './services/drive';
