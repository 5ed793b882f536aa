import { TABS, type TabSpec } from './contract/tabs';
import type { SheetPort, WorkbookPort } from './platform/ports';
import { mapColumns } from './sheet/headers';
import { trimmedLength } from './sheet/table';
import { nearMiss, renameAdvice } from './sheet/tab-names';

/**
 * Creates missing tabs with headers, notes, dropdowns and a frozen header row; on existing tabs it only
 * appends missing headers (with their notes and dropdowns) after the last used column. Data is never
 * touched, and a second run changes nothing.
 */
export function setUpSheets(workbook: WorkbookPort): { changes: string[]; problems: string[] } {
  const changes: string[] = [];
  const problems: string[] = [];
  for (const spec of TABS) {
    const existing = workbook.sheet(spec.name);
    const near = existing ? null : nearMiss(spec.name, workbook.sheetNames());
    if (near) {
      // Not an empty tab beside the person's own: they rename theirs, then set up again.
      problems.push(`${renameAdvice(spec.name, near)} Then run “Set up sheets” again.`);
      continue;
    }
    if (!existing) {
      addColumns(workbook.createSheet(spec.name), 1, spec.columns);
      changes.push(`created ${spec.name}`);
      continue;
    }
    const { header } = existing.extent();
    const missing = mapColumns(spec, header).missing;
    existing.freezeRows(1);
    if (!missing.length) continue;
    addColumns(
      existing,
      trimmedLength(header) + 1,
      spec.columns.filter((c) => missing.includes(c.header)),
    );
    changes.push(`${spec.name}: added ${missing.join(', ')}`);
  }
  return { changes, problems };
}

function addColumns(sheet: SheetPort, start: number, columns: TabSpec['columns']): void {
  sheet.write(1, start, [columns.map((c) => c.header)]);
  sheet.setNotes(1, start, [columns.map((c) => c.note)]);
  columns.forEach((c, i) => {
    if (c.values) sheet.setDropdown(start + i, c.values);
    if (c.format) sheet.setColumnFormat(start + i, c.format);
  });
  sheet.freezeRows(1);
}
