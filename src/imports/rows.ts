// The rows an import finds already listed (matched by resource name), and how it refreshes them.
import type { TabSpec } from '../contract/tabs';
import type { Run } from '../engine/run';
import type { Cell } from '../platform/ports';
import { same } from '../sheet/rows-now';
import type { Row, Table } from '../sheet/table';
import { cellText } from '../tabs/fields';

/** The tabs an import reads and writes, opened for the run; null (each refusal said as a set-up problem)
 *  when one can't be used. */
export function openTabs(run: Run, specs: TabSpec[]): Table[] | null {
  const tables = specs.map((spec) => run.table(spec));
  for (const t of tables) if (typeof t === 'string') run.problems.add(t);
  return tables.every((t): t is Table => typeof t !== 'string') ? tables : null;
}

/** The tab an import writes its rows to, opened when its first rows are placed rather than before Chat
 *  is read: when one wave reads everything, the tab is read right before its rows go in, and only once.
 *  Null when it can't be used: the run stops there, the reason said. */
export function tabNow(run: Run, spec: TabSpec): Table | null {
  const t = run.table(spec);
  if (typeof t !== 'string') return t;
  run.stop(t);
  return null;
}

/** Rows of a tab by the resource name in one column (Space, Membership, Message). */
export function rowsByName(table: Table, header: string): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of table.rows) {
    const name = cellText(r.get(header));
    if (name && !out.has(name)) out.set(name, r);
  }
  return out;
}

/** Sets the cells that differ from what the row holds (a listed row's read-only columns); true if any did. */
export function refresh(table: Table, row: Row, cells: Record<string, Cell>): boolean {
  const changed = Object.fromEntries(Object.entries(cells).filter(([h, v]) => !same(row.get(h), v)));
  if (!Object.keys(changed).length) return false;
  table.set(row.row, changed);
  return true;
}

/** A time Chat gives (RFC 3339) as a cell. */
export function timeCell(iso: string | null | undefined): Date | '' {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t);
}
