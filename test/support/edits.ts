// A person working in the spreadsheet while a run works: the edits Sheets allows (insert, delete and sort
// rows, add rows, edit cells, rename a tab, move a column), and the audit that says whether every result
// still landed on its own row. Each row of the mixed workbook carries `id:…` in the person's own Notes
// column, so the audit can tell rows apart wherever they moved. The edit-anywhere sweep and `npm run soak`
// share it.
import { MEMBERS, MESSAGES, SPACES } from '../../src/contract/tabs';
import { headerKey } from '../../src/sheet/headers';
import { FINAL, NOTES, PENDING, type Mixed } from './mixed-workbook';
import type { World } from './world';

const TABS = [SPACES.name, MEMBERS.name, MESSAGES.name] as const;
type Tab = (typeof TABS)[number];
type Cells = Record<string, string>;

/** What the sheet and Chat must show once the edited run and the recovery after it are over. */
export interface Expectation {
  /** Each tab's rows by id, with the input cells they must hold (absent: the row was deleted). */
  rows: Record<Tab, Map<string, Cells>>;
  /** Texts a deleted row may or may not have sent before it went. */
  maybe: Set<string>;
  /** Texts that may be in Chat twice: a Key edited while its message was in flight names a new message. */
  twiceOk: Set<string>;
  /** Row id → the text Chat may hold instead of the row's (its Text was edited after it was sent). */
  sentAs: Map<string, string>;
  /** Rows edited after their result was on the sheet: their Detail can't know of the edit. */
  editedWhenDone: Set<string>;
  /** Ids of rows deleted. */
  gone: Set<string>;
}

export interface EditKind {
  name: string;
  apply(w: World, e: Expectation): void;
  /** What the person does after the run so that the tool can pick up (name the tab back). */
  after?(w: World): void;
  expect(e: Expectation): void;
}

/** The rows as typed before any run: input cells by id. */
export function baseline(w: World): Expectation {
  const rows = {} as Expectation['rows'];
  for (const tab of TABS) {
    const spec = [SPACES, MEMBERS, MESSAGES].find((s) => s.name === tab)!;
    const inputs = spec.columns.filter((c) => c.io === 'in').map((c) => c.header);
    rows[tab] = new Map(
      w.rows(tab).map((r) => [r[NOTES], Object.fromEntries(inputs.map((h) => [h, r[h] ?? '']))]),
    );
  }
  return {
    rows,
    maybe: new Set(),
    twiceOk: new Set(),
    sentAs: new Map(),
    editedWhenDone: new Set(),
    gone: new Set(),
  };
}

/** A line of cells by header for a tab, in its columns as they are now. */
function line(w: World, tab: string, cells: Cells): string[] {
  const header = (w.sb.workbook.sheet(tab).values[0] ?? []).map((h) => headerKey(h));
  const out = header.map(() => '');
  for (const [h, v] of Object.entries(cells)) out[header.indexOf(headerKey(h))] = v;
  return out;
}

export function rowOf(w: World, tab: string, id: string): number {
  const at = w.rows(tab).findIndex((r) => r[NOTES] === id);
  if (at < 0) throw new Error(`${tab} has no row ${id}`);
  return at + 2;
}

function columnOf(w: World, tab: string, header: string): number {
  return (w.sb.workbook.sheet(tab).values[0] as string[]).indexOf(header) + 1;
}

const insert = (tab: Tab, at: 'top' | 'bottom', added: Cells[]): EditKind => ({
  name: `${at === 'top' ? 'insert rows above' : 'append rows to'} ${tab}`,
  apply(w) {
    const lines = added.map((c) => line(w, tab, c));
    if (at === 'top') w.sb.workbook.insertRows(tab, 2, lines);
    else w.fill(tab, added);
  },
  expect(e) {
    for (const c of added) e.rows[tab].set(c[NOTES], withoutNotes(c, e.rows[tab]));
  },
});

/** Input cells of a new row, shaped like the baseline's (every input header present). */
function withoutNotes(c: Cells, like: Map<string, Cells>): Cells {
  const shape = [...like.values()][0];
  return Object.fromEntries(Object.keys(shape).map((h) => [h, c[h] ?? '']));
}

const remove = (tab: Tab, id: string, what: string): EditKind => ({
  name: `delete ${what}`,
  apply: (w) => w.sb.workbook.deleteRow(tab, rowOf(w, tab, id)),
  expect(e) {
    const text = e.rows[tab].get(id)?.Text;
    if (text) e.maybe.add(text);
    e.rows[tab].delete(id);
    e.gone.add(id);
  },
});

const sort = (tab: Tab, header: string): EditKind => ({
  name: `sort ${tab} by ${header} descending`,
  apply: (w) => w.sb.workbook.sortRows(tab, columnOf(w, tab, header), true),
  expect: () => undefined,
});

