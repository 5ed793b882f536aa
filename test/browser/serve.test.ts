// The sandbox's web server (`npm start -- --serve`) over plain HTTP: the sidebar page as the bundle made
// it with google.script.run bridged in, one execution per call, and the viewer's picture of Chat.
import { serve, type Served } from '../../sandbox/serve/server';
import type { ViewerSnapshot } from '../../sandbox/serve/snapshot';
import { world, type World } from '../support/world';

let w: World;
let served: Served;
let space: string;
let hook: string;

beforeAll(async () => {
  w = world();
  w.fill('Spaces', [{ Key: 'team', 'Display name': 'Team' }]);
  w.run('syncSpaces');
  space = w.rows('Spaces')[0].Space;
  w.fill('Members', [{ Space: 'team', Member: 'ada@example.com', Role: 'MANAGER' }]);
  w.run('syncMembers');
  hook = w.chat.createWebhook(space, 'Build bot');
  w.fill('Webhooks', [{ Alias: 'ci', URL: hook }]);
  w.fill('Messages', [
    { Key: 'hello', Webhook: 'ci', Text: 'Hello *team*' },
    { Key: 'later', Space: 'team', Text: 'Later', 'Send at': '2099-01-01 09:00' },
  ]);
  w.run('checkRows');
  w.run('onOpen', { trigger: 'simple' });
  served = await serve({ sb: w.sb, chat: w.chat });
});

afterAll(() => served.close());

const get = (path: string) => fetch(new URL(path, served.url));
const run = async (fn: string, args: unknown[]) => {
  const r = await fetch(new URL(`api/run/${fn}`, served.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ args }),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe('npm start -- --serve', () => {
  it('serves the bundle’s own sidebar page for a row, with google.script.run bridged in before its script', async () => {
    const before = w.sb.executions.length;
    const page = await (await get('sidebar?row=2')).text();
    expect(w.sb.executions.slice(before).map((e) => e.fn)).toEqual(['previewMessage']);
    const shown = w.sb.ui.sidebars[w.sb.ui.sidebars.length - 1].html;
    const bridge = /^<script>[\s\S]*?<\/script>/.exec(page.slice(page.indexOf('<head>') + 6))![0];
    expect(page.replace(bridge, '')).toBe(shown);
    expect(bridge).toContain('withSuccessHandler');
    expect(page.indexOf(bridge)).toBeLessThan(page.indexOf('id="preview-data"'));
  });

  it('answers a plain 400 page for a row that is not a Messages row, running nothing', async () => {
    const before = w.sb.executions.length;
    for (const row of ['1', '0', '-3', 'abc', '', '2.5', '1e3', '99999999']) {
      const r = await get(`sidebar?row=${encodeURIComponent(row)}`);
      expect([row, r.status]).toEqual([row, 400]);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await r.text();
      expect(page).not.toContain('<script');
      expect(page).toMatch(
        row === '99999999' ? /past the end of the Messages tab/ : /use \/sidebar\?row=N with N = 2 or more/,
      );
    }
    expect(w.sb.executions.length).toBe(before);
    // Without ?row= the sidebar previews the selection, as the menu item does.
    expect((await get('sidebar')).status).toBe(200);
  });

  it('each google.script.run call is one execution of that global function, its one argument passed', async () => {
    const before = w.sb.executions.length;
    const r = await run('previewRow', [3]);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ok: true,
      returned: { ok: true, row: 3, key: 'later', check: { kind: 'scheduled' } },
    });
    expect(w.sb.executions.slice(before).map((e) => [e.fn, e.trigger])).toEqual([['previewRow', 'menu']]);
    expect(await run('noSuchFunction', [])).toMatchObject({
      status: 200,
      body: { ok: false, error: 'Error: Script function not found: noSuchFunction' },
    });
    expect((await run('a.b', [])).status).toBe(400);
    expect((await run('previewRow', [2, 3])).status).toBe(400);
    expect(w.sb.executions.length).toBe(before + 2);
  });

  it('the viewer’s state follows runs, and holds no webhook secret', async () => {
    const state = async () => (await (await get('api/state')).json()) as ViewerSnapshot;
    const at = (s: ViewerSnapshot) => s.spaces.find((x) => x.name === space)!;
    let s = await state();
    expect(at(s).threads).toEqual([]);
    expect(s.menu).toContainEqual({ caption: 'Preview message', fn: 'previewMessage' });
    expect(s.rows.map((r) => [r.row, r.key, r.status])).toEqual([
      [2, 'hello', ''],
      [3, 'later', 'SCHEDULED'],
    ]);
    // The Spaces and Members tabs' statuses too.
    expect(s.tabs.Spaces).toEqual([
      { row: 2, what: `team “Team” (${space})`, status: 'DONE', detail: expect.stringContaining('ready') },
    ]);
    expect(s.tabs.Members).toEqual([
      { row: 2, what: 'ada@example.com in team as MANAGER', status: 'DONE', detail: expect.any(String) },
    ]);

    w.sb.advance(2000);
    expect((await run('sendMessageRow', [2])).body).toMatchObject({
      ok: true,
      returned: { report: ['Messages: 1 done'] },
    });
    s = await state();
    expect(at(s).threads).toHaveLength(1);
    expect(at(s).threads[0].messages[0]).toMatchObject({
      message: { text: 'Hello *team*' },
      sender: { name: 'Build bot', kind: 'webhook' },
    });
    expect(s.rows[0].status).toBe('DONE');
    const q = new URL(hook).searchParams;
    const text = JSON.stringify(s);
    for (const secret of [q.get('key')!, q.get('token')!]) expect(text).not.toContain(secret);
  });

  it('moves the virtual clock and fires what is due', async () => {
    await run('enableSchedule', []);
    const r = await fetch(new URL('api/advance', served.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ minutes: 5 }),
    });
    expect(await r.json()).toEqual({ fired: ['onSchedule (ok)'] });
  });
});
