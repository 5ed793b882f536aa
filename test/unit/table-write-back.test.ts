// Table's write-back through its ports, with an in-memory sheet that lets a test edit it between any two
// of the table's calls (the sandbox sweeps do the same end to end on the built bundle).
import { MESSAGES } from '../../src/contract/tabs';
import type { Cell, SheetPort, WorkbookPort } from '../../src/platform/ports';
import { Table, type TableEvents } from '../../src/sheet/table';

const HEADER = [...MESSAGES.columns.map((c) => c.header), 'Notes'];
const at = (h: string) => HEADER.indexOf(h);

function line(cells: Record<string, Cell>): Cell[] {
  const out: Cell[] = HEADER.map(() => '');
  for (const [h, v] of Object.entries(cells)) out[at(h)] = v;
  return out;
}

/** A one-tab workbook; `before(n)` runs before the table's n-th sheet call (a person's edit). */
function book(rows: Record<string, Cell>[]) {
  const grid: Cell[][] = [[...HEADER], ...rows.map(line)];
  let calls = 0;
  let name = MESSAGES.name;
  /** `chatCalls`: the run's Chat calls so far, as Run tells its tables. */
  const state = { before: (_n: number) => undefined as void, writes: 0, reads: 0, chatCalls: 0 };
  const tick = () => state.before(++calls);
  const sheet: SheetPort = {
    get name() {
      return name;
    },
    id: 7,
    read: () => {
      tick();
      state.reads++;
      return { values: grid.map((r) => [...r]), display: null };
    },
    write(row, column, values) {
      tick();
      state.writes++;
      values.forEach((cells, i) =>
        cells.forEach((v, j) => {
          const r = (grid[row - 1 + i] ??= HEADER.map(() => ''));
          r[column - 1 + j] = typeof v === 'string' ? v.replace(/^'/, '') : v;
        }),
      );
    },
    deleteRows: (row, count) => void grid.splice(row - 1, count),
    extent: () => ({ lastRow: grid.length, header: [...grid[0]] }),
    setNotes: () => undefined,
    setDropdown: () => undefined,
    freezeRows: () => undefined,
    setColumnFormat: () => undefined,
  };
  const workbook = {
    id: 'book',
    timeZone: 'UTC',
    sheet: (n: string) => (n === name ? sheet : null),
  } as unknown as WorkbookPort;
  const lost: { row: number; cells: Record<string, Cell> }[] = [];
  const stopped: string[] = [];
  const events: TableEvents = {
    lost: (row, _identity, cells) => lost.push({ row, cells }),
    stopped: (reason) => stopped.push(reason),
    callsMade: () => state.chatCalls,
  };
  const opened = Table.open(workbook, MESSAGES, events);
  if (!opened.ok) throw new Error(opened.reason);
  return {
    table: opened.table,
    grid,
    lost,
    stopped,
    state,
    rename: (to: string) => (name = to as typeof name),
    /** The tab as objects, by header. */
    rows: () => grid.slice(1).map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i] ?? '']))),
    /** Runs `edit` before the k-th sheet call from now on. */
    at(k: number, edit: () => void) {
      const start = calls;
      state.before = (n) => {
        if (n === start + k) edit();
      };
    },
  };
}

const three = () =>
  book([
    { Key: 'a', Space: 'spaces/S', Text: 'A', Notes: 'id:a' },
    { Key: 'b', Space: 'spaces/S', Text: 'B', Notes: 'id:b' },
    { Key: 'c', Space: 'spaces/S', Text: 'C', Notes: 'id:c' },
  ]);

