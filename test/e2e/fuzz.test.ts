// Bad input (issue 7): every input column of every tab filled with hostile values in seeded random
// combinations. Check rows and Run all must never crash, every row must end with a status (or, after a
// check, what would happen) and one readable line of Detail, and no secret may leak.
import { MEMBERS, MESSAGES, SPACES, WEBHOOKS, type TabSpec } from '../../src/contract/tabs';
import { headerKey } from '../../src/sheet/headers';
import { changedInputs, inputCells } from '../support/mixed-workbook';
import { seeded, type Rng } from '../support/random';
import { everythingVisible, secretsOf, unreadable } from '../support/visible';
import { ADMIN, world, type World } from '../support/world';

const LONG = 'x'.repeat(10_000);

/** Values no column expects. Typed as a user would: strings go through Sheets' parsing. */
const HOSTILE: unknown[] = [
  '',
  ' ',
  '   \t ',
  LONG,
  'é'.repeat(5000) + '👩‍👩‍👧‍👦'.repeat(300),
  'مرحبا بالعالم',
  '\u202Eevil\u202C',
  '👩‍👩‍👧‍👦🎉',
  'zero\u200bwidth',
  '\u200b',
  '\uFEFF',
  '\uD800 lone surrogate',
  'e\u0301\u0301\u0301',
  'line one\nline two',
  'tab\there\r\n',
  '#REF!',
  '#N/A',
  '#VALUE!',
  '#DIV/0!',
  '#NAME?',
  '#ERROR!',
  '=1/0',
  '=A1+',
  '=HYPERLINK("https://example.com","a link")',
  "'=SUM(A1:A3)",
  "'+1 555 0100",
  "'-minus",
  "'@mention",
  '+not a formula',
  '-',
  '@',
  0,
  -1,
  3.14159,
  1e21,
  2 ** 64,
  '007',
  '45000',
  new Date(Date.UTC(2026, 0, 5, 9, 0)),
  new Date(Date.UTC(1899, 11, 30)),
  '2026-01-05',
  '1/2/2026 10:00',
  '2026-13-45',
  '25:61',
  true,
  false,
  'TRUE',
  'false',
  '{',
  '}',
  '[]',
  '{}',
  '[[[[[[[[',
  '{"cardsV2": [',
  '{"header": {"title": 1}}',
  '[{"cardId": "x", "card": {}}]',
  '{"__proto__": {"polluted": 1}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '{"sections": [{"widgets": [{"textParagraph": {"text": "{{Nope}}"}}]}]}',
  '{"sections": [{"widgets": [{"frobnicate": {}}]}]}',
  'spaces/',
  'spaces/ZZZZ',
  'spaces/AAAA/../../x',
  'spaces/AAAA BBBB',
  'spaces/' + 'A'.repeat(3000),
  'https://chat.google.com/room/',
  'https://chat.google.com/room/AAAAAAA?x=1',
  'javascript:alert(1)',
  'bob @example.com',
  ' bob@example.com ',
  'bob@example',
  'bob@@example.com',
  'Bob <bob@example.com>',
  'groups/team@example.com',
  'groups/',
  'users/',
  'users/app',
  'APP',
  '{{',
  '{{}}',
  '{{Key}}',
  '{{Nope}}',
  '{{ Text }}',
  'space',
  'GROUP CHAT',
  'direct-message',
  'delete',
  'UPDATE',
  'REMOVE',
  'ROLE',
  'manager',
  'owner',
  'EXACT',
  'off',
  'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=…&token=…',
  'http://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t',
  `https://chat.googleapis.com/v1/spaces/AAAA/messages?key=${'k'.repeat(9000)}&token=${'t'.repeat(2000)}`,
  'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t&threadKey=x#frag',
];