const edit = (tab: Tab, id: string, header: string, value: string, what: string): EditKind => ({
  name: what,
  apply(w, e) {
    const row = rowOf(w, tab, id);
    if (w.rows(tab)[row - 2].Status === 'DONE') e.editedWhenDone.add(id);
    w.set(tab, row, { [header]: value });
  },
  expect(e) {
    const cells = e.rows[tab].get(id)!;
    if (header === 'Key') e.twiceOk.add(cells.Text);
    if (header === 'Text') e.sentAs.set(id, cells.Text);
    e.rows[tab].set(id, { ...cells, [header]: value });
  },
});

/** Every kind of edit the sweep makes, on the mixed workbook of `mixedWorld`. */
export function editKinds(): EditKind[] {
  return [
    insert(MESSAGES.name, 'top', [
      { Space: 'team0', Text: 'Inserted above A', [NOTES]: 'id:insA' },
      { Key: 'ins-b', Webhook: 'alerts', Text: 'Inserted above B', [NOTES]: 'id:insB' },
    ]),
    insert(MEMBERS.name, 'top', [{ Space: 'team1', Member: 'new-above@example.com', [NOTES]: 'id:memA' }]),
    insert(SPACES.name, 'top', [{ Key: 'team9', 'Display name': 'Team 9', [NOTES]: 'id:s9' }]),
    insert(MESSAGES.name, 'bottom', [
      { Space: 'team1', Text: 'Appended C', [NOTES]: 'id:appC' },
      { Webhook: 'alerts', Text: 'Appended D', [NOTES]: 'id:appD' },
    ]),
    insert(MEMBERS.name, 'bottom', [{ Space: 'team0', Member: 'late@example.com', [NOTES]: 'id:memZ' }]),
    remove(MESSAGES.name, 'id:n0-0', 'the first Messages row (done early)'),
    remove(MESSAGES.name, 'id:h2', 'the last Messages row (a webhook post, pending long)'),
    remove(MEMBERS.name, 'id:t0-p1', 'a Members row'),
    sort(MESSAGES.name, 'Text'),
    sort(MEMBERS.name, 'Member'),
    sort(SPACES.name, 'Key'),
    edit(MESSAGES.name, 'id:n0-0', 'Key', 'note-0-0-renamed', 'edit the Key of the first message'),
    edit(MESSAGES.name, 'id:n1-1', 'Text', 'Edited while in flight', 'edit the Text of a pending message'),
    {
      name: 'rename the Messages tab (and name it back after the run)',
      apply: (w) => w.sb.workbook.renameSheet(MESSAGES.name, 'Messages (old)'),
      after(w) {
        if (w.sb.workbook.find('Messages (old)')) w.sb.workbook.renameSheet('Messages (old)', MESSAGES.name);
      },
      expect: () => undefined,
    },
    {
      name: 'delete the Sent column of Messages (the next run adds it again)',
      apply: (w) => w.sb.workbook.deleteColumn(MESSAGES.name, columnOf(w, MESSAGES.name, 'Sent')),
      expect: () => undefined,
    },
    {
      name: 'move the Status column of Messages to the front',
      apply: (w) => w.sb.workbook.moveColumn(MESSAGES.name, columnOf(w, MESSAGES.name, 'Status'), 1),
      expect: () => undefined,
    },
  ];
}

const GENERATED_KEY = /^m-\d{8}-[0-9a-f]{8}$/;

/**
 * What the runs did, row by row wherever rows moved: every row present is expected and holds the input
 * cells it should (the person's edits kept, a generated Key only where Key was blank), is DONE (a
 * webhook post in doubt may be UNCERTAIN) or pending with a reason, and its outputs describe its own
 * operation in Chat; Chat holds each message once. Returns the problems, one line each.
 */
