import type { VirtualClock } from '../clock';
import { costClassOf, type Latency, SHEET_DATA_CALLS } from './costs';
import { CutOffError } from './errors';

export type TriggerMode = 'menu' | 'simple' | 'time';
export type Outcome = 'ok' | 'error' | 'cutoff' | 'timeout';

export interface ExecutionLimits {
  timeLimitMs: number;
  /** What ends the execution at its time limit, when it isn't the usual "Exceeded maximum execution time"
   *  (e.g. the day's trigger runtime running out first). */
  limitError?: () => CutOffError;
  cutAfterCalls?: number;
  /** Called before counted call `k` (1-based) starts: a person working in the spreadsheet meanwhile. */
  beforeCall?: (k: number, kind: string) => void;
}

let nextExecutionId = 1;

/**
 * One execution's budget and counters. Every counted service call goes through `call`, which is where
 * the 6-minute limit and test cut-offs are enforced: once cut off, the execution stays dead, so no later
 * call takes effect whatever the script catches (Apps Script kills the whole execution).
 *
 * A "counted service call" is any call into a fake that touches host state (workbook, properties, cache,
 * locks, triggers, UI, Chat, HTTP) or costs latency. Builders (getRange, createMenu, newTrigger…)
 * and pure helpers (Utilities.formatDate, computeDigest, Session, Logger) are not counted.
 */
export class Execution {
  readonly id = nextExecutionId++;
  readonly calls: Record<string, number> = {};
  totalCalls = 0;
  sheetDataCalls = 0;
  readonly logs: string[] = [];
  readonly startedAt: number;
  readonly deadline: number;
  ended: 'cutoff' | 'timeout' | null = null;
  /** The error every call throws once the execution has ended. */
  endError: CutOffError | null = null;

  constructor(
    readonly clock: VirtualClock,
    readonly latency: Latency,
    readonly mode: TriggerMode,
    private readonly limits: ExecutionLimits,
  ) {
    this.startedAt = clock.now();
    this.deadline = this.startedAt + limits.timeLimitMs;
  }

  get elapsedMs(): number {
    return this.clock.now() - this.startedAt;
  }

  /** Runs one counted call: checks the limits before it starts, counts it, then charges its latency. */
  call<T>(kind: string, effect: () => T): T {
    this.assertAlive();
    const cut = this.limits.cutAfterCalls;
    if (cut !== undefined && this.totalCalls >= cut) this.kill('cutoff');
    if (this.clock.now() >= this.deadline) this.kill('timeout');
    this.limits.beforeCall?.(this.totalCalls + 1, kind);
    this.totalCalls++;
    this.calls[kind] = (this.calls[kind] ?? 0) + 1;
    if (SHEET_DATA_CALLS.has(kind)) this.sheetDataCalls++;
    try {
      return effect();
    } finally {
      const cost = costClassOf(kind);
      if (cost) this.clock.advance(this.latency[cost]);
    }
  }

  /** Latency a call decides itself (fetchAll's slowest request). A call that has started finishes. */
  spend(ms: number): void {
    this.clock.advance(ms);
  }

  /** Waiting (sleep, a lock held elsewhere): crossing the limit kills the execution at the limit. */
  wait(ms: number): void {
    if (this.clock.now() + ms > this.deadline) {
      this.clock.set(Math.max(this.clock.now(), this.deadline));
      this.kill('timeout');
    }
    this.clock.advance(ms);
  }

  assertAlive(): void {
    if (this.ended) throw this.endError ?? new CutOffError();
  }

  private kill(how: 'cutoff' | 'timeout'): never {
    this.ended = how;
    this.endError = (how === 'timeout' && this.limits.limitError?.()) || new CutOffError();
    throw this.endError;
  }
}