/** Rows that fit, so that hostile cells also reach planning and Chat calls, not only validation. */
function fittingRow(tab: string, i: number, rng: Rng, hook: string, n: number): Record<string, unknown> {
  const key = () => `k${rng.int(n)}`;
  const some = <T>(p: number, v: T, otherwise: T | '' = '') => (rng.chance(p) ? v : otherwise);
  if (tab === 'Spaces')
    return {
      Key: `k${i}`,
      'Display name': `Team ${i}`,
      Type: some(0.2, 'SPACE'),
      Description: some(0.3, 'About us'),
      Guidelines: some(0.2, 'Be kind'),
      'External users': some(0.2, rng.pick(['TRUE', 'FALSE'])),
      History: some(0.2, rng.pick(['ON', 'OFF'])),
      Permissions: some(0.2, rng.pick(['COLLABORATION', 'ANNOUNCEMENT'])),
      'Members mode': some(0.2, 'EXACT'),
      Action: '',
    };
  if (tab === 'Members')
    return {
      Space: key(),
      Member: rng.pick(['p1@example.com', 'p2@example.com', 'P3@Example.com', 'app', `users/${ADMIN}`]),
      Role: some(0.3, rng.pick(['MEMBER', 'MANAGER', 'ASSISTANT_MANAGER'])),
      Action: some(0.2, rng.pick(['REMOVE', 'ROLE'])),
    };
  if (tab === 'Messages') {
    const viaHook = rng.chance(0.4);
    const thread = some(0.3, 'standup');
    return {
      Key: some(0.7, `m${i}`),
      Space: viaHook ? '' : key(),
      Webhook: viaHook ? 'hook' : '',
      Text: rng.pick(['Hello {{Key}}', 'Plain text', '*bold* and _italic_ for {{Space}}']),
      Card:
        viaHook && rng.chance(0.3)
          ? '{"header": {"title": "Hi"}, "sections": [{"widgets": [{"textParagraph": {"text": "ok"}}]}]}'
          : '',
      'Thread key': thread,
      'Reply option': thread ? some(0.5, 'REPLY_OR_FAIL') : '',
      'Send at': some(0.15, rng.pick(['2026-01-05 08:00', '2026-02-01 10:00'])),
      As: !viaHook && rng.chance(0.3) ? 'APP' : '',
      Action: '',
    };
  }
  return { Alias: i === 0 ? 'hook' : `h${i}`, URL: i === 0 || rng.chance(0.3) ? hook : rng.pick(HOSTILE) };
}

const TABS: TabSpec[] = [SPACES, MEMBERS, MESSAGES, WEBHOOKS];

function fuzzedWorld(seed: number, rowsPerTab: number): { w: World; hook: string; appKey: string } {
  const rng = seeded(seed);
  const w = world();
  const token = w.chat.userToken(ADMIN);
  const made = w.chat.call({
    method: 'chat.spaces.create',
    params: {},
    body: { spaceType: 'SPACE', displayName: 'Hooks' },
    authorization: `Bearer ${token}`,
  });
  const hook = w.chat.createWebhook(String((made.body as { name: string }).name));
  // The Chat app is set up, so As APP rows fetch and use app tokens too.
  const appKey = w.chat.addServiceAccount({ name: 'chat-app' });
  w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(appKey) });
  w.run('setUpAppAuth');
  for (const spec of TABS) {
    const inputs = spec.columns.filter((c) => c.io === 'in').map((c) => c.header);
    const rows = Array.from({ length: rowsPerTab }, (_, i) => {
      const row = fittingRow(spec.name, i, rng, hook, rowsPerTab);
      // Most rows get one or two hostile cells; some are hostile throughout; a few stay as they are.
      const r = rng();
      const hostile =
        r < 0.15 ? inputs : r < 0.85 ? [rng.pick(inputs), rng.pick(inputs)].slice(0, 1 + rng.int(2)) : [];
      for (const h of hostile) row[h] = rng.pick(HOSTILE);
      return row;
    });
    w.fill(spec.name, rows);
  }
  return { w, hook, appKey: appKey.private_key };
}

/** Rows the tool takes as rows: some input cell holds something. */
function filledRows(w: World, spec: TabSpec): number[] {
  const values = w.sb.workbook.sheet(spec.name).values;
  const header = (values[0] ?? []).map(headerKey);
  const inputs = spec.columns
    .filter((c) => c.io === 'in')
    .map((c) => header.indexOf(headerKey(c.header)))
    .filter((i) => i >= 0);
  const out: number[] = [];
  values.forEach((r, i) => {
    if (i > 0 && inputs.some((c) => String(r[c] ?? '').trim() !== '')) out.push(i + 1);
  });
  return out;
}

const STATUSES = new Set(['', 'WAITING', 'SCHEDULED', 'RETRY', 'INVALID', 'DONE', 'ERROR', 'UNCERTAIN']);

