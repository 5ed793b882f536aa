// A run that can't finish in one execution continues in the next: where it stopped is stored in the
// script's properties, and one one-off continueRun trigger finishes it.
import type { TabSpec } from './contract/tabs';
import type { Env } from './engine/env';
import type { Run } from './engine/run';
import type { JobArgs, JobName } from './jobs';
import type { TriggerInfo } from './platform/ports';
import { errorText } from './text/error-text';

/** A continuation starts about this long after the run that stored it. */
export const CONTINUE_AFTER_MS = 60_000;
/** A continuation still stored this long after its trigger was due has lost its trigger (a cut-off
 *  continueRun, a deleted trigger): the next run installs a new one. Wrongly taking a late trigger for
 *  lost only replaces it with one due a minute later. */
export const LOST_TRIGGER_MS = 5 * 60_000;
/** A continuation re-arms itself for after Apps Script's 6-minute limit before it starts working, so
 *  one that is killed (or crashes) is resumed even without the schedule; not more than this many times
 *  in a row, so a failure that repeats does not spin forever. */
export const RESUME_AFTER_MS = 7 * 60_000;
export const MAX_ATTEMPTS = 3;

const CONTINUATION_KEY = 'sheets-to-chat.continuation';
const HANDLER = 'continueRun';

export interface Continuation {
  job: JobName;
  rows?: number[];
  sheet?: string;
  marks?: Record<string, string>;
  /** A prompt's answer (an import's start date, a person's e-mail). */
  input?: string;
  /** Where an import stopped. */
  after?: string;
  /** Continuations in a row that died before they could save where they stopped. */
  attempts?: number;
}

/** As stored: selected rows as ranges ("2-900,905"), so a big selection fits in one property (9 KB). */
interface StoredContinuation {
  job: JobName;
  rows?: string | number[];
  sheet?: string;
  marks?: Record<string, string>;
  input?: string;
  after?: string;
  /** When its continueRun trigger should have fired: long after that, the trigger is taken as lost. */
  due?: number;
  attempts?: number;
}

/** Runs a job; null when it could not start (another run held the lock). */
export type JobRunner = (env: Env, job: JobName, args?: JobArgs) => Run | null;

/** Stores where the run stopped and installs the one continueRun trigger; the reason when it can't. */
export function continueLater(env: Env, c: Continuation): string | null {
  return arm(env, c, CONTINUE_AFTER_MS, new ContinueRunTriggers(env));
}

/**
 * After a run that finished its own job: its continuation goes (a finished Run all went through every
 * tab, so it ends whatever job was stored), and so do continueRun triggers left behind (a continueRun cut
 * off before it deleted its trigger, a continuation another run completed); a continuation still stored
 * for another job keeps exactly one live trigger.
 */
export function settleContinuation(env: Env, job: JobName): void {
  let c = readContinuation(env);
  if (c && (c.job === job || job === 'runAll')) {
    env.store.remove(CONTINUATION_KEY);
    c = null;
  }
  const triggers = new ContinueRunTriggers(env);
  if (!c) {
    triggers.remove();
    return;
  }
  const lost = c.due !== undefined && env.clock.now() > c.due + LOST_TRIGGER_MS;
  if (triggers.count === 1 && !lost) return;
  const failed = arm(env, c, CONTINUE_AFTER_MS, triggers);
  if (failed) env.logger.log(`An unfinished ${c.job} run could not be rescheduled: ${failed}`);
}

/** The stored continuation will not be resumed (its selected rows moved): it is forgotten. */
export function dropContinuation(env: Env): void {
  env.store.remove(CONTINUATION_KEY);
}

/**
 * Finishes the stored continuation with `runJob`. Before it works it re-arms itself for after this
 * execution's limit, so a job whose execution is killed (or crashes) is resumed even without the
 * schedule — but not more than MAX_ATTEMPTS times in a row, so a failure that repeats does not spin
 * forever. The job clears or re-arms the continuation when it ends.
 */
export function resume(env: Env, runJob: JobRunner, triggerUid?: string): 'none' | 'finished' | 'pending' {
  const c = readContinuation(env);
  const triggers = new ContinueRunTriggers(env);
  if (!c || (c.attempts ?? 0) >= MAX_ATTEMPTS) {
    // With nothing left to continue, every continueRun trigger is a leftover.
    triggers.remove();
    if (c) {
      env.store.remove(CONTINUATION_KEY);
      env.logger.log(
        `An unfinished ${c.job} run died ${MAX_ATTEMPTS} times in a row before it could save its progress: it is not resumed again. Run it from the Chat menu.`,
      );
    }
    return 'none';
  }
  const failed = arm(env, { ...c, attempts: (c.attempts ?? 0) + 1 }, RESUME_AFTER_MS, triggers);
  if (failed) {
    triggers.remove((t) => !triggerUid || t.id === triggerUid);
    env.logger.log(`This continuation could not arrange its own resumption: ${failed}`);
  }
  const run = runJob(env, c.job, {
    selection: c.rows && c.sheet ? { sheet: c.sheet, rows: c.rows, marks: c.marks } : undefined,
    input: c.input,
    after: c.after,
  });
  return !run || run.unfinished ? 'pending' : 'finished';
}

