import { Status } from './contract/statuses';
import type { Env } from './engine/env';
import { CONTINUATION_KEY, CONTINUE_AFTER_MS, Run } from './engine/run';
import { describeCounts, processTab, type StepOptions, type TabHandler } from './engine/step';
import { membersTab } from './tabs/members';
import { messagesTab, refreshTab } from './tabs/messages';
import { spacesTab } from './tabs/spaces';
import { webhooksTab } from './tabs/webhooks';

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

interface Continuation {
  job: JobName;
  rows?: number[];
  sheet?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyHandler = TabHandler<any>;
const HANDLERS: Record<string, AnyHandler> = {
  Webhooks: webhooksTab,
  Spaces: spacesTab,
  Members: membersTab,
  Messages: messagesTab,
};

/** The tabs a job works through, in order. Pasted webhook URLs leave the sheet before any message goes. */
function steps(job: JobName): AnyHandler[] {
  if (job === 'syncSpaces') return [spacesTab];
  if (job === 'syncMembers') return [membersTab];
  if (job === 'sendMessages') return [webhooksTab, messagesTab];
  if (job === 'refreshMessages') return [refreshTab];
  return [webhooksTab, spacesTab, membersTab, messagesTab];
}

/** Which rows a job takes: the schedule retries and sends what is due, refresh reads back DONE rows. */
function statuses(job: JobName): Set<string> | undefined {
  if (job === 'onSchedule') return new Set([Status.RETRY, Status.WAITING, Status.SCHEDULED]);
  if (job === 'refreshMessages') return new Set([Status.DONE]);
  return undefined;
}

/** Runs a job under the document lock, within the time budget, continuing later if it must. */
export function runJob(env: Env, job: JobName, selection?: { sheet: string; rows: number[] }): Run | null {
  if (!env.lock.tryLock(LOCK_WAIT_MS)) {
    if (env.ui)
      env.ui.alert(
        'Another run is in progress',
        'Another Chat run is working on this spreadsheet. Try again in a minute.',
      );
    else if (job !== 'onSchedule') installContinuation(env, { job, ...selection });
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
    const handlers = selection ? [HANDLERS[selection.sheet]].filter(Boolean) : steps(job);
    if (selection && !handlers.length)
      run.problems.add(
        `Select rows on the Spaces, Members, Messages or Webhooks tab to run them (the active tab is ${selection.sheet}).`,
      );
    let scheduled = 0;
    for (const handler of handlers) {
      if (job === 'onSchedule' && handler === webhooksTab) continue;
      const counts = processTab(run, handler, opts);
      if (counts) run.note(describeCounts(handler.spec.name, counts));
      scheduled += counts?.[Status.SCHEDULED] ?? 0;
      if (run.unfinished || run.stopOnProblem) break;
    }
    run.flush();
    if (scheduled && !opts.check && !env.triggers.list().some((t) => t.handler === 'onSchedule')) {
      enableSchedule(env);
      run.note(
        `Scheduled messages wait for their time: the schedule is now on (every ${SCHEDULE_MINUTES} minutes).`,
      );
    }
    if (run.unfinished) {
      installContinuation(env, { job, ...selection });
      run.note('Time is nearly up for this run: the rest continues automatically in about a minute.');
    } else clearContinuation(env, job);
  } finally {
    env.lock.release();
  }
  report(env, run);
  return run;
}

function report(env: Env, run: Run): void {
  for (const line of run.summary) env.logger.log(line);
  for (const p of run.problems) env.logger.log(p);
  if (!env.ui) return;
  if (run.problems.size) env.ui.alert('Chat: please fix the set-up', [...run.problems].join('\n\n'));
  env.ui.toast(run.summary.join(' · ') || 'Nothing to do.', 'Chat');
}

function installContinuation(env: Env, c: Continuation): void {
  env.store.set(CONTINUATION_KEY, JSON.stringify(c));
  for (const t of env.triggers.list()) if (t.handler === 'continueRun') env.triggers.remove(t.id);
  env.triggers.after('continueRun', CONTINUE_AFTER_MS);
}

function clearContinuation(env: Env, job: JobName): void {
  const stored = readContinuation(env);
  if (stored && (stored.job === job || job === 'runAll')) env.store.remove(CONTINUATION_KEY);
}

function readContinuation(env: Env): Continuation | null {
  try {
    const raw = env.store.get(CONTINUATION_KEY);
    return raw ? (JSON.parse(raw) as Continuation) : null;
  } catch {
    return null;
  }
}

/** Handler of the one-off trigger: removes itself, then finishes the stored job. */
export function continueRun(env: Env, triggerUid?: string): void {
  for (const t of env.triggers.list())
    if (t.handler === 'continueRun' && (!triggerUid || t.id === triggerUid)) env.triggers.remove(t.id);
  const c = readContinuation(env);
  if (!c) return;
  runJob(env, c.job, c.rows && c.sheet ? { sheet: c.sheet, rows: c.rows } : undefined);
}

/** The time-driven trigger: finishes an unfinished run, then retries RETRY and WAITING rows. */
export function onSchedule(env: Env): void {
  const c = readContinuation(env);
  if (c) {
    for (const t of env.triggers.list()) if (t.handler === 'continueRun') env.triggers.remove(t.id);
    const run = runJob(env, c.job, c.rows && c.sheet ? { sheet: c.sheet, rows: c.rows } : undefined);
    if (!run || run.unfinished) return;
  }
  runJob(env, 'onSchedule');
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
