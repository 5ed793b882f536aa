// The built bundle's Preview message sidebar on the sandbox runtime, against the Chat emulator: the page
// it shows, and the functions the page calls (previewRow, checkMessageRow, sendMessageRow) as
// google.script.run would call them — one execution each, the row number as the one argument.
import type { ActionResult, PreviewResult, RowPreview } from '../../src/preview/model';
import { Sandbox } from '../../sandbox/runtime';
import { world, type World } from '../support/world';

/** A space with a stored webhook, and a user column `Version` on Messages for placeholders. */
function team(): { w: World; space: string; url: string } {
  const w = world();
  w.fill('Spaces', [{ Key: 'team', 'Display name': 'Team' }]);
  w.run('syncSpaces');
  const space = w.rows('Spaces')[0].Space;
  const url = w.chat.createWebhook(space, 'Build bot');
  w.fill('Webhooks', [{ Alias: 'ci', URL: url }]);
  const width = (w.sb.workbook.sheet('Messages').values[0] as string[]).length;
  w.sb.workbook.setValues('Messages', `${String.fromCharCode(65 + width)}1`, [['Version']]);
  return { w, space, url };
}

const CARD = JSON.stringify({
  header: { title: 'Release {{Version}}', subtitle: 'from the sheet' },
  sections: [{ widgets: [{ textParagraph: { text: 'Notes for <b>{{Version}}</b>' } }] }],
});

function call<T>(w: World, fn: string, arg?: unknown): T {
  return w.run(fn, arg === undefined ? {} : { event: arg as Record<string, unknown> }).returned as T;
}

const preview = (w: World, row?: number) => call<PreviewResult>(w, 'previewRow', row);
const ready = (p: PreviewResult): RowPreview => {
  if (!p.ok) throw new Error(p.reason);
  return p;
};

/** The preview the page starts with, read back out of its JSON script element. */
function embedded(html: string): PreviewResult {
  const m = /<script type="application\/json" id="preview-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no preview data in the page');
  return JSON.parse(m[1]) as PreviewResult;
}

function secretsOf(url: string): string[] {
  const q = new URL(url).searchParams;
  return [q.get('key')!, q.get('token')!];
}