describe('Table write-back by identity', () => {
  it('writes only the columns it sets, in one block', () => {
    const b = three();
    b.table.set(3, { Status: 'DONE', Detail: 'Sent B.' });
    b.table.flush();
    expect(b.rows().map((r) => [r.Notes, r.Status, r.Detail])).toEqual([
      ['id:a', '', ''],
      ['id:b', 'DONE', 'Sent B.'],
      ['id:c', '', ''],
    ]);
    expect(b.state.writes).toBe(1);
    expect(b.lost).toEqual([]);
  });

  it.each([
    ['before the read', 1],
    ['between the read and the write', 2],
    ['between the write and its check', 3],
  ])('a row inserted above %s: results stay with their rows, the new row gets none', (_when, k) => {
    const b = three();
    b.table.set(2, { Status: 'DONE', Detail: 'Sent A.' });
    b.table.set(4, { Status: 'DONE', Detail: 'Sent C.' });
    b.at(k, () => b.grid.splice(1, 0, line({ Space: 'spaces/S', Text: 'New', Notes: 'id:new' })));
    b.table.flush();
    expect(b.rows().map((r) => [r.Notes, r.Status, r.Detail])).toEqual([
      ['id:new', '', ''],
      ['id:a', 'DONE', 'Sent A.'],
      ['id:b', '', ''],
      ['id:c', 'DONE', 'Sent C.'],
    ]);
  });

  it.each([1, 2, 3])('sorted Z→A before sheet call %i: each result follows its row', (k) => {
    const b = three();
    b.table.set(2, { Status: 'DONE', Detail: 'Sent A.' });
    b.table.set(3, { Status: 'RETRY', Detail: 'B later.' });
    b.at(k, () => b.grid.splice(1, 3, ...b.grid.slice(1).reverse()));
    b.table.flush();
    expect(b.rows().map((r) => [r.Notes, r.Status])).toEqual([
      ['id:c', ''],
      ['id:b', 'RETRY'],
      ['id:a', 'DONE'],
    ]);
  });

  it('a write in two blocks (columns apart) with a row inserted between them: each block is put right', () => {
    const b = three();
    // Message and Status are not adjacent (Thread and From lie between): two writes.
    b.table.set(2, { Message: 'spaces/S/messages/a', Status: 'DONE', Detail: 'Sent A.' });
    b.table.set(3, { Message: 'spaces/S/messages/b', Status: 'DONE', Detail: 'Sent B.' });
    b.at(3, () => b.grid.splice(1, 0, line({ Key: 'new', Text: 'N', Notes: 'id:new' })));
    b.table.flush();
    expect(b.rows().map((r) => [r.Notes, r.Message, r.Status, r.Detail])).toEqual([
      ['id:new', '', '', ''],
      ['id:a', 'spaces/S/messages/a', 'DONE', 'Sent A.'],
      ['id:b', 'spaces/S/messages/b', 'DONE', 'Sent B.'],
      ['id:c', '', '', ''],
    ]);
    expect(b.lost).toEqual([]);
  });

  it('a row deleted before the write-back gets nothing, and its result is reported', () => {
    const b = three();
    b.table.set(3, { Status: 'DONE', Detail: 'Sent B.' });
    b.at(1, () => b.grid.splice(2, 1));
    b.table.flush();
    expect(b.rows().map((r) => [r.Notes, r.Status])).toEqual([
      ['id:a', ''],
      ['id:c', ''],
    ]);
    expect(b.lost).toEqual([{ row: 3, cells: { Status: 'DONE', Detail: 'Sent B.' } }]);
    expect(b.table.isGone(3)).toBe(true);
  });

  it('a row deleted between the read and the write: what the write covered is put back', () => {
    const b = three();
    b.table.set(3, { Status: 'DONE', Detail: 'Sent B.' });
    b.at(2, () => b.grid.splice(2, 1));
    b.table.flush();
    expect(b.rows().map((r) => [r.Notes, r.Status, r.Detail])).toEqual([
      ['id:a', '', ''],
      ['id:c', '', ''],
    ]);
    expect(b.lost.map((l) => l.row)).toEqual([3]);
  });

  it('a generated Key goes only where Key is still blank: a Key the person typed meanwhile stays', () => {
    const b = book([
      { Space: 'spaces/S', Text: 'A', Notes: 'id:a' },
      { Space: 'spaces/S', Text: 'B', Notes: 'id:b' },
    ]);
    b.table.set(2, { Key: 'm-1' });
    b.table.set(3, { Key: 'm-2' });
    b.at(1, () => (b.grid[2][at('Key')] = 'mine'));
    b.table.flush();
    expect(b.rows().map((r) => r.Key)).toEqual(['m-1', 'mine']);
    expect(b.table.isGone(3)).toBe(true);
  });

  it('an input edited while in flight keeps the edit; Detail says what the result was for', () => {
    const b = three();
    b.table.set(3, { Status: 'DONE', Detail: 'Sent.' });
    b.at(1, () => (b.grid[2][at('Text')] = 'B, edited'));
    b.table.flush();
    expect(b.rows()[1]).toMatchObject({
      Text: 'B, edited',
      Status: 'DONE',
      Detail: 'Sent. (Edited during the run: this is for Text “B”.)',
    });
  });

  it('columns moved: results go by header, then the tab stops; renamed: it stops and reports', () => {
    const b = three();
    b.table.set(2, { Status: 'DONE', Detail: 'Sent A.' });
    b.at(1, () => {
      for (const r of b.grid) r.unshift(...r.splice(at('Status'), 1));
    });
    b.table.flush();
    expect(b.grid[1][0]).toBe('DONE');
    expect(b.stopped).toEqual([expect.stringContaining('columns moved while the run worked')]);
    expect(b.table.isGone(3)).toBe(true);

    const c = three();
    c.table.set(2, { Status: 'DONE', Detail: 'Sent A.' });
    c.rename('Messages (old)');
    c.table.flush();
    expect(c.stopped).toEqual([expect.stringContaining('renamed or deleted while the run worked')]);
    expect(c.lost).toEqual([{ row: 2, cells: { Status: 'DONE', Detail: 'Sent A.' } }]);
  });
});

