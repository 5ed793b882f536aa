import { Status } from './contract/statuses';
import { MESSAGES, WEBHOOKS } from './contract/tabs';
import type { Env } from './engine/env';
import { CONTINUATION_KEY, CONTINUE_AFTER_MS, Run } from './engine/run';
import { describeCounts, processTab, type Step, type StepOptions } from './engine/step';
import { REFRESH_MESSAGES, stepFor, TAB_STEPS } from './tabs/steps';
import { webhooksTab } from './tabs/webhooks';
import { errorText } from './text/error-text';

export type JobName =
  | 'syncSpaces'
  | 'syncMembers'
  | 'sendMessages'
  | 'refreshMessages'
  | 'runAll'
  | 'checkRows'
  | 'runSelectedRows'
  | 'onSchedule';

/** Seconds a run waits for another one to finish before it gives up. */
export const LOCK_WAIT_MS = 5000;
export const SCHEDULE_MINUTES = 5;

/** Rows selected for runSelectedRows; `marks` fingerprint some of them when a continuation stored them. */
export interface Selection {
  sheet: string;
  rows: number[];
  marks?: Record<string, string>;
}

interface Continuation {
  job: JobName;
  rows?: number[];
  sheet?: string;
  marks?: Record<string, string>;
  /** Continuations in a row that died before they could save where they stopped. */
  attempts?: number;
}

/** As stored: selected rows as ranges ("2-900,905"), so a big selection fits in one property (9 KB). */
interface StoredContinuation {
  job: JobName;
  rows?: string | number[];
  sheet?: string;
  marks?: Record<string, string>;
  /** When its continueRun trigger should have fired: long after that, the trigger is taken as lost. */
  due?: number;
  attempts?: number;
}

/** A continuation still stored this long after its trigger was due has lost its trigger (a cut-off
 *  continueRun, a deleted trigger): the next run installs a new one. Wrongly taking a late trigger for
 *  lost only replaces it with one due a minute later. */
export const LOST_TRIGGER_MS = 5 * 60_000;
/** A continuation re-arms itself for after Apps Script's 6-minute limit before it starts working, so
 *  one that is killed (or crashes) is resumed even without the schedule; not more than this many times
 *  in a row, so a failure that repeats does not spin forever. */
export const RESUME_AFTER_MS = 7 * 60_000;
export const MAX_ATTEMPTS = 3;

/** The tabs a job works through, in order. Pasted webhook URLs leave the sheet before any message goes. */
function steps(job: JobName): Step[] {
  const { Webhooks, Spaces, Members, Messages } = TAB_STEPS;
  if (job === 'syncSpaces') return [Spaces];
  if (job === 'syncMembers') return [Members];
  if (job === 'sendMessages') return [Webhooks, Messages];
  if (job === 'refreshMessages') return [REFRESH_MESSAGES];
  // The schedule takes the rows that wait (RETRY, WAITING, SCHEDULED); it leaves the Webhooks tab alone.
  if (job === 'onSchedule') return [Spaces, Members, Messages];
  return [Webhooks, Spaces, Members, Messages];
}

/** Which rows a job takes: the schedule retries and sends what is due, refresh reads back DONE rows. */
function statuses(job: JobName): Set<string> | undefined {
  if (job === 'onSchedule') return new Set([Status.RETRY, Status.WAITING, Status.SCHEDULED]);
  if (job === 'refreshMessages') return new Set([Status.DONE]);
  return undefined;
}

