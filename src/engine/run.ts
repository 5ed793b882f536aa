import type { TabSpec } from '../contract/tabs';
import type { Cell } from '../platform/ports';
import { describeIdentity } from '../sheet/rows-now';
import { Table } from '../sheet/table';
import type { Env } from './env';
import { Executor } from './executor';
import { CallLog } from './log';
import { Pacer } from './pacing';
import { oneLine } from '../text/one-line';

/** Milliseconds a run waits for another one to finish (the document lock) before it gives up. */
export const LOCK_WAIT_MS = 5000;
/** Apps Script ends an execution at 6 minutes; work stops here, leaving time to write back. */
export const WORK_BUDGET_MS = 270_000;
/** Results reach the sheet at least this often, so a cut-off loses little. */
export const FLUSH_EVERY_MS = 30_000;
/** Recent writes, so that the next execution paces on from where this one stopped. */
const PACING_KEY = 'sheets-to-chat.pacing';

/** One execution's shared state: the tables it opened (each read once), its log and its executor. */
export class Run {
  readonly id: string;
  readonly started: number;
  readonly log: CallLog;
  readonly executor: Executor;
  /** Lines for the closing toast (menu runs). */
  readonly summary: string[] = [];
  /** Problems with the set-up (not with a row): an alert in menu runs. */
  readonly problems = new Set<string>();
  /** Set when the budget ran out with work left: a continuation finishes it. */
  unfinished = false;
  /** A dry run (checkRows): validate and report, call no Chat write method. */
  check = false;
  /** Send scheduled messages now (runSelectedRows: the "test send"). */
  sendNow = false;
  /** Why the run stopped before its other rows and tabs: a row's outcome said its failure will repeat for
   *  every row (no Chat app configured). */
  stopped: string | null = null;
  /** Where an import stopped when the run is unfinished: its continuation starts after it. */
  cursor: string | undefined;
  private readonly tables = new Map<string, Table | string>();
  private lastFlush: number;
  /** When each table was last written back on its own (flushTable): a checkpoint leaves it till later. */
  private readonly flushedAt = new Map<Table, number>();

  constructor(readonly env: Env) {
    this.started = env.clock.now();
    // In the spreadsheet's time zone, like the Log's Time column beside it.
    this.id = `${env.calendar.format(new Date(this.started), env.workbook.timeZone, 'yyyy-MM-dd HH:mm:ss')} ${env.crypto.uuid().slice(0, 4)}`;
    this.log = new CallLog(env.workbook, this.id);
    this.executor = new Executor(
      env,
      this.log,
      this.started + WORK_BUDGET_MS,
      Pacer.restore(env.cache.get(PACING_KEY)),
    );
    this.lastFlush = this.started;
  }

  /** The tab, read once per run; a string says why it can't be used. */
  table(spec: TabSpec): Table | string {
    let t = this.tables.get(spec.name);
    if (!t) {
      const opened = Table.open(this.env.workbook, spec, {
        lost: (row, identity, cells) => this.lost(spec, row, identity, cells),
        stopped: (reason) => {
          this.note(reason);
          this.logWriteBack(spec, '', 'TAB STOPPED', reason);
        },
        callsMade: () => this.executor.callsMade,
      });
      t = opened.ok ? opened.table : opened.reason;
      this.tables.set(spec.name, t);
    }
    return t;
  }

  /** A result whose row was gone when it was to be written: it is kept in the Log, never on another row. */
  private lost(spec: TabSpec, row: number, identity: string, cells: Record<string, Cell>): void {
    const who = describeIdentity(spec, identity);
    const result =
      cells.Status !== undefined ? `${String(cells.Status) || 'pending'}: ${String(cells.Detail ?? '')}` : '';
    const what =
      result ||
      Object.entries(cells)
        .map(([h, v]) => `${h} ${String(v)}`)
        .join(', ');
    this.logWriteBack(
      spec,
      row,
      'ROW GONE',
      `Not written: the row (row ${row} when the run read it) was deleted, or its ${spec.identity.join(' or ')} changed, while the run worked. Result: ${what}`,
      who,
    );
  }

  private logWriteBack(spec: TabSpec, row: number | '', result: string, detail: string, target = ''): void {
    this.log.add({
      time: new Date(this.env.clock.now()),
      tab: spec.name,
      row,
      action: 'write-back',
      target,
      result,
      http: '',
      detail,
      ms: 0,
    });
  }

  /** A tab already opened this run, if it could be. */
  tableOf(spec: TabSpec): Table | null {
    const t = this.tables.get(spec.name);
    return t && typeof t !== 'string' ? t : null;
  }

  get outOfTime(): boolean {
    return this.executor.outOfTime;
  }

  /** Writes back what is done when enough time has passed since the last write-back; true if it did. */
  checkpoint(): boolean {
    if (this.env.clock.now() - this.lastFlush < FLUSH_EVERY_MS) return false;
    this.flush(true);
    return true;
  }

  /** Tells a person at the menu how far a long run is (a toast; trigger runs have no UI). */
  progress(line: string): void {
    this.env.ui?.toast(oneLine(line), 'Chat');
  }

  /** Writes back one table now (a webhook post's SENDING marks must be on the sheet before it leaves). */
  flushTable(t: Table): void {
    t.flush();
    this.flushedAt.set(t, this.env.clock.now());
  }

  /** Writes back every table, except at a checkpoint one written back less than FLUSH_EVERY_MS ago. */
  flush(checkpoint = false): void {
    const now = this.env.clock.now();
    for (const t of this.tables.values())
      if (
        typeof t !== 'string' &&
        !(checkpoint && now - (this.flushedAt.get(t) ?? -Infinity) < FLUSH_EVERY_MS)
      )
        t.flush();
    this.log.flush();
    this.lastFlush = this.env.clock.now();
    this.env.cache.put(PACING_KEY, this.executor.pacer.snapshot(this.lastFlush), 120);
  }

  /** Stops the run after this row (see `stopped`); the reason is told as a set-up problem. */
  stop(reason: string): void {
    this.problems.add(reason);
    this.stopped ??= reason;
  }

  note(line: string): void {
    this.summary.push(oneLine(line));
  }
}
