import type { TabSpec } from '../contract/tabs';

/** Header matching per PRODUCT.md: case, spaces, hyphens and underscores don't matter. */
export function headerKey(header: unknown): string {
  return String(header ?? '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

export interface ColumnMap {
  /** 0-based column index of each contract header present on the sheet. */
  index: Map<string, number>;
  /** Contract headers the sheet lacks. */
  missing: string[];
  /** Two sheet columns that match one contract header (the first one wins). */
  duplicates: string[];
}

export function mapColumns(spec: TabSpec, headerRow: readonly unknown[]): ColumnMap {
  const byKey = new Map<string, number>();
  const duplicates: string[] = [];
  headerRow.forEach((h, i) => {
    const k = headerKey(h);
    if (!k) return;
    if (byKey.has(k)) duplicates.push(String(h));
    else byKey.set(k, i);
  });
  const index = new Map<string, number>();
  const missing: string[] = [];
  for (const col of spec.columns) {
    const i = byKey.get(headerKey(col.header));
    if (i === undefined) missing.push(col.header);
    else index.set(col.header, i);
  }
  return {
    index,
    missing,
    duplicates: duplicates.filter((d) => spec.columns.some((c) => headerKey(c.header) === headerKey(d))),
  };
}
