// Where the rows of a tab are now. Sheets has no row ids and people insert, delete and sort rows while a
// run works, so rows are recognised by what they hold: their identity cells (Key, Alias, Space + Member)
// and, to follow rows across the tool's own write, the cells the write did not touch.
import type { TabSpec } from '../contract/tabs';
import type { Cell } from '../platform/ports';

/** A read of a tab: its values (row 1 the header) and where each contract header is. */
export interface Read {
  values: Cell[][];
  col: Map<string, number>;
}

/** Cells compared as the sheet keeps them: a Date by its time, everything else as text. */
export function same(a: unknown, b: unknown): boolean {
  return norm(a) === norm(b);
}

export function norm(v: unknown): string {
  if (v instanceof Date) return `date:${v.getTime()}`;
  return v === null || v === undefined ? '' : String(v);
}

export const sameLine = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((v, i) => same(v, b[i]));

/** The row's Status cell as written, trimmed. */
export function statusOf(read: Read, row: number): string {
  return norm(read.values[row - 1]?.[read.col.get('Status') ?? -1]).trim();
}

/** The row's input cells, by header. */
export function inputsOf(spec: TabSpec, read: Read, row: number): Record<string, string> {
  const out: Record<string, string> = {};
  const cells = read.values[row - 1] ?? [];
  for (const c of spec.columns) {
    if (c.io !== 'in') continue;
    const at = read.col.get(c.header);
    out[c.header] = at === undefined ? '' : norm(cells[at]).trim();
  }
  return out;
}

/**
 * What names a row: its identity cells; a row whose identity cells are blank (a message before its Key is
 * generated, a row missing its Key) is named by all its input cells instead.
 */
export function identityOf(spec: TabSpec, read: Read, row: number): string {
  const cells = read.values[row - 1] ?? [];
  const parts = spec.identity.map((h) => {
    const at = read.col.get(h);
    return at === undefined ? '' : norm(cells[at]).trim();
  });
  if (parts.some((p) => p !== '')) return JSON.stringify(parts);
  return `#${JSON.stringify(inputsOf(spec, read, row))}`;
}

/** How a Detail or a Log line names a row's identity, e.g. Key “note-1”. */
export function describeIdentity(spec: TabSpec, identity: string): string {
  if (identity.startsWith('#')) return 'a row with no ' + spec.identity.join(' or ');
  const parts = JSON.parse(identity) as string[];
  return spec.identity.map((h, i) => `${h} “${parts[i].slice(0, 60)}”`).join(', ');
}

/** Rows by identity: identity → sheet rows holding it, top to bottom. */
export function rowsByIdentity(spec: TabSpec, read: Read): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let r = 2; r <= read.values.length; r++) {
    if (!(read.values[r - 1] ?? []).some((v) => norm(v).trim() !== '')) continue;
    const id = identityOf(spec, read, r);
    const list = out.get(id);
    if (list) list.push(r);
    else out.set(id, [r]);
  }
  return out;
}

/**
 * Pairs the rows of two reads of a tab taken around a write to `written` columns: rows whose other cells
 * are equal pair up, the k-th of one read with the k-th of the other (inserting, deleting and a stable
 * sort keep equal rows in order); a row left over in both reads at the same place is the same row with
 * a cell edited (unless nothing but written cells is left in it). Returns later row → earlier row.
 */
export function pairRows(
  before: Cell[][],
  after: Cell[][],
  written: ReadonlySet<number>,
): Map<number, number> {
  const anchor = (cells: Cell[] | undefined) => {
    const kept = (cells ?? []).map(norm).filter((_, c) => !written.has(c));
    while (kept.length && kept[kept.length - 1] === '') kept.pop();
    return JSON.stringify(kept);
  };
  const queues = new Map<string, number[]>();
  for (let r = 2; r <= before.length; r++) {
    const key = anchor(before[r - 1]);
    const q = queues.get(key);
    if (q) q.push(r);
    else queues.set(key, [r]);
  }
  const pairs = new Map<number, number>();
  const taken = new Set<number>();
  for (let r = 2; r <= after.length; r++) {
    const q = queues.get(anchor(after[r - 1]));
    const from = q?.shift();
    if (from !== undefined) {
      pairs.set(r, from);
      taken.add(from);
    }
  }
  // A row whose other cells are all blank is not an edited row: it is where a write landed on no row.
  for (let r = 2; r <= after.length; r++)
    if (!pairs.has(r) && r <= before.length && !taken.has(r) && anchor(after[r - 1]) !== '[]')
      pairs.set(r, r);
  return pairs;
}
