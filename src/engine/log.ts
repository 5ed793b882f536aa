import { LOG } from '../contract/tabs';
import type { Cell, WorkbookPort } from '../platform/ports';
import { toCell } from '../sheet/cells';
import { mapColumns } from '../sheet/headers';
import { oneLine } from '../text/one-line';

export interface LogEntry {
  time: Date;
  tab: string;
  row: number | '';
  action: string;
  target: string;
  result: string;
  http: number | '';
  detail: string;
  ms: number;
}

/** Keep the Log tab bounded: when it passes MAX_ROWS, the oldest rows go, TRIM_TO remain. */
export const LOG_MAX_ROWS = 5000;
const TRIM_TO = 4000;

/** One row per Chat call or webhook post, appended in batches at each flush. */
export class CallLog {
  private buffer: LogEntry[] = [];
  private order: number[] | null = null;
  /** The Log's next free row, asked of the sheet once per run. */
  private nextRow = 0;
  readonly entries: LogEntry[] = [];

  constructor(
    private readonly workbook: WorkbookPort,
    readonly runId: string,
  ) {}

  add(entry: LogEntry): void {
    this.buffer.push(entry);
    this.entries.push(entry);
  }

  get pending(): number {
    return this.buffer.length;
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const sheet = this.workbook.sheet(LOG.name) ?? this.workbook.createSheet(LOG.name);
    if (!this.nextRow) {
      // Where the Log ends, and its columns: users may reorder them too, so found by header once a run.
      const { lastRow, header } = sheet.extent();
      this.nextRow = lastRow + 1;
      const map = mapColumns(LOG, header);
      this.order =
        map.missing.length === 0
          ? LOG.columns.map((c) => map.index.get(c.header)!)
          : LOG.columns.map((_, i) => i);
    }
    const last = this.nextRow - 1;
    if (last === 0) {
      sheet.write(1, 1, [LOG.columns.map((c) => c.header)]);
      sheet.freezeRows(1);
      LOG.columns.forEach((c, i) => c.format && sheet.setColumnFormat(i + 1, c.format));
      this.order = LOG.columns.map((_, i) => i);
    }
    const order = this.order!;
    const width = Math.max(...order) + 1;
    const rows = this.buffer.map((e) => {
      const out: Cell[] = new Array(width).fill('');
      const cells: Cell[] = [
        e.time,
        this.runId,
        e.tab,
        e.row,
        e.action,
        e.target,
        e.result,
        e.http,
        oneLine(e.detail),
        e.ms,
      ];
      cells.forEach((v, i) => (out[order[i]] = toCell(v)));
      return out;
    });
    const at = Math.max(last, 1) + 1;
    sheet.write(at, 1, rows);
    this.buffer = [];
    this.nextRow = at + rows.length;
    const kept = this.nextRow - 2;
    if (kept > LOG_MAX_ROWS) {
      sheet.deleteRows(2, kept - TRIM_TO);
      this.nextRow -= kept - TRIM_TO;
    }
  }
}
