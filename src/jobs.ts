import {
  continueLater,
  dropContinuation,
  marksOf,
  resume,
  sameRows,
  settleContinuation,
} from './continuation';
import { dailyQuotaFailure } from './chat/errors';
import { Status } from './contract/statuses';
import { errorText } from './text/error-text';
import type { Env } from './engine/env';
import { LOCK_WAIT_MS, Run } from './engine/run';
import { runTogether, type Step, type StepOptions } from './engine/step';
import { IMPORT_STEPS, isImport, type ImportJob } from './imports/steps';
import { FOLLOW_UP, PASTED_WEBHOOKS, REFRESH_MESSAGES, stepFor, TAB_STEPS } from './tabs/steps';

export type JobName =
  | 'syncSpaces'
  | 'syncMembers'
  | 'sendMessages'
  | 'refreshMessages'
  | 'followUp'
  | 'runAll'
  | 'checkRows'
  | 'runSelectedRows'
  | 'onSchedule'
  | ImportJob;

export const SCHEDULE_MINUTES = 5;

/** Rows selected for runSelectedRows (or the Spaces rows an import reads from); `marks` fingerprint some
 *  of them when a continuation stored them. */
export interface Selection {
  sheet: string;
  rows: number[];
  marks?: Record<string, string>;
}

/** What a job is given besides its name: selected rows, a prompt's answer, and where an unfinished
 *  import stopped (kept by its continuation). */
export interface JobArgs {
  selection?: Selection;
  input?: string;
  after?: string;
}

/** The tabs a job works through, in order; the tabs of one group are worked through together (a space's
 *  members and messages go as soon as it is made: see runTogether). Pasted webhook URLs leave the sheet
 *  before any message goes. */
function steps(job: JobName): Step[][] {
  const { Webhooks, Spaces, Members, Messages } = TAB_STEPS;
  if (job === 'syncSpaces') return [[Spaces]];
  if (job === 'syncMembers') return [[Members]];
  if (job === 'sendMessages') return [[Webhooks], [Messages]];
  if (job === 'refreshMessages') return [[REFRESH_MESSAGES]];
  if (job === 'followUp') return [[FOLLOW_UP]];
  if (isImport(job)) return [[IMPORT_STEPS[job]]];
  // The schedule takes the rows that wait (RETRY, WAITING, SCHEDULED); it leaves the Webhooks tab alone.
  if (job === 'onSchedule') return [[Spaces, Members, Messages]];
  return [[Webhooks], [Spaces, Members, Messages]];
}

/** Run selected rows on a tab. Selected Messages rows may use a webhook whose URL was pasted a moment
 *  ago: it is stored first. */
function selectedSteps(tab: Step): Step[][] {
  return tab === TAB_STEPS.Messages ? [[PASTED_WEBHOOKS], [tab]] : [[tab]];
}

/** Which rows a job takes: the schedule retries and sends what is due, refresh reads back DONE rows. */
function statuses(job: JobName): Set<string> | undefined {
  if (job === 'onSchedule') return new Set([Status.RETRY, Status.WAITING, Status.SCHEDULED]);
  if (job === 'refreshMessages') return new Set([Status.DONE]);
  return undefined;
}