describe('Table appends (imports)', () => {
  it('adds rows below the last row in one write, leaving the person’s own columns blank', () => {
    const b = three();
    b.table.append({ Key: 'd', Space: 'spaces/S', Text: 'D', Status: 'DONE' });
    b.table.append({ Key: 'e', Space: 'spaces/S', Text: '=1+1', Status: 'DONE' });
    expect(b.table.pendingWrites).toBe(2);
    b.table.flush();
    expect(b.rows().map((r) => [r.Key, r.Text, r.Status, r.Notes])).toEqual([
      ['a', 'A', '', 'id:a'],
      ['b', 'B', '', 'id:b'],
      ['c', 'C', '', 'id:c'],
      ['d', 'D', 'DONE', ''],
      // Written with the apostrophe that makes Sheets keep it as text (this fake sheet drops it on write).
      ['e', '=1+1', 'DONE', ''],
    ]);
    expect(b.state.writes).toBe(1);
    expect(b.table.pendingWrites).toBe(0);
  });

  it('a row a person adds at the bottom before the write-back stays; new rows go below it', () => {
    const b = three();
    b.table.append({ Key: 'd', Space: 'spaces/S', Text: 'D', Status: 'DONE' });
    b.table.set(2, { Status: 'DONE', Detail: 'Refreshed.' });
    b.at(1, () => b.grid.push(line({ Key: 'mine', Text: 'typed', Notes: 'id:mine' })));
    b.table.flush();
    expect(b.rows().map((r) => [r.Key, r.Status, r.Notes])).toEqual([
      ['a', 'DONE', 'id:a'],
      ['b', '', 'id:b'],
      ['c', '', 'id:c'],
      ['mine', '', 'id:mine'],
      ['d', 'DONE', ''],
    ]);
  });

  it('right after the tab was read (no Chat call between), the append is written without reading again', () => {
    const b = three();
    b.table.append({ Key: 'd', Status: 'DONE' });
    b.table.flush();
    expect([b.state.reads, b.state.writes]).toEqual([1, 1]);
    expect(b.grid[4][at('Key')]).toBe('d');
  });

  it('after a Chat call the tab is read again: a row a person added since the read stays', () => {
    const b = three();
    b.grid.push(line({ Key: 'mine', Text: 'typed' }));
    b.state.chatCalls++;
    b.table.append({ Key: 'd', Status: 'DONE' });
    b.table.flush();
    expect(b.rows().map((r) => r.Key)).toEqual(['a', 'b', 'c', 'mine', 'd']);
    expect([b.state.reads, b.state.writes]).toEqual([2, 1]);
  });

  it('after a write-back of rows, the append goes below what its check read found', () => {
    const b = three();
    b.state.chatCalls++;
    b.table.set(2, { Status: 'DONE' });
    b.table.append({ Key: 'd', Status: 'DONE' });
    b.at(2, () => b.grid.push(line({ Key: 'mine', Text: 'typed' })));
    b.table.flush();
    expect(b.rows().map((r) => [r.Key, r.Status])).toEqual([
      ['a', 'DONE'],
      ['b', ''],
      ['c', ''],
      ['mine', ''],
      ['d', 'DONE'],
    ]);
    // The read before the rows' write and the one that checked it; none more for the append.
    expect([b.state.reads, b.state.writes]).toEqual([3, 2]);
  });

  it('blank rows at the bottom are filled, not skipped', () => {
    const b = three();
    b.grid.push(
      HEADER.map(() => ''),
      HEADER.map(() => ''),
    );
    b.table.append({ Key: 'd', Status: 'DONE' });
    b.table.flush();
    expect(b.grid[4][at('Key')]).toBe('d');
  });

  it('a tab renamed before the write-back gets no new rows (the next import adds them)', () => {
    const b = three();
    b.table.append({ Key: 'd', Status: 'DONE' });
    b.rename('Old messages');
    b.table.flush();
    expect(b.grid).toHaveLength(4);
    expect(b.stopped).toEqual([expect.stringContaining('renamed or deleted')]);
    expect(b.table.pendingWrites).toBe(0);
  });

  it('refuses a header the tab does not have', () => {
    expect(() => three().table.append({ Nope: 'x' })).toThrow('Nope is not a column');
  });
});
