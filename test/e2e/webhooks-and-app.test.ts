import { world } from '../support/world';
import { everythingVisible } from '../support/visible';

const PROPS = 'sheets-to-chat.webhook.';

function withHook(name = 'alerts') {
  const w = world();
  w.fill('Spaces', [{ Key: 'ops', 'Display name': 'Ops' }]);
  w.run('syncSpaces');
  const space = w.rows('Spaces')[0].Space;
  const url = w.chat.createWebhook(space, name);
  return { w, space, url };
}

function secretsOf(url: string): string[] {
  const q = new URL(url).searchParams;
  return [q.get('key')!, q.get('token')!, encodeURIComponent(q.get('token')!)];
}

describe('Webhooks tab', () => {
  it('stores a pasted URL outside the sheet and leaves a redacted form that keeps the space', () => {
    const { w, space, url } = withHook();
    w.fill('Webhooks', [{ Alias: 'alerts', URL: url }]);
    w.run('runAll');
    const [row] = w.rows('Webhooks');
    expect(row).toMatchObject({
      Status: 'DONE',
      URL: `https://chat.googleapis.com/v1/${space}/messages?key=…&token=…`,
    });
    expect(row.Detail).toMatch(/Stored outside the sheet/);
    expect(w.sb.properties.script.get(PROPS + 'alerts')).toBe(url);
    for (const s of secretsOf(url)) expect(everythingVisible(w)).not.toContain(s);
  });

  it('Run selected rows on Messages stores a URL pasted a moment ago before it posts', () => {
    const { w, space, url } = withHook();
    w.fill('Webhooks', [{ Alias: 'alerts', URL: url }]);
    w.fill('Messages', [
      { Key: 'other', Webhook: 'alerts', Text: 'not selected' },
      { Key: 'now', Webhook: 'alerts', Text: 'selected' },
    ]);
    w.sb.selectRange('Messages', 'A3');
    w.run('runSelectedRows');
    expect(w.rows('Webhooks')[0]).toMatchObject({ Status: 'DONE' });
    expect(w.column('Messages', 'Status')).toEqual(['', 'DONE']);
    expect(w.chat.messages(space).map((m) => m.text)).toEqual(['selected']);
    for (const s of secretsOf(url)) expect(everythingVisible(w)).not.toContain(s);
  });

  it('a bad URL is INVALID with the reason; re-pasting replaces the stored one; deleting the row forgets it', () => {
    const { w, space, url } = withHook();
    w.fill('Webhooks', [
      { Alias: 'wrong-host', URL: 'https://example.com/v1/spaces/AAA/messages?key=k&token=t' },
      { Alias: 'no-token', URL: 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=abc' },
      { Alias: 'alerts', URL: url },
    ]);
    w.run('runAll');
    let rows = w.rows('Webhooks');
    expect(rows.map((r) => r.Status)).toEqual(['INVALID', 'INVALID', 'DONE']);
    expect(rows[0].Detail).toMatch(/host must be chat.googleapis.com/);
    expect(rows[1].Detail).toMatch(/no token/);
    expect(rows[0].URL).not.toContain('token=t');

    const second = w.chat.createWebhook(space, 'alerts-2');
    w.sb.workbook.setValues('Webhooks', 'B4', [[second]]);
    w.run('runAll');
    expect(w.sb.properties.script.get(PROPS + 'alerts')).toBe(second);
    rows = w.rows('Webhooks');
    expect(rows[2].URL).toMatch(/key=…&token=…$/);

    w.sb.workbook.require('Webhooks').deleteRows(4, 1);
    w.run('runAll');
    expect(w.sb.properties.script.has(PROPS + 'alerts')).toBe(false);
  });
});

describe('Messages through webhooks', () => {
  it('posts text and cards, with threads, paced per space', () => {
    const { w, space, url } = withHook();
    w.fill('Webhooks', [{ Alias: 'alerts', URL: url }]);
    w.fill('Messages', [
      { Key: 'w1', Webhook: 'alerts', Text: 'Build broke', 'Thread key': 'build-42' },
      { Key: 'w2', Webhook: 'alerts', Text: 'Fixed', 'Thread key': 'build-42' },
      {
        Key: 'w3',
        Webhook: 'alerts',
        Card: '{"header": {"title": "Deploy"}, "sections": [{"widgets": [{"textParagraph": {"text": "ok"}}]}]}',
      },
      { Key: 'w4', Webhook: 'alerts', Text: 'four' },
      { Key: 'w5', Webhook: 'alerts', Text: 'five' },
    ]);
    w.sb.advance(2000);
    const r = w.run('runAll');
    const rows = w.rows('Messages');
    expect(rows.map((x) => x.Status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
    expect(rows[0].Thread).toBe(rows[1].Thread);
    expect(rows[2].Thread).not.toBe(rows[0].Thread);
    const msgs = w.chat.messages(space);
    expect(msgs.map((m) => m.text ?? '[card]')).toEqual(['Build broke', 'Fixed', '[card]', 'four', 'five']);
    expect(w.chat.stats.throttled).toBe(0);
    expect(r.elapsedMs).toBeGreaterThan(4000);
    const log = w.rows('Log').filter((l) => l.Action === 'webhook.post');
    expect(log).toHaveLength(5);
    expect(log[0].Target).toBe(`webhook alerts → ${space}`);
    for (const s of secretsOf(url)) expect(everythingVisible(w)).not.toContain(s);
  });

  it('posts to many webhooks in parallel with fetchAll, paced about one post a second per space', () => {
    const w = world();
    w.fill(
      'Spaces',
      Array.from({ length: 10 }, (_, i) => ({ Key: `s${i}`, 'Display name': `S${i}` })),
    );
    w.run('syncSpaces');
    const spaces = w.column('Spaces', 'Space');
    w.fill(
      'Webhooks',
      spaces.map((sp, i) => ({ Alias: `h${i}`, URL: w.chat.createWebhook(sp, `h${i}`) })),
    );
    w.fill(
      'Messages',
      Array.from({ length: 50 }, (_, i) => ({ Key: `p${i}`, Webhook: `h${i % 10}`, Text: `post ${i}` })),
    );
    const r = w.run('sendMessages');
    expect(w.column('Messages', 'Status').filter((x) => x === 'DONE')).toHaveLength(50);
    expect(spaces.map((sp) => w.chat.messages(sp).length)).toEqual(Array(10).fill(5));
    expect(w.chat.stats.throttled).toBe(0);
    // Five waves of ten parallel posts, a second apart — not fifty posts one after another.
    expect(r.calls['UrlFetchApp.fetchAll']).toBe(5);
    expect(r.elapsedMs).toBeLessThan(8000);
  });

  it('a webhook answering 503 is retried; 400 is ERROR; an unknown alias is INVALID', () => {
    const { w, url } = withHook();
    w.fill('Webhooks', [{ Alias: 'alerts', URL: url }]);
    w.fill('Messages', [{ Key: 'a', Webhook: 'alerts', Text: 'after two 503s' }]);
    w.chat.faults.next(2, 503, { method: 'webhook' });
    w.sb.advance(2000);
    w.run('runAll');
    expect(w.rows('Messages')[0].Status).toBe('DONE');
    expect(w.rows('Log').filter((l) => l.HTTP === '503')).toHaveLength(2);

    w.fill('Messages', [
      { Key: 'b', Webhook: 'alerts', Text: 'refused' },
      { Key: 'c', Webhook: 'nope', Text: 'x' },
    ]);
    w.chat.faults.next(1, 400, { method: 'webhook' });
    w.sb.advance(2000);
    w.run('sendMessages');
    const rows = w.rows('Messages');
    expect(rows.map((x) => x.Status)).toEqual(['DONE', 'ERROR', 'INVALID']);
    expect(rows[1].Detail).toMatch(/\(Chat 400 INVALID_ARGUMENT\)$/);
    expect(rows[2].Detail).toMatch(/“nope” is not an alias on the Webhooks tab/);
    for (const s of secretsOf(url)) expect(everythingVisible(w)).not.toContain(s);
  });

  it('a cut-off between a post and its write-back leaves the row UNCERTAIN, posted once', () => {
    let uncertain = 0;
    for (let k = 1; k <= 40; k++) {
      const { w, space, url } = withHook();
      w.fill('Webhooks', [{ Alias: 'alerts', URL: url }]);
      w.run('runAll');
      w.fill('Messages', [{ Key: 'once', Webhook: 'alerts', Text: 'only once' }]);
      const cut = w.sb.run('sendMessages', { cutAfterCalls: k });
      w.sb.advance(60_000);
      w.run('sendMessages');
      w.run('sendMessages');
      const [row] = w.rows('Messages');
      const posted = w.chat.messages(space).length;
      // Never posted twice; UNCERTAIN when the run died between marking SENDING and writing back.
      expect(posted).toBeLessThanOrEqual(1);
      if (row.Status === 'UNCERTAIN') {
        uncertain++;
        expect(row.Detail).toMatch(/in flight/);
      } else expect([k, row.Status, posted]).toEqual([k, 'DONE', 1]);
      if (cut.outcome === 'ok') break;
    }
    expect(uncertain).toBeGreaterThan(0);
  });

  it('a post that times out after arriving is UNCERTAIN and never re-posted; the URL stays out of every message', () => {
    const { w, space, url } = withHook();
    w.fill('Webhooks', [{ Alias: 'alerts', URL: url }]);
    w.fill('Messages', [{ Key: 't', Webhook: 'alerts', Text: 'slow' }]);
    w.sb.http.faults.push({ prefix: 'https://chat.googleapis.com/v1/spaces/', count: 1, delivered: true });
    w.run('runAll');
    expect(w.rows('Messages')[0]).toMatchObject({
      Status: 'UNCERTAIN',
      Detail: expect.stringMatching(/No answer from Chat/),
    });
    w.run('sendMessages');
    expect(w.chat.messages(space)).toHaveLength(1);
    for (const s of secretsOf(url)) expect(everythingVisible(w)).not.toContain(s);
  });
});

describe('App authentication', () => {
  function withApp() {
    const w = world();
    w.fill('Spaces', [{ Key: 'ops', 'Display name': 'Ops' }]);
    w.fill('Members', [{ Space: 'ops', Member: 'app' }]);
    w.run('runAll');
    const key = w.chat.addServiceAccount({ name: 'chat-app' });
    return { w, key, space: w.rows('Spaces')[0].Space };
  }

  it('setUpAppAuth checks the pasted key, stores it outside the sheet and names the app', () => {
    const { w, key } = withApp();
    w.sb.ui.answers.push({ button: 'OK', text: '{"type": "authorized_user"}' });
    w.run('setUpAppAuth');
    expect(JSON.stringify(w.sb.ui.alerts.at(-1))).toMatch(/not a service-account key/);
    w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(key) });
    w.run('setUpAppAuth');
    expect(JSON.stringify(w.sb.ui.alerts.at(-1))).toContain(key.client_email);
    expect(w.sb.properties.script.get('sheets-to-chat.appKey')).toContain('PRIVATE KEY');
    expect(everythingVisible(w)).not.toContain(key.private_key.slice(40, 80));
  });

  it('As APP rows post as the app, update and delete as the app, and survive an expired token', () => {
    const { w, key, space } = withApp();
    w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(key) });
    w.run('setUpAppAuth');
    w.fill('Messages', [{ Key: 'a1', Space: 'ops', Text: 'from the app', As: 'APP' }]);
    w.sb.advance(2000);
    w.run('sendMessages');
    expect(w.rows('Messages')[0].Status).toBe('DONE');
    expect(w.chat.messages(space)[0].sender).toMatchObject({ type: 'BOT' });

    w.chat.expireTokens();
    w.sb.advance(2000);
    w.set('Messages', 2, { Action: 'UPDATE', Text: 'edited by the app', Status: '' });
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({ Status: 'DONE', Detail: 'Updated the text.' });
    expect(w.chat.messages(space)[0].text).toBe('edited by the app');
    expect(w.rows('Log').some((l) => l.HTTP === '401')).toBe(true);
    // One token when the key was installed (cached), one more after Chat refused the expired one.
    expect(w.chat.stats.calls['oauth2.token']).toBe(2);

    w.set('Messages', 2, { Action: 'DELETE', Status: '' });
    w.sb.advance(2000);
    w.run('sendMessages');
    expect(w.chat.messages(space)).toHaveLength(0);
    const visible = everythingVisible(w);
    expect(visible).not.toContain(key.private_key.slice(40, 80));
    expect(visible).not.toMatch(/ya29\.|Bearer [A-Za-z0-9]/);
  });

  it('As APP without a key is INVALID with what to do', () => {
    const { w } = withApp();
    w.fill('Messages', [{ Key: 'x', Space: 'ops', Text: 'hi', As: 'APP' }]);
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(/run “Set up app authentication”/),
    });
  });
});