/** Rows without a status and readable Detail, one line each. */
function badRows(w: World, opts: { statusRequired: boolean }): string[] {
  const bad: string[] = [];
  for (const spec of TABS) {
    const rows = w.rows(spec.name);
    for (const n of filledRows(w, spec)) {
      const r = rows[n - 2];
      const where = `${spec.name} row ${n} (${r.Status}): ${JSON.stringify(r.Detail.slice(0, 120))}`;
      if (!STATUSES.has(r.Status)) bad.push(`${where} has an unknown status`);
      if (opts.statusRequired && !r.Status) bad.push(`${where} has no status`);
      if (!r.Detail) bad.push(`${where} has no Detail`);
      const why = unreadable(r.Detail);
      if (why) bad.push(`${where} Detail ${why}`);
    }
  }
  return bad;
}

function crashes(w: World): string[] {
  return w.sb.executions.filter((e) => e.outcome === 'error').map((e) => `${e.fn}: ${e.error}`);
}

describe('fuzz: hostile values in every input column', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))(
    'seed %i: checkRows and runAll never crash and leave every row readable',
    (seed) => {
      const { w, hook, appKey } = fuzzedWorld(seed, 40);
      const typed = inputCells(w);

      w.sb.run('checkRows');
      expect(crashes(w)).toEqual([]);
      expect(badRows(w, { statusRequired: false })).toEqual([]);

      for (let i = 0; i < 2; i++) {
        w.sb.advance(2000);
        w.sb.run('runAll');
        w.sb.runUntilIdle({ maxExecutions: 5 });
      }
      expect(crashes(w)).toEqual([]);
      expect(badRows(w, { statusRequired: true })).toEqual([]);
      expect(changedInputs(w, typed)).toEqual([]);
      for (const toast of w.sb.ui.toasts)
        expect([toast.message, unreadable(toast.message)]).toEqual([toast.message, null]);

      const visible = everythingVisible(w);
      for (const s of secretsOf(hook)) expect(visible).not.toContain(s);
      expect(visible).not.toContain(appKey.slice(40, 80));
      expect(visible).not.toMatch(/ya29\.|Bearer [A-Za-z0-9]/);
    },
  );

  it('a webhook URL too long to store is INVALID, and the run goes on', () => {
    const w = world();
    const huge = `https://chat.googleapis.com/v1/spaces/AAAA/messages?key=${'k'.repeat(9000)}&token=${'t'.repeat(500)}`;
    w.fill('Webhooks', [{ Alias: 'big', URL: huge }]);
    w.fill('Spaces', [{ Key: 'a', 'Display name': 'A' }]);
    const r = w.sb.run('runAll');
    expect(r.outcome).toBe('ok');
    expect(w.rows('Webhooks')[0]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(/too long/),
    });
    expect(w.rows('Webhooks')[0].URL).not.toContain('k'.repeat(20));
    expect(w.rows('Spaces')[0].Status).toBe('DONE');
  });

  it('a formula error in a cell is named once, without a second reason about the same cell', () => {
    const w = world();
    w.fill('Webhooks', [{ Alias: 'a', URL: '#REF!' }]);
    w.run('runAll');
    expect(w.rows('Webhooks')[0]).toMatchObject({
      Status: 'INVALID',
      Detail: 'URL shows the spreadsheet error #REF!: fix its formula.',
    });
  });

  it('a row waiting for a space whose Spaces row is INVALID says to fix that row', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'team', 'Display name': 'x'.repeat(200) }]);
    w.fill('Members', [{ Space: 'team', Member: 'p@example.com' }]);
    w.fill('Messages', [{ Key: 'm', Space: 'team', Text: 'hi' }]);
    w.run('runAll');
    for (const tab of ['Members', 'Messages'])
      expect(w.rows(tab)[0]).toMatchObject({
        Status: 'WAITING',
        Detail: 'Waiting for the space “team”: its Spaces row 2 is INVALID — fix that row first.',
      });
  });

  it('a webhook URL typed into the Messages Webhook column is refused with advice, its secret not repeated', () => {
    const w = world();
    const url = 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=abcdefgh123&token=secret-token-456';
    w.fill('Messages', [{ Key: 'a', Webhook: url, Text: 'x' }]);
    w.run('sendMessages');
    const [row] = w.rows('Messages');
    expect(row).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(/^Webhook holds a web address, not an alias/),
    });
    expect(row.Detail).not.toMatch(/secret-token|abcdefgh/);
  });
});