/** Runs a job under the document lock, within the time budget, continuing later if it must. */
export function runJob(env: Env, job: JobName, args: JobArgs = {}): Run | null {
  const { selection } = args;
  if (!env.lock.tryLock(LOCK_WAIT_MS)) {
    busy(env, job, args);
    return null;
  }
  const run = new Run(env);
  try {
    const opts: StepOptions = {
      check: job === 'checkRows',
      rows: selection ? new Set(selection.rows) : undefined,
      statuses: statuses(job),
      input: args.input,
      after: args.after,
    };
    run.check = opts.check;
    run.sendNow = !!selection;
    const selected = selection && stepFor(selection.sheet);
    let scheduled = 0;
    try {
      for (const group of selection ? selectionSteps(run, job, selection) : steps(job)) {
        for (const counts of runTogether(run, group, opts)) scheduled += counts?.[Status.SCHEDULED] ?? 0;
        if (run.unfinished || run.stopped) break;
      }
    } catch (e) {
      // A daily quota Apps Script enforces on a service the run needs (script properties): stop here,
      // keep what was done, say which quota and when work resumes. Anything else is a bug: rethrown.
      const quota = dailyQuotaFailure(errorText(e));
      if (!quota) throw e;
      run.stop(`${quota.message}.`);
    }
    // What the run used of Apps Script's daily URL fetch quota, in the execution log.
    const fetches = env.urlFetches();
    if (fetches)
      env.logger.log(
        `${fetches} URL fetch${fetches === 1 ? '' : 'es'} (Apps Script allows 20,000 a day, 100,000 with Workspace).`,
      );
    run.flush();
    if (scheduled && !opts.check) scheduleIfOff(run);
    if (run.unfinished) {
      const marked = selection && {
        ...selection,
        marks: selected && marksOf(run, selected.spec, selection.rows),
      };
      const failed = continueLater(env, {
        job,
        ...marked,
        input: args.input,
        after: run.cursor ?? args.after,
      });
      if (failed)
        run.problems.add(
          `This run stopped before the end and could not arrange to continue (${failed}): run it again from the Chat menu to finish the rest.`,
        );
      else run.note('Time is nearly up for this run: the rest continues automatically in about a minute.');
    } else settleContinuation(env, job);
  } finally {
    env.lock.release();
  }
  report(env, run);
  return run;
}

/** Another run holds the lock: a menu run says so; a trigger run leaves quietly, and a continuation
 *  comes back later (the schedule's next tick does too). */
function busy(env: Env, job: JobName, args: JobArgs): void {
  if (env.ui)
    env.ui.alert(
      'Another run is in progress',
      'Another Chat run is working on this spreadsheet. Try again in a minute.',
    );
  else if (job !== 'onSchedule') {
    const failed = continueLater(env, { job, ...args.selection, input: args.input, after: args.after });
    if (failed)
      env.logger.log(`Another run held the lock, and this ${job} run could not be rescheduled: ${failed}`);
  }
}

/** The steps of Run selected rows (or of an import from selected Spaces rows), or none (and why) for a
 *  sheet that is not a tab of the tool, or for a continuation whose rows moved meanwhile. */
function selectionSteps(run: Run, job: JobName, selection: Selection): Step[][] {
  if (job === 'followUp') return steps(job);
  const selected = stepFor(selection.sheet);
  if (!selected || (isImport(job) && selected !== TAB_STEPS.Spaces)) {
    run.problems.add(
      isImport(job)
        ? `Select rows on the Spaces tab to import from their spaces (the active tab is ${selection.sheet}).`
        : `Select rows on the Spaces, Members, Messages or Webhooks tab to run them (the active tab is ${selection.sheet}).`,
    );
    return [];
  }
  // A continuation finds its rows by number: if rows were inserted or deleted meanwhile, those numbers
  // now name other rows (and a selected run sends scheduled messages now), so it stops instead.
  if (selection.marks && !sameRows(run, selected.spec, selection.marks, selection.rows)) {
    dropContinuation(run.env);
    run.problems.add(
      `The rows selected for an unfinished “Run selected rows” on ${selection.sheet} moved or changed before it could continue: select the rows still to do and run them again.`,
    );
    return [];
  }
  return isImport(job) ? steps(job) : selectedSteps(selected);
}

/** Scheduled messages need the schedule: turned on (once) when a run leaves some. */
function scheduleIfOff(run: Run): void {
  if (run.env.triggers.list().some((t) => t.handler === 'onSchedule')) return;
  enableSchedule(run.env);
  run.note(
    `Scheduled messages wait for their time: the schedule is now on (every ${SCHEDULE_MINUTES} minutes).`,
  );
}

function report(env: Env, run: Run): void {
  for (const line of run.summary) env.logger.log(line);
  for (const p of run.problems) env.logger.log(p);
  if (!env.ui) return;
  if (run.problems.size) env.ui.alert('Chat: please fix the set-up', [...run.problems].join('\n\n'));
  env.ui.toast(run.summary.join(' · ') || 'Nothing to do.', 'Chat');
}

/** Handler of the one-off trigger: finishes the stored job (see resume). */
export function continueRun(env: Env, triggerUid?: string): void {
  resume(env, runJob, triggerUid);
}

/** The time-driven trigger: finishes an unfinished run, then retries RETRY and WAITING rows. */
export function onSchedule(env: Env): void {
  if (resume(env, runJob) === 'pending') return;
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