export function auditEdits(m: Mixed, e: Expectation): string[] {
  const { w } = m;
  const problems: string[] = [];
  const chatSpaces = w.chat.spaces() as { name: string; displayName?: string; spaceType: string }[];
  const byName = new Map<string, { text?: string; space: string }>();
  const texts = new Map<string, number>();
  for (const s of chatSpaces)
    for (const msg of w.chat.messages(s.name) as { name: string; text?: string }[]) {
      byName.set(msg.name, { text: msg.text, space: s.name });
      if (msg.text !== undefined) texts.set(msg.text, (texts.get(msg.text) ?? 0) + 1);
    }
  const spaceOfKey = new Map(w.rows(SPACES.name).map((r) => [r.Key, r.Space]));

  for (const tab of TABS) {
    const seen = new Set<string>();
    for (const [i, r] of w.rows(tab).entries()) {
      const id = r[NOTES];
      const where = `${tab} row ${i + 2} (${id || 'no id'}; ${r.Status || 'blank'}: ${r.Detail || 'no detail'})`;
      const want = e.rows[tab].get(id);
      if (!want || seen.has(id)) {
        problems.push(`${where}: ${want ? 'twice on the tab' : 'not a row the person has'}`);
        continue;
      }
      seen.add(id);
      for (const [h, v] of Object.entries(want)) {
        const now = r[h] ?? '';
        if (now === v || (h === 'Key' && tab === MESSAGES.name && !v && GENERATED_KEY.test(now))) continue;
        problems.push(`${where}: ${h} is “${now}”, the person's is “${v}”`);
      }
      const inDoubt = tab === MESSAGES.name && r.Webhook && r.Status === 'UNCERTAIN';
      if (r.Status !== 'DONE' && !inDoubt) {
        if (!FINAL.has(r.Status) && !(PENDING.has(r.Status) && r.Detail)) problems.push(`${where}: lost`);
        else problems.push(`${where}: not done`);
        continue;
      }
      if (r.Status !== 'DONE') continue;
      if (tab === SPACES.name) {
        const space = chatSpaces.find((s) => s.name === r.Space);
        if (!space) problems.push(`${where}: ${r.Space || 'no space'} is not in Chat`);
        else if (r['Display name'] && space.displayName !== r['Display name'])
          problems.push(`${where}: names ${r.Space}, called “${space.displayName}”`);
      } else if (tab === MEMBERS.name) {
        const space = spaceOfKey.get(r.Space) ?? r.Space;
        const user = w.chat.userName(r.Member);
        const membership = (w.chat.members(space) as { name: string; member?: { name: string } }[]).find(
          (x) => x.name === r.Membership,
        );
        if (!membership || membership.member?.name !== user)
          problems.push(`${where}: Membership ${r.Membership} is not ${r.Member} in ${space}`);
      } else {
        const msg = byName.get(r.Message);
        const ok = msg && (msg.text === r.Text || msg.text === e.sentAs.get(id));
        if (!ok)
          problems.push(`${where}: Message ${r.Message} holds “${msg?.text ?? 'nothing'}”, not “${r.Text}”`);
        // A row edited while its message was in flight says what was sent.
        else if (msg.text !== r.Text && !e.editedWhenDone.has(id) && !r.Detail.includes(`“${msg.text}”`))
          problems.push(`${where}: Chat has “${msg.text}”, and Detail does not say so`);
      }
    }
    for (const id of e.rows[tab].keys()) if (!seen.has(id)) problems.push(`${tab}: row ${id} is missing`);
  }

  const wanted = new Map<string, number>();
  for (const [id, r] of e.rows[MESSAGES.name]) {
    wanted.set(r.Text, (wanted.get(r.Text) ?? 0) + 1);
    const old = e.sentAs.get(id);
    if (old) e.maybe.add(old);
  }
  for (const [text, n] of texts) {
    const max = (wanted.get(text) ?? 0) + (e.maybe.has(text) ? 1 : 0) + (e.twiceOk.has(text) ? 1 : 0);
    if (n > max) problems.push(`Chat holds “${text}” ${n}×`);
  }
  const teams = new Map<string, number>();
  for (const s of chatSpaces)
    if (s.displayName) teams.set(s.displayName, (teams.get(s.displayName) ?? 0) + 1);
  for (const [name, n] of teams) if (n > 1) problems.push(`Chat holds the space “${name}” ${n}×`);
  return problems;
}

/** Rows a person added since the expectation was made (found by their ids) become expected as typed. */
export function adopt(w: World, e: Expectation): void {
  const now = baseline(w);
  for (const tab of TABS)
    for (const [id, cells] of now.rows[tab])
      if (id && !e.rows[tab].has(id) && !e.gone.has(id)) e.rows[tab].set(id, cells);
}

/** One edit a person might make anywhere, for the soak: picked at random among the rows there are now. */
export function randomEdit(w: World, pick: <T>(list: readonly T[]) => T, tag: string): EditKind {
  const tab = pick(TABS);
  const ids = w.rows(tab).map((r) => r[NOTES]);
  const some = ids.length ? pick(ids) : '';
  const kinds: (() => EditKind)[] = [
    () =>
      insert(
        tab,
        'top',
        tab === MESSAGES.name
          ? [{ Space: 'team0', Text: `Inserted ${tag}`, [NOTES]: `id:${tag}` }]
          : tab === MEMBERS.name
            ? [{ Space: 'team1', Member: `${tag}@example.com`, [NOTES]: `id:${tag}` }]
            : [{ Key: tag, 'Display name': `Space ${tag}`, [NOTES]: `id:${tag}` }],
      ),
    () => sort(tab, pick(tab === MEMBERS.name ? ['Member', 'Status', NOTES] : ['Key', 'Status', NOTES])),
  ];
  if (some && tab !== SPACES.name) kinds.push(() => remove(tab, some, `${tab} row ${some}`));
  if (some && tab === MESSAGES.name)
    kinds.push(() => edit(tab, some, 'Text', `Edited ${tag}`, `edit the Text of ${some}`));
  if (tab === MESSAGES.name)
    kinds.push(() => ({
      name: 'rename the Messages tab (and name it back after the run)',
      apply: (x) => x.sb.workbook.renameSheet(MESSAGES.name, 'Messages (old)'),
      after(x) {
        if (x.sb.workbook.find('Messages (old)')) x.sb.workbook.renameSheet('Messages (old)', MESSAGES.name);
      },
      expect: () => undefined,
    }));
  return pick(kinds)();
}