/** Runs a job under the document lock, within the time budget, continuing later if it must. */
export function runJob(env: Env, job: JobName, selection?: Selection): Run | null {
  if (!env.lock.tryLock(LOCK_WAIT_MS)) {
    if (env.ui)
      env.ui.alert(
        'Another run is in progress',
        'Another Chat run is working on this spreadsheet. Try again in a minute.',
      );
    // A trigger run leaves quietly; a continuation comes back later (the schedule's next tick does too).
    else if (job !== 'onSchedule') {
      const failed = installContinuation(env, { job, ...selection });
      if (failed)
        env.logger.log(`Another run held the lock, and this ${job} run could not be rescheduled: ${failed}`);
    }
    return null;
  }
  const run = new Run(env);
  try {
    const opts: StepOptions = {
      check: job === 'checkRows',
      rows: selection ? new Set(selection.rows) : undefined,
      statuses: statuses(job),
    };
    run.check = opts.check;
    run.sendNow = !!selection;
    const selected = selection && stepFor(selection.sheet);
    let todo = selection ? (selected ? [selected] : []) : steps(job);
    if (selection && !todo.length)
      run.problems.add(
        `Select rows on the Spaces, Members, Messages or Webhooks tab to run them (the active tab is ${selection.sheet}).`,
      );
    // A continuation finds its rows by number: if rows were inserted or deleted meanwhile, those numbers
    // now name other rows (and a selected run sends scheduled messages now), so it stops instead.
    if (selection?.marks && todo.length && !sameRows(run, selection)) {
      todo = [];
      env.store.remove(CONTINUATION_KEY);
      run.problems.add(
        `The rows selected for an unfinished “Run selected rows” on ${selection.sheet} moved or changed before it could continue: select the rows still to do and run them again.`,
      );
    }
    if (selection?.sheet === MESSAGES.name && todo.length) storePastedWebhooks(run);
    let scheduled = 0;
    for (const step of todo) {
      const counts = step.process(run, opts);
      if (counts) run.note(describeCounts(step.spec.name, counts));
      scheduled += counts?.[Status.SCHEDULED] ?? 0;
      if (run.unfinished || run.stopped) break;
    }
    run.flush();
    if (scheduled && !opts.check && !env.triggers.list().some((t) => t.handler === 'onSchedule')) {
      enableSchedule(env);
      run.note(
        `Scheduled messages wait for their time: the schedule is now on (every ${SCHEDULE_MINUTES} minutes).`,
      );
    }
    if (run.unfinished) {
      const marked = selection && { ...selection, marks: marksOf(run, selection) };
      const failed = installContinuation(env, { job, ...marked });
      if (failed)
        run.problems.add(
          `This run stopped before the end and could not arrange to continue (${failed}): run it again from the Chat menu to finish the rest.`,
        );
      else run.note('Time is nearly up for this run: the rest continues automatically in about a minute.');
    } else {
      clearContinuation(env, job);
      tidyContinuation(env);
    }
  } finally {
    env.lock.release();
  }
  report(env, run);
  return run;
}

/** Selected Messages rows may use a webhook whose URL was pasted a moment ago: it is stored first (only
 *  freshly pasted URLs are taken, whatever their Status; checks store them too). */
export function storePastedWebhooks(run: Run): void {
  const stored = processTab(run, webhooksTab, { check: run.check, statuses: new Set() });
  if (stored && Object.keys(stored).length) run.note(describeCounts(WEBHOOKS.name, stored));
}

function report(env: Env, run: Run): void {
  for (const line of run.summary) env.logger.log(line);
  for (const p of run.problems) env.logger.log(p);
  if (!env.ui) return;
  if (run.problems.size) env.ui.alert('Chat: please fix the set-up', [...run.problems].join('\n\n'));
  env.ui.toast(run.summary.join(' · ') || 'Nothing to do.', 'Chat');
}

/** Stores where the run stopped and installs the one continueRun trigger; the reason when it can't. */
function installContinuation(env: Env, c: Continuation, afterMs = CONTINUE_AFTER_MS): string | null {
  const stored: StoredContinuation = {
    job: c.job,
    ...(c.sheet ? { sheet: c.sheet } : {}),
    ...(c.rows ? { rows: toRanges(c.rows) } : {}),
    ...(c.marks ? { marks: c.marks } : {}),
    due: env.clock.now() + afterMs,
    ...(c.attempts ? { attempts: c.attempts } : {}),
  };
  try {
    env.store.set(CONTINUATION_KEY, JSON.stringify(stored));
  } catch (e) {
    return `the script’s properties refused to save it: ${errorText(e)}`;
  }
  try {
    replaceTriggers(env, afterMs);
  } catch (e) {
    return `no trigger could be installed: ${errorText(e)}`;
  }
  return null;
}

/** Never more than one continueRun trigger: the old ones (spent or not) go before the new one comes. */
function replaceTriggers(env: Env, afterMs: number): void {
  for (const t of env.triggers.list()) if (t.handler === 'continueRun') env.triggers.remove(t.id);
  env.triggers.after('continueRun', afterMs);
}

/**
 * After a run that finished its own job: continueRun triggers left behind (a continueRun cut off before it
 * deleted its trigger, a continuation another run completed) go; a continuation still stored for another
 * job keeps exactly one live trigger.
 */
function tidyContinuation(env: Env): void {
  const c = readContinuation(env);
  const mine = env.triggers.list().filter((t) => t.handler === 'continueRun');
  if (!c) {
    for (const t of mine) env.triggers.remove(t.id);
    return;
  }
  const lost = c.due !== undefined && env.clock.now() > c.due + LOST_TRIGGER_MS;
  if (mine.length === 1 && !lost) return;
  const failed = installContinuation(env, c);
  if (failed) env.logger.log(`An unfinished ${c.job} run could not be rescheduled: ${failed}`);
}

