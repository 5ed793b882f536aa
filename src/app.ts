// Wires the entry points to the core: builds the Env from the real services and reports failures.
import { errorText } from './text/error-text';
import { AppAuth, parseServiceAccountKey } from './auth/app-auth';
import { advancedService } from './chat/advanced-service';
import { fetchTransport, routed } from './chat/rest';
import { MENU, MENU_TITLE } from './contract/menu';
import { MESSAGES, SPACES } from './contract/tabs';
import { parseMemberRef } from './chat/refs';
import { personInput } from './imports/person';
import { SEARCH_WORDS, searchQuery } from './imports/search-query';
import { DEFAULT_DAYS, sinceOf } from './imports/since';
import type { Env } from './engine/env';
import { redact } from './text/redact';
import * as jobs from './jobs';
import * as gas from './platform/apps-script';
import type { HttpPort, RunMode } from './platform/ports';
import { setUpSheets } from './setup-sheets';

export function env(mode: RunMode): Env {
  const store = gas.scriptStore();
  const cache = gas.scriptCache();
  // Every request counts against Apps Script's daily URL fetch quota: the run says how many it made.
  let fetches = 0;
  const http: HttpPort = {
    fetchAll(requests) {
      const answers = gas.http.fetchAll(requests);
      fetches += requests.length;
      return answers;
    },
  };
  const auth = new AppAuth({
    store,
    cache,
    http,
    signer: gas.signer,
    clock: gas.clock,
  });
  // One token per execution unless Chat refuses it.
  let userToken: string | undefined;
  return {
    mode,
    workbook: gas.workbook(),
    ui: mode === 'menu' ? gas.ui() : null,
    store,
    cache,
    clock: gas.clock,
    lock: gas.documentLock(),
    triggers: gas.triggers,
    crypto: gas.crypto,
    logger: gas.logger,
    http,
    drive: gas.drive,
    calendar: gas.calendar,
    transport: routed(
      advancedService,
      fetchTransport(http, () => (userToken ??= gas.oauthToken())),
    ),
    urlFetches: () => fetches,
    userEmail: gas.activeUserEmail,
    random: Math.random,
    headers(a) {
      if (a === 'user') return { ok: true };
      const t = auth.token();
      return t.ok ? { ok: true, headers: { Authorization: `Bearer ${t.token}` } } : t;
    },
    invalidate(a) {
      if (a === 'app') auth.invalidate();
      else userToken = undefined;
    },
    appConfigured: () => auth.key() !== null,
    installAppKey: (key) => auth.install(key),
  };
}

/** A menu run: errors the core did not expect still reach the user as an alert, without secrets. */
export function menu(action: (e: Env) => void): void {
  const e = env('menu');
  try {
    action(e);
  } catch (err) {
    e.ui?.alert('Chat: something went wrong', errorText(err));
    throw err;
  }
}

/** The rows selected on the Spaces tab (below the header), if that is where the selection is. */
function selectedSpaces(e: Env): jobs.Selection | undefined {
  const sel = e.workbook.selection();
  const rows = sel.rows.filter((r) => r > 1);
  return sel.sheet === SPACES.name && rows.length ? { sheet: sel.sheet, rows } : undefined;
}

export function buildMenu(): void {
  gas.ui().addMenu(MENU_TITLE, MENU);
}

