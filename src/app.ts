// Wires the entry points to the core: builds the Env from the real services and reports failures.
import { advancedService } from './chat/advanced-service';
import { MENU, MENU_TITLE } from './contract/menu';
import type { Env } from './engine/env';
import { redact } from './engine/redact';
import * as jobs from './jobs';
import * as gas from './platform/apps-script';
import type { RunMode } from './platform/ports';
import { setUpSheets } from './setup-sheets';

export function env(mode: RunMode): Env {
  return {
    mode,
    workbook: gas.workbook(),
    ui: mode === 'menu' ? gas.ui() : null,
    store: gas.scriptStore(),
    clock: gas.clock,
    lock: gas.documentLock(),
    triggers: gas.triggers,
    crypto: gas.crypto,
    logger: gas.logger,
    transport: advancedService,
    userEmail: gas.activeUserEmail,
    random: Math.random,
    headers: () => undefined,
  };
}

/** A menu run: errors the core did not expect still reach the user as an alert, without secrets. */
export function menu(action: (e: Env) => void): void {
  const e = env('menu');
  try {
    action(e);
  } catch (err) {
    e.ui?.alert('Chat: something went wrong', redact(String((err as Error)?.message ?? err)));
    throw err;
  }
}

export function buildMenu(): void {
  const m = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const entry of MENU) {
    if (entry === 'separator') m.addSeparator();
    else m.addItem(entry.caption, entry.fn);
  }
  m.addToUi();
}

export const actions = {
  setUpSheets: (e: Env) => {
    const changes = setUpSheets(e.workbook);
    e.ui?.toast(
      changes.length ? `Set up: ${changes.join('; ')}.` : 'All tabs and headers are in place.',
      'Chat',
    );
  },
  run: (job: jobs.JobName) => (e: Env) => void jobs.runJob(e, job),
  runSelectedRows: (e: Env) => {
    const sel = e.workbook.selection();
    if (!sel.rows.filter((r) => r > 1).length) {
      e.ui?.alert(
        'Run selected rows',
        'Select one or more rows (below the header) on the Spaces or Members tab first.',
      );
      return;
    }
    jobs.runJob(e, 'runSelectedRows', { sheet: sel.sheet, rows: sel.rows.filter((r) => r > 1) });
  },
  schedule: (on: boolean) => (e: Env) =>
    e.ui?.toast(on ? jobs.enableSchedule(e) : jobs.disableSchedule(e), 'Chat'),
  notYet: (what: string) => (e: Env) =>
    e.ui?.alert('Not available yet', `${what} is not available in this version of sheets-to-chat yet.`),
};