/** Stores the continuation, then replaces the continueRun triggers with one due in `afterMs`. */
function arm(env: Env, c: Continuation, afterMs: number, triggers: ContinueRunTriggers): string | null {
  const stored: StoredContinuation = {
    job: c.job,
    ...(c.sheet ? { sheet: c.sheet } : {}),
    ...(c.rows ? { rows: toRanges(c.rows) } : {}),
    ...(c.marks ? { marks: c.marks } : {}),
    ...(c.input !== undefined ? { input: c.input } : {}),
    ...(c.after !== undefined ? { after: c.after } : {}),
    due: env.clock.now() + afterMs,
    ...(c.attempts ? { attempts: c.attempts } : {}),
  };
  try {
    env.store.set(CONTINUATION_KEY, JSON.stringify(stored));
  } catch (e) {
    return `the script’s properties refused to save it: ${errorText(e)}`;
  }
  try {
    triggers.replace(afterMs);
  } catch (e) {
    return `no trigger could be installed: ${errorText(e)}`;
  }
  return null;
}

/**
 * The project's continueRun triggers, listed once per decision (when first needed) and kept up to date
 * as they are removed, so a decision never scans the project's triggers twice.
 */
class ContinueRunTriggers {
  private listed: TriggerInfo[] | null = null;

  constructor(private readonly env: Env) {}

  private get all(): TriggerInfo[] {
    return (this.listed ??= this.env.triggers.list().filter((t) => t.handler === HANDLER));
  }

  get count(): number {
    return this.all.length;
  }

  /** Removes the ones `which` picks (all by default). */
  remove(which: (t: TriggerInfo) => boolean = () => true): void {
    for (const t of this.all.filter(which)) {
      this.env.triggers.remove(t.id);
      this.listed = this.all.filter((x) => x !== t);
    }
  }

  /** Never more than one continueRun trigger: the old ones (spent or not) go before the new one comes. */
  replace(afterMs: number): void {
    this.remove();
    this.env.triggers.after(HANDLER, afterMs);
    // The new trigger's id is unknown: a later question would have to list again.
    this.listed = null;
  }
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

/**
 * A continuation finds selected rows by number. It stores fingerprints of the input cells of the first
 * and last row of each block of selected rows, so that the run that continues can tell whether rows were
 * inserted, deleted or sorted meanwhile (the numbers would name other rows).
 */
export function marksOf(run: Run, spec: TabSpec, rows: number[]): Record<string, string> {
  const marks: Record<string, string> = {};
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  sorted.forEach((r, i) => {
    if (sorted[i - 1] !== r - 1 || sorted[i + 1] !== r + 1) marks[r] = markOf(run, spec, r);
  });
  const edges = Object.keys(marks);
  if (edges.length <= MAX_MARKS) return marks;
  // Many separate blocks: one fingerprint of all their edges keeps the continuation within a property.
  return { [ALL_EDGES]: run.env.crypto.sha256Hex(JSON.stringify(marks)).slice(0, 24) };
}

/** Whether the rows a continuation stored are where they were (see marksOf). */
export function sameRows(run: Run, spec: TabSpec, marks: Record<string, string>, rows: number[]): boolean {
  if (ALL_EDGES in marks) return marksOf(run, spec, rows)[ALL_EDGES] === marks[ALL_EDGES];
  return Object.entries(marks).every(([r, m]) => markOf(run, spec, Number(r)) === m);
}

/** Blocks of selected rows fingerprinted one by one at most; past that, all their edges together. */
const MAX_MARKS = 100;
const ALL_EDGES = '*';

function markOf(run: Run, spec: TabSpec, row: number): string {
  const table = run.table(spec);
  if (typeof table === 'string') return '';
  const r = table.rows.find((x) => x.row === row);
  if (!r) return '-';
  const inputs = spec.columns.filter((c) => c.io === 'in').map((c) => r.get(c.header));
  return run.env.crypto.sha256Hex(JSON.stringify(inputs)).slice(0, 12);
}