export const actions = {
  setUpSheets: (e: Env) => {
    const { changes, problems } = setUpSheets(e.workbook);
    if (problems.length) e.ui?.alert('Chat: please fix the set-up', problems.join('\n\n'));
    e.ui?.toast(
      changes.length ? `Set up: ${changes.join('; ')}.` : 'All tabs and headers are in place.',
      'Chat',
    );
  },
  run: (job: jobs.JobName) => (e: Env) => void jobs.runJob(e, job),
  runSelectedRows: (e: Env) => {
    const sel = e.workbook.selection();
    const rows = sel.rows.filter((r) => r > 1);
    if (!rows.length) {
      e.ui?.alert(
        'Run selected rows',
        'Select one or more rows (below the header) on the Spaces, Members, Messages or Webhooks tab first.',
      );
      return;
    }
    jobs.runJob(e, 'runSelectedRows', { selection: { sheet: sel.sheet, rows } });
  },
  /** Run selected rows on Messages rows: the sidebar's “Send this row”. */
  runSelectedMessages: (e: Env, rows: number[]) =>
    void jobs.runJob(e, 'runSelectedRows', { selection: { sheet: MESSAGES.name, rows } }),
  /** Follow up: the selected DONE Messages rows each get a reply row mentioning their Not yet. */
  followUp: (e: Env) => {
    const sel = e.workbook.selection();
    const rows = sel.rows.filter((r) => r > 1);
    if (sel.sheet !== MESSAGES.name || !rows.length)
      return e.ui?.alert(
        'Follow up',
        'Select the Messages rows to follow up first (DONE rows that Refresh messages has read back).',
      );
    jobs.runJob(e, 'followUp', { selection: { sheet: sel.sheet, rows } });
  },
  importSpaces: (e: Env) => {
    const answer = e.ui!.prompt(
      'Import spaces',
      `Leave blank and press OK to import every space you are a member of. Or search the whole organisation with your Workspace admin access: ${SEARCH_WORDS} (combine them), or Chat’s spaces.search syntax. Rows already on the Spaces tab are refreshed; nothing you typed is overwritten.`,
    );
    if (answer === null) return;
    const search = answer.trim() && searchQuery(answer, e.workbook.timeZone, e.calendar.offsetMinutes);
    if (search && !search.ok) return e.ui?.alert('Import spaces', search.reason);
    jobs.runJob(e, 'importSpaces', { input: answer });
  },
  importMembers: (e: Env) => jobs.runJob(e, 'importMembers', { selection: selectedSpaces(e) }),
  importMessages: (e: Env) => {
    const selection = selectedSpaces(e);
    if (!selection)
      return e.ui?.alert(
        'Import messages',
        'Select the rows of the spaces to import messages from on the Spaces tab first (rows with a Space).',
      );
    const answer = e.ui!.prompt(
      'Import messages',
      `Import messages sent since which day? Write it like 2026-03-02, or leave blank for the last ${DEFAULT_DAYS} days.`,
    );
    if (answer === null) return;
    const since = sinceOf(e, answer);
    if (!since.ok) return e.ui?.alert('Import messages', since.reason);
    jobs.runJob(e, 'importMessages', { selection, input: answer });
  },
  findPersonSpaces: (e: Env) => {
    const answer = e.ui!.prompt(
      'Find a person’s spaces',
      'The person’s e-mail address: every space where they are a member gets a row on the Members tab (set Action to REMOVE, clear Status and Sync members to take them out).',
    );
    if (answer === null) return;
    if (parseMemberRef(answer).kind !== 'user' || !answer.includes('@'))
      return e.ui?.alert(
        'Find a person’s spaces',
        `“${answer.trim().slice(0, 60)}” is not an e-mail address.`,
      );
    const admin = e.ui!.confirm(
      'Find a person’s spaces',
      'Look across the whole organisation with your Workspace admin access (Yes), or only in the spaces you are a member of (No)?',
    );
    jobs.runJob(e, 'findPersonSpaces', { input: personInput(answer, admin) });
  },
  schedule: (on: boolean) => (e: Env) =>
    e.ui?.toast(on ? jobs.enableSchedule(e) : jobs.disableSchedule(e), 'Chat'),
  setUpAppAuth: (e: Env) => {
    const ui = e.ui!;
    const pasted = ui.prompt(
      'Set up app authentication',
      'Paste the whole JSON key of the Chat app’s service account (Cloud console → IAM → Service accounts → Keys). It is stored in the script’s properties, never in the sheet.',
    );
    if (pasted === null) return;
    const parsed = parseServiceAccountKey(pasted);
    if (!parsed.ok) return ui.alert('App authentication not set up', parsed.reason);
    const tried = e.installAppKey(parsed.key);
    if (!tried.ok) return ui.alert('App authentication not set up', redact(tried.failure.message));
    ui.alert(
      'App authentication set up',
      `Rows with As = APP now post as the Chat app ${parsed.key.client_email}.`,
    );
  },
};