describe('Preview message (the bundle on the sandbox)', () => {
  it('opens one self-contained sidebar page showing the selected row with its placeholders filled', () => {
    const { w } = team();
    w.fill('Messages', [
      { Key: 'rel', Webhook: 'ci', Text: 'Release *{{Version}}*', Card: CARD, Version: '2.4' },
    ]);
    w.run('checkRows');
    w.sb.selectRange('Messages', 'B2');
    w.run('previewMessage');

    expect(w.sb.ui.sidebars).toHaveLength(1);
    const { html, title } = w.sb.ui.sidebars[0];
    expect(title).toBe('Preview message');
    expect(html).not.toMatch(/<script[^>]+src=|<link\b|@import|https?:\/\/(?!chat\.googleapis)/i);
    expect(html.match(/<script\b/gi)).toHaveLength(2); // the data, and the page's own script
    expect(html.length).toBeLessThan(40_000);

    const p = ready(embedded(html));
    expect(p).toMatchObject({ row: 2, key: 'rel', exact: true, sender: { kind: 'webhook', name: 'ci' } });
    expect(p.message.text).toBe('Release *2.4*');
    expect(p.message.cardsV2).toEqual([
      {
        cardId: 'card-1',
        card: {
          header: { title: 'Release 2.4', subtitle: 'from the sheet' },
          sections: [{ widgets: [{ textParagraph: { text: 'Notes for <b>2.4</b>' } }] }],
        },
      },
    ]);
    expect(p.check).toEqual({ kind: 'ready', text: w.rows('Messages')[0].Detail });
  });

  it('shows exactly what Send this row then posts', () => {
    const { w, space } = team();
    w.fill('Messages', [
      { Key: 'rel', Webhook: 'ci', Text: 'Release *{{Version}}*', Card: CARD, Version: '2.4' },
    ]);
    w.run('checkRows');
    const shown = ready(preview(w, 2));
    w.sb.advance(2000);
    const sent = call<ActionResult>(w, 'sendMessageRow', 2);
    const [posted] = w.chat.messages(space);
    expect({ text: posted.text, cardsV2: posted.cardsV2 }).toEqual(shown.message);
    expect(sent.report).toEqual(['Messages: 1 done']);
    expect(ready(sent.preview)).toMatchObject({
      status: 'DONE',
      check: { kind: 'settled' },
      send: { ok: false },
    });
  });

  it('gives each row the verdict checkRows writes, and writes nothing itself', () => {
    const { w } = team();
    w.fill('Spaces', [{ Key: 'later', 'Display name': 'Not created yet' }]);
    w.fill('Messages', [
      { Key: 'ok', Space: 'team', Text: 'Hello {{Version}}', Version: '1' },
      { Key: 'card-as-me', Space: 'team', Card: CARD, Version: '2' },
      { Key: 'typo', Space: 'team', Text: 'Hi {{Nope}}' },
      { Key: 'wait', Space: 'later', Text: 'Soon' },
      { Key: 'sched', Space: 'team', Text: 'Tomorrow', 'Send at': '2099-01-01 09:00' },
    ]);
    w.run('checkRows'); // stores the webhook; the verdicts are cleared to start from blank rows
    for (let r = 2; r <= 6; r++) w.set('Messages', r, { Status: '', Detail: '' });
    const before = JSON.stringify(w.sb.workbook.sheets.map((s) => w.sb.workbook.sheet(s.name).values));

    const previews = [2, 3, 4, 5, 6].map((r) => ready(preview(w, r)));
    expect(JSON.stringify(w.sb.workbook.sheets.map((s) => w.sb.workbook.sheet(s.name).values))).toBe(before);
    expect(previews.map((p) => p.check.kind)).toEqual([
      'ready',
      'invalid',
      'invalid',
      'waiting',
      'scheduled',
    ]);

    w.run('checkRows');
    const rows = w.rows('Messages');
    expect(previews.map((p) => p.check.text)).toEqual(rows.map((r) => r.Detail));
    expect(rows.map((r) => r.Status)).toEqual(['', 'INVALID', 'INVALID', 'WAITING', 'SCHEDULED']);

    // A refused row is still shown as far as it goes: the card, the unknown placeholder left visible.
    expect(previews[1]).toMatchObject({ exact: false, send: { ok: false } });
    expect(
      (previews[1].message.cardsV2 as { card: { header: { title: string } } }[])[0].card.header.title,
    ).toBe('Release 2');
    expect(previews[2].message.text).toBe('Hi {{Nope}}');
    // A scheduled row is valid: its message is the planner's own.
    expect(previews[4]).toMatchObject({ exact: true, message: { text: 'Tomorrow' }, send: { ok: true } });
  });

  it('Check this row writes that row’s Status and Detail as checkRows does (a scheduled row stays SCHEDULED)', () => {
    const { w } = team();
    w.fill('Messages', [
      { Key: 'sched', Space: 'team', Text: 'Tomorrow', 'Send at': '2099-01-01 09:00' },
      { Key: 'now', Space: 'team', Text: 'Now' },
    ]);
    const checked = call<ActionResult>(w, 'checkMessageRow', 2);
    let rows = w.rows('Messages');
    expect(rows.map((r) => r.Status)).toEqual(['SCHEDULED', '']);
    expect(rows[0].Detail).toMatch(/^Scheduled for 2099-01-01 09:00/);
    expect(rows[1].Detail).toBe('');
    // team() pasted a webhook URL: the check stored it first.
    expect(checked.report).toEqual(['Webhooks: 1 done', 'Messages: 1 scheduled']);
    expect(ready(checked.preview).check).toEqual({ kind: 'scheduled', text: rows[0].Detail });

    call<ActionResult>(w, 'checkMessageRow', 3);
    rows = w.rows('Messages');
    expect(rows[1]).toMatchObject({
      Status: '',
      Detail: 'Would send text to ' + w.rows('Spaces')[0].Space + '.',
    });
    expect(w.chat.stats.writes).toBe(1); // the space; the checks wrote nothing to Chat
  });

  it('Check this row stores a webhook URL pasted a moment ago, then checks the row against it', () => {
    const { w, url } = team();
    w.fill('Messages', [{ Key: 'hook', Webhook: 'ci', Text: 'Built' }]);
    const checked = call<ActionResult>(w, 'checkMessageRow', 2);
    expect(w.rows('Webhooks')[0].Status).toBe('DONE');
    expect(w.rows('Webhooks')[0].URL).not.toContain(new URL(url).searchParams.get('token')!);
    expect(w.rows('Messages')[0]).toMatchObject({ Status: '', Detail: 'Would send text to webhook ci.' });
    expect(checked.report).toContain('Webhooks: 1 done');
  });

  it('Send this row sends only that row, a scheduled one now', () => {
    const { w, space } = team();
    w.fill('Messages', [
      { Key: 'sched', Space: 'team', Text: 'Tomorrow', 'Send at': '2099-01-01 09:00' },
      { Key: 'other', Space: 'team', Text: 'Not this one' },
    ]);
    w.sb.advance(2000);
    const sent = call<ActionResult>(w, 'sendMessageRow', 2);
    expect(w.chat.messages(space).map((m) => m.text)).toEqual(['Tomorrow']);
    expect(w.rows('Messages').map((r) => r.Status)).toEqual(['DONE', '']);
    expect(ready(sent.preview).check.text).toMatch(/^DONE: Sent to spaces\//);
  });

  it('a row’s text can’t close the page’s data element, and no webhook secret reaches the page', () => {
    const { w, url } = team();
    const evil = '</script><script>globalThis.pwned = 1</script><!-- \u2028 $& $1';
    w.fill('Messages', [{ Key: 'evil', Webhook: 'ci', Text: evil }]);
    w.run('checkRows');
    w.sb.selectRange('Messages', 'A2');
    w.run('previewMessage');
    const html = w.sb.ui.sidebars[0].html;
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(ready(embedded(html)).message.text).toBe(evil);
    for (const s of secretsOf(url)) expect(html).not.toContain(s);
    const after = call<ActionResult>(w, 'sendMessageRow', 2);
    for (const s of secretsOf(url)) expect(JSON.stringify(after)).not.toContain(s);
  });

  it('without a Messages row selected it says what to do; a bad row number is an error the page shows', () => {
    const { w } = team();
    w.sb.selectRange('Spaces', 'A2');
    expect(preview(w)).toEqual({
      ok: false,
      reason: 'Select a row below the header on the Messages tab, then click “Preview the selected row”.',
    });
    w.sb.selectRange('Messages', 'A1');
    expect(preview(w).ok).toBe(false);
    expect(preview(w, 9)).toEqual({
      ok: false,
      reason: 'Messages row 9 is empty: write a Text or a Card in it first.',
    });
    const bad = w.sb.run('sendMessageRow', { event: 'x' as unknown as Record<string, unknown> });
    expect(bad.outcome).toBe('error');
    expect(bad.error).toMatch(/Which row\?/);
  });

  it('a trigger run can’t open it (no UI there)', () => {
    const { w } = team();
    expect(w.sb.run('previewMessage', { trigger: 'time' }).outcome).toBe('error');
    expect(w.sb.ui.sidebars).toHaveLength(0);
  });
});

describe('HtmlService in the sandbox', () => {
  const script = `
    function page() {
      var out = HtmlService.createHtmlOutput('<p>a</p>').append('<b>b</b>').appendUntrusted('<i>c</i>');
      SpreadsheetApp.getUi().showSidebar(out.setTitle('Title').setWidth(300));
      return [out.getContent(), out.getTitle(), out.getWidth()];
    }
    function plainString() { SpreadsheetApp.getUi().showSidebar('<p>not an HtmlOutput</p>'); }
    function fromFile() { HtmlService.createHtmlOutputFromFile('Page'); }
    function template() { HtmlService.createTemplate('x'); }`;

  it('builds pages, and showSidebar records the page shown with its title', () => {
    const sb = new Sandbox({ bundle: script });
    const r = sb.run('page');
    expect(r.returned).toEqual(['<p>a</p><b>b</b>&lt;i&gt;c&lt;/i&gt;', 'Title', 300]);
    expect(sb.ui.sidebars).toEqual([
      { html: '<p>a</p><b>b</b>&lt;i&gt;c&lt;/i&gt;', title: 'Title', at: r.startedAt },
    ]);
    expect(r.calls['SpreadsheetApp.Ui.showSidebar']).toBe(1);
  });

  it('fails like Apps Script on a plain string or a missing file, and loudly on what it does not model', () => {
    const sb = new Sandbox({ bundle: script });
    expect(sb.run('plainString').error).toBe('Exception: Invalid argument: userInterface');
    expect(sb.run('fromFile').error).toBe('Exception: No HTML file named Page was found.');
    expect(sb.run('template').error).toBe('Error: not modelled by the sandbox: HtmlService.createTemplate');
    expect(sb.ui.sidebars).toHaveLength(0);
  });
});