/** Fingerprints of the input cells of the first and last row of each block of selected rows. */
function marksOf(run: Run, selection: Selection): Record<string, string> {
  const marks: Record<string, string> = {};
  const rows = [...new Set(selection.rows)].sort((a, b) => a - b);
  rows.forEach((r, i) => {
    if (rows[i - 1] !== r - 1 || rows[i + 1] !== r + 1) marks[r] = markOf(run, selection.sheet, r);
  });
  return marks;
}

function sameRows(run: Run, selection: Selection): boolean {
  return Object.entries(selection.marks ?? {}).every(
    ([r, m]) => markOf(run, selection.sheet, Number(r)) === m,
  );
}

function markOf(run: Run, sheet: string, row: number): string {
  const spec = stepFor(sheet)?.spec;
  const table = spec ? run.table(spec) : null;
  if (!spec || !table || typeof table === 'string') return '';
  const r = table.rows.find((x) => x.row === row);
  if (!r) return '-';
  const inputs = spec.columns.filter((c) => c.io === 'in').map((c) => r.get(c.header));
  return run.env.crypto.sha256Hex(JSON.stringify(inputs)).slice(0, 12);
}

function toRanges(rows: number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return out.join(',');
}

function fromRanges(ranges: string | number[]): number[] {
  if (Array.isArray(ranges)) return ranges;
  const rows: number[] = [];
  for (const part of ranges.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let r = a; r <= (b ?? a); r++) rows.push(r);
  }
  return rows;
}

function clearContinuation(env: Env, job: JobName): void {
  const stored = readContinuation(env);
  if (stored && (stored.job === job || job === 'runAll')) env.store.remove(CONTINUATION_KEY);
}

function readContinuation(env: Env): (Continuation & { due?: number }) | null {
  try {
    const raw = env.store.get(CONTINUATION_KEY);
    if (!raw) return null;
    const c = JSON.parse(raw) as StoredContinuation;
    return { ...c, rows: c.rows === undefined ? undefined : fromRanges(c.rows) };
  } catch {
    return null;
  }
}

/** Handler of the one-off trigger: finishes the stored job (see resume). */
export function continueRun(env: Env, triggerUid?: string): void {
  resume(env, triggerUid);
}

/** The time-driven trigger: finishes an unfinished run, then retries RETRY and WAITING rows. */
export function onSchedule(env: Env): void {
  if (resume(env) === 'pending') return;
  runJob(env, 'onSchedule');
}

/**
 * Finishes the stored continuation. Before it works it re-arms itself for after this execution's limit,
 * so a job whose execution is killed (or crashes) is resumed even without the schedule — but not more
 * than MAX_ATTEMPTS times in a row, so a failure that repeats does not spin forever. The job clears or
 * re-arms the continuation when it ends.
 */
function resume(env: Env, triggerUid?: string): 'none' | 'finished' | 'pending' {
  const c = readContinuation(env);
  if (!c || (c.attempts ?? 0) >= MAX_ATTEMPTS) {
    // With nothing left to continue, every continueRun trigger is a leftover.
    for (const t of env.triggers.list()) if (t.handler === 'continueRun') env.triggers.remove(t.id);
    if (c) {
      env.store.remove(CONTINUATION_KEY);
      env.logger.log(
        `An unfinished ${c.job} run died ${MAX_ATTEMPTS} times in a row before it could save its progress: it is not resumed again. Run it from the Chat menu.`,
      );
    }
    return 'none';
  }
  const failed = installContinuation(env, { ...c, attempts: (c.attempts ?? 0) + 1 }, RESUME_AFTER_MS);
  if (failed) {
    for (const t of env.triggers.list())
      if (t.handler === 'continueRun' && (!triggerUid || t.id === triggerUid)) env.triggers.remove(t.id);
    env.logger.log(`This continuation could not arrange its own resumption: ${failed}`);
  }
  const run = runJob(
    env,
    c.job,
    c.rows && c.sheet ? { sheet: c.sheet, rows: c.rows, marks: c.marks } : undefined,
  );
  return !run || run.unfinished ? 'pending' : 'finished';
}

export function enableSchedule(env: Env): string {
  const existing = env.triggers.list().filter((t) => t.handler === 'onSchedule');
  if (existing.length === 1) return `The schedule is already on: every ${SCHEDULE_MINUTES} minutes.`;
  for (const t of existing) env.triggers.remove(t.id);
  env.triggers.everyMinutes('onSchedule', SCHEDULE_MINUTES);
  return `Schedule on: every ${SCHEDULE_MINUTES} minutes, rows waiting or to retry are processed.`;
}

export function disableSchedule(env: Env): string {
  const existing = env.triggers.list().filter((t) => t.handler === 'onSchedule');
  for (const t of existing) env.triggers.remove(t.id);
  return existing.length ? 'Schedule off.' : 'The schedule was already off.';
}
