// docs/user-guide.md is the contract a person reads; src/contract/ is the one the code uses. They must
// say the same: every tab, column, value, status and menu item, and nothing more.
import * as fs from 'fs';
import * as path from 'path';
import { MENU } from '../src/contract/menu';
import { Status } from '../src/contract/statuses';
import { LOG, TABS } from '../src/contract/tabs';

const guide = fs.readFileSync(path.join(__dirname, '../docs/user-guide.md'), 'utf8');

/** The rows of the first table after a heading: cells, without the header and separator rows. */
function table(heading: string): string[][] {
  const at = guide.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`the guide has no “${heading}”`);
  const lines = guide.slice(at + heading.length + 2).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const l of lines.slice(start)) {
    if (!l.startsWith('|')) break;
    rows.push(
      l
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2);
}

describe('docs/user-guide.md', () => {
  it.each(TABS.filter((t) => t !== LOG).map((t) => [t.name, t] as const))(
    'lists every column of %s, with its direction and values, and no other',
    (name, spec) => {
      const rows = table(`### ${name}`);
      const documented = rows.flatMap((r) => r[0].split(', ').map((h) => [h, r] as const));
      expect(documented.map(([h]) => h).sort()).toEqual(spec.columns.map((c) => c.header).sort());
      for (const c of spec.columns) {
        const [, row] = documented.find(([h]) => h === c.header)!;
        expect([c.header, row[1].split(',')[0]]).toEqual([c.header, c.io]);
        expect([c.header, row[1].includes('required')]).toEqual([c.header, !!c.required]);
        for (const v of c.values ?? [])
          expect([c.header, row[2]]).toEqual([c.header, expect.stringContaining(`\`${v}\``)]);
      }
    },
  );

  it('names every column of the Log', () => {
    const log = guide.slice(guide.indexOf('### Log'), guide.indexOf('## Statuses'));
    for (const c of LOG.columns) expect(log).toContain(c.header);
  });

  it('explains every status, and no other', () => {
    const rows = table('## Statuses');
    const documented = rows.map((r) => (r[0] === '(blank)' ? '' : r[0].replace(/`/g, '')));
    expect(documented.sort()).toEqual(Object.values(Status).sort());
    for (const r of rows) expect([r[0], r[1].length > 3, r[2].length > 1]).toEqual([r[0], true, true]);
  });

  it('describes every menu item, in the menu’s order', () => {
    const rows = table('## The Chat menu');
    expect(rows.map((r) => r[0])).toEqual(MENU.flatMap((m) => (m === 'separator' ? [] : [m.caption])));
  });
});
