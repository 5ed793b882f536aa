// Fault schedules (issue 7): bursts of 503 and 429, a 403 in the middle of a batch, no Chat app in the
// Cloud project, and a property store at its size limit. Whatever Chat or Apps Script throws at a run,
// rows end DONE (now or on the next run) or with a plain reason, and nothing is made twice.
import { audit, expectedCounts, inputCells, mixedWorld, SMALL, type Mixed } from '../support/mixed-workbook';
import { unreadable } from '../support/visible';
import { ADMIN, world, type World } from '../support/world';

function clean(m: Mixed) {
  const { duplicates, lost, changedInputs } = audit(m);
  const crashed = m.w.sb.executions.filter((e) => e.outcome === 'error').map((e) => e.error);
  return { duplicates, lost, changedInputs, crashed };
}

const CLEAN = { duplicates: [], lost: [], changedInputs: [], crashed: [] };

function chatCounts(m: Mixed) {
  const spaces = m.w.chat.spaces().filter((s) => s.name !== m.hookSpace);
  return {
    spaces: spaces.length,
    apiMessages: spaces.flatMap((s) => m.w.chat.messages(s.name as string)).length,
    webhookPosts: m.w.chat.messages(m.hookSpace).length,
  };
}

const statuses = (w: World, tab: string) => w.column(tab, 'Status');

describe('bursts of 503 and 429', () => {
  it('short bursts on every kind of call are retried inside the run: everything DONE once', () => {
    const m = mixedWorld(SMALL);
    // Each kind of call gets its burst: advanced-service and REST calls alike, and webhook posts.
    for (const method of ['chat.spaces', 'chat.spaces.members', 'chat.spaces.messages', 'webhook'])
      m.w.chat.faults.next(2, 503, { method }).next(1, 429, { method });
    m.w.run('runAll');
    expect(clean(m)).toEqual(CLEAN);
    expect(audit(m).unfinished).toEqual([]);
    expect(chatCounts(m)).toEqual(expectedCounts(SMALL));
    const log = m.w.rows('Log');
    expect(log.filter((l) => l.HTTP === '503').length).toBeGreaterThanOrEqual(8);
    expect(log.filter((l) => l.HTTP === '429').length).toBeGreaterThanOrEqual(4);
  });

  it('a long outage leaves rows RETRY with a plain reason; the schedule finishes them, nothing twice', () => {
    const m = mixedWorld(SMALL);
    m.w.run('runAll');
    // Then Chat is down for a while: every call answers 503, then the next ones 429.
    m.w.fill('Messages', [
      { Key: 'late-1', Space: 'team0', Text: 'After the outage 1' },
      { Key: 'late-2', Space: 'team1', Text: 'After the outage 2' },
      { Key: 'late-3', Webhook: 'alerts', Text: 'After the outage 3' },
    ]);
    m.inputs = inputCells(m.w);
    m.w.chat.faults.next(40, 503).next(20, 429);
    m.w.sb.advance(5000);
    m.w.run('sendMessages');
    const late = m.w.rows('Messages').slice(-3);
    expect(late.map((r) => r.Status)).toEqual(['RETRY', 'RETRY', 'RETRY']);
    for (const r of late) {
      expect(r.Detail).toMatch(/temporarily unavailable|rate limit/);
      expect(unreadable(r.Detail)).toBeNull();
    }
    m.w.run('enableSchedule');
    for (let i = 0; i < 6 && statuses(m.w, 'Messages').some((s) => s === 'RETRY'); i++) {
      m.w.sb.advance(5 * 60_000);
      m.w.sb.runDueTriggers();
    }
    expect(statuses(m.w, 'Messages').every((s) => s === 'DONE')).toBe(true);
    expect(clean(m)).toEqual(CLEAN);
    const counts = chatCounts(m);
    expect(counts.apiMessages).toBe(expectedCounts(SMALL).apiMessages + 2);
    expect(counts.webhookPosts).toBe(SMALL.webhookPosts + 1);
  });

  it('pacing keeps Chat from having to refuse: a big mixed run draws no 429 from Chat’s own limits', () => {
    const m = mixedWorld({ spaces: 6, groupChats: 2, members: 5, messages: 6, webhookPosts: 12 });
    m.w.run('runAll');
    m.w.sb.runUntilIdle({ maxExecutions: 5 });
    expect(clean(m)).toEqual(CLEAN);
    expect(audit(m).unfinished).toEqual([]);
    expect(m.w.chat.stats.throttled).toBe(0);
  });
});

describe('a 403 in the middle of a batch', () => {
  function batch(target: 'api' | 'webhook') {
    const w = world();
    w.fill(
      'Spaces',
      Array.from({ length: 4 }, (_, i) => ({ Key: `s${i}`, 'Display name': `Space ${i}` })),
    );
    w.run('syncSpaces');
    if (target === 'webhook') {
      const spaces = w.column('Spaces', 'Space');
      w.fill(
        'Webhooks',
        spaces.map((s, i) => ({ Alias: `h${i}`, URL: w.chat.createWebhook(s, `h${i}`) })),
      );
    }
    w.fill(
      'Messages',
      Array.from({ length: 12 }, (_, i) => ({
        Key: `m${i}`,
        ...(target === 'api' ? { Space: `s${i % 4}` } : { Webhook: `h${i % 4}` }),
        Text: `Message ${i}`,
      })),
    );
    return w;
  }

  it.each(['api', 'webhook'] as const)(
    '%s messages: that row is ERROR with Chat’s reason, the others DONE',
    (target) => {
      const w = batch(target);
      w.chat.faults.at(6, 403, { method: target === 'api' ? 'chat.spaces.messages.create' : 'webhook' });
      w.sb.advance(2000);
      w.run('sendMessages');
      const rows = w.rows('Messages');
      expect(rows.filter((r) => r.Status === 'DONE')).toHaveLength(11);
      const [denied] = rows.filter((r) => r.Status === 'ERROR');
      expect(denied.Detail).toMatch(/^Permission denied by Chat: .*\(Chat 403 PERMISSION_DENIED\)$/);
      expect(unreadable(denied.Detail)).toBeNull();
      const texts = w.column('Spaces', 'Space').flatMap((s) => w.chat.messages(s).map((x) => x.text));
      expect(texts).toHaveLength(11);
      expect(new Set(texts).size).toBe(11);
      expect(texts).not.toContain(denied.Text);
    },
  );
});

describe('Google Chat app not found', () => {
  it('a menu run stops at the first refusal with plain advice and an alert', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'a', 'Display name': 'A' }]);
    w.run('syncSpaces');
    w.fill(
      'Messages',
      Array.from({ length: 8 }, (_, i) => ({ Key: `m${i}`, Space: 'a', Text: `Message ${i}` })),
    );
    w.chat.appConfigured = false;
    w.chat.resetStats();
    w.sb.advance(2000);
    w.run('sendMessages');
    const rows = w.rows('Messages');
    expect(rows[0]).toMatchObject({
      Status: 'ERROR',
      Detail: expect.stringMatching(
        /^Google Chat app not configured in the Cloud project: .*enable the Google Chat API/,
      ),
    });
    // The run stopped: the rows after it were not even tried.
    expect(rows.slice(1).map((r) => r.Status)).toEqual(Array(7).fill(''));
    expect(w.chat.stats.calls['chat.spaces.messages.create']).toBe(1);
    expect(w.sb.ui.alerts.map((a) => a.title)).toEqual(['Chat: please fix the set-up']);
    expect(w.sb.ui.alerts[0].prompt).toMatch(/Google Chat app not configured/);
  });

  it('a trigger run stops the same way without a toast or an alert', () => {
    const w = world();
    w.fill(
      'Spaces',
      Array.from({ length: 4 }, (_, i) => ({ Key: `s${i}`, 'Display name': `Space ${i}` })),
    );
    w.chat.faults.next(20, 503, { method: 'chat.spaces.create' });
    w.run('syncSpaces');
    expect(statuses(w, 'Spaces')).toEqual(['RETRY', 'RETRY', 'RETRY', 'RETRY']);
    w.run('enableSchedule');
    w.chat.faults.clear();
    w.chat.appConfigured = false;
    const ui = { toasts: w.sb.ui.toasts.length, alerts: w.sb.ui.alerts.length };
    w.sb.advance(5 * 60_000);
    const [r] = w.sb.runDueTriggers();
    expect(r).toMatchObject({ fn: 'onSchedule', outcome: 'ok' });
    expect({ toasts: w.sb.ui.toasts.length, alerts: w.sb.ui.alerts.length }).toEqual(ui);
    // The four creations went out in one wave: each refused, each with the advice.
    expect(statuses(w, 'Spaces')).toEqual(['ERROR', 'ERROR', 'ERROR', 'ERROR']);
    for (const row of w.rows('Spaces')) expect(row.Detail).toMatch(/^Google Chat app not configured/);
    expect(r.logs.join('\n')).toMatch(/Google Chat app not configured/);
  });
});

describe('a property store at its size limit', () => {
  /** Fills the script properties up to `free` bytes below Apps Script's 500 KB. */
  function fill(w: World, free: number) {
    const used = [...w.sb.properties.script].reduce((n, [k, v]) => n + k.length + v.length, 0);
    let left = 500 * 1024 - free - used;
    for (let i = 0; left > 0; i++) {
      const key = `filler-${i}`;
      const size = Math.min(9000, left - key.length);
      w.sb.properties.script.set(key, 'f'.repeat(Math.max(0, size)));
      left -= key.length + Math.max(0, size);
    }
  }

  it('a webhook that can’t be stored is INVALID with the reason, redacted, and the run goes on', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'ops', 'Display name': 'Ops' }]);
    w.run('syncSpaces');
    const url = w.chat.createWebhook(w.rows('Spaces')[0].Space, 'alerts');
    w.fill('Webhooks', [{ Alias: 'alerts', URL: url }]);
    w.fill('Spaces', [{ Key: 'dev', 'Display name': 'Dev' }]);
    w.fill('Messages', [{ Key: 'a', Webhook: 'alerts', Text: 'hi' }]);
    fill(w, 50);
    const r = w.sb.run('runAll');
    expect(r.outcome).toBe('ok');
    const [hook] = w.rows('Webhooks');
    expect(hook.Status).toBe('INVALID');
    expect(hook.Detail).toMatch(
      /could not be stored in the script’s properties \(You have exceeded the property storage quota/,
    );
    expect(hook.Detail).toMatch(/paste the URL again/);
    expect(hook.URL).toMatch(/key=…&token=…$/);
    expect(w.rows('Messages')[0]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(/no stored URL/),
    });
    expect(statuses(w, 'Spaces')).toEqual(['DONE', 'DONE']);
  });

  it('Set up app authentication with a full store says so in plain words and stores nothing', () => {
    const w = world();
    fill(w, 50);
    const key = w.chat.addServiceAccount({ name: 'chat-app' });
    w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(key) });
    const r = w.sb.run('setUpAppAuth');
    expect(r.outcome).toBe('ok');
    const alert = w.sb.ui.alerts.at(-1)!;
    expect(alert.title).toBe('App authentication not set up');
    expect(alert.prompt).toMatch(
      /the script’s properties could not store it \(You have exceeded the property storage quota/,
    );
    expect(alert.prompt).not.toContain(key.private_key_id);
    expect([...w.sb.properties.script.keys()].filter((k) => !k.startsWith('filler-'))).toEqual([]);
  });

  it('a run that can’t save its continuation says so, loses no row, and the next click finishes', () => {
    const w = world({ latency: { chat: 60_000, fetch: 60_000 } });
    w.fill('Spaces', [{ Key: 'eng', 'Display name': 'Engineering' }]);
    w.run('syncSpaces');
    w.fill(
      'Members',
      Array.from({ length: 8 }, (_, i) => ({ Space: 'eng', Member: `p${i}@example.com` })),
    );
    fill(w, 20);
    w.sb.advance(2000);
    const r = w.sb.run('syncMembers');
    expect(r.outcome).toBe('ok');
    const done = statuses(w, 'Members').filter((s) => s === 'DONE').length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(8);
    expect(statuses(w, 'Members').filter((s) => s !== 'DONE')).toEqual(Array(8 - done).fill(''));
    expect(w.sb.ui.alerts.at(-1)?.prompt).toMatch(
      /stopped before the end and could not arrange to continue \(the script’s properties refused to save it: You have exceeded the property storage quota.*run it again from the Chat menu/,
    );
    expect(w.sb.triggers.filter((t) => t.handler === 'continueRun')).toEqual([]);
    for (let i = 0; i < 4 && statuses(w, 'Members').some((s) => s !== 'DONE'); i++) {
      w.sb.advance(60_000);
      w.run('syncMembers');
    }
    expect(statuses(w, 'Members')).toEqual(Array(8).fill('DONE'));
    expect(w.chat.members(w.rows('Spaces')[0].Space)).toHaveLength(9);
  });
});

describe('Apps Script’s daily URL fetch quota', () => {
  it('a run that reaches it stops cleanly, says which quota and when work resumes; the next day carries on', () => {
    const w = world({ dailyQuotas: { urlFetchCalls: 12 } });
    // The spaces exist already (made in Chat, not by a run): the whole quota is the messages'.
    const [a, b] = ['A', 'B'].map((name) => {
      const made = w.chat.call({
        method: 'chat.spaces.create',
        params: {},
        body: { spaceType: 'SPACE', displayName: name },
        authorization: `Bearer ${w.chat.userToken(ADMIN)}`,
      });
      return String((made.body as { name: string }).name);
    });
    w.fill('Spaces', [
      { Key: 'a', 'Display name': 'A', Space: a, Status: 'DONE' },
      { Key: 'b', 'Display name': 'B', Space: b, Status: 'DONE' },
    ]);
    const hookSpace = a;
    w.fill('Webhooks', [{ Alias: 'hook', URL: w.chat.createWebhook(hookSpace, 'Hook') }]);
    w.fill('Messages', [
      ...Array.from({ length: 20 }, (_, i) => ({
        Key: `m${i}`,
        Space: i % 2 ? 'a' : 'b',
        Text: `Note ${i}`,
      })),
      ...Array.from({ length: 4 }, (_, i) => ({ Key: `h${i}`, Webhook: 'hook', Text: `Post ${i}` })),
    ]);
    w.sb.advance(2000);
    const r = w.run('sendMessages');
    const statuses = w.column('Messages', 'Status');
    expect(statuses.filter((s) => s === 'DONE')).toHaveLength(12);
    // Nothing was sent for the rest, webhook posts included: they wait, never UNCERTAIN.
    expect(statuses.filter((s) => s !== 'DONE').every((s) => s === 'RETRY' || s === '')).toBe(true);
    const waiting = w.rows('Messages').filter((r) => r.Status === 'RETRY');
    expect(waiting.length).toBeGreaterThan(0);
    for (const r of waiting)
      expect(r.Detail).toMatch(/^Not sent: Apps Script’s daily quota of URL fetches is used up/);
    expect(w.sb.ui.alerts.at(-1)?.prompt).toMatch(
      /daily quota of URL fetches is used up: .* resets within 24 hours/,
    );
    expect(r.logs).toContain('12 URL fetches (Apps Script allows 20,000 a day, 100,000 with Workspace).');
    expect(w.chat.spaces().flatMap((s) => w.chat.messages(s.name as string))).toHaveLength(12);

    // The next day the schedule (or a click) sends the rest, once each.
    w.sb.advance(24 * 3600_000);
    w.run('sendMessages');
    expect(w.column('Messages', 'Status').every((s) => s === 'DONE')).toBe(true);
    expect(w.chat.spaces().flatMap((s) => w.chat.messages(s.name as string))).toHaveLength(24);
  });
});

describe('Apps Script’s daily property quota', () => {
  it('a run that reaches it stops cleanly and says so; what was done is kept, the next day finishes', () => {
    const w = world({ dailyQuotas: { propertyReadsWrites: 10 } });
    w.fill('Spaces', [{ Key: 'a', 'Display name': 'A' }]);
    w.run('syncSpaces');
    const hookSpace = w.rows('Spaces')[0].Space;
    w.fill('Webhooks', [{ Alias: 'hook', URL: w.chat.createWebhook(hookSpace, 'Hook') }]);
    w.fill(
      'Messages',
      Array.from({ length: 8 }, (_, i) => ({ Key: `h${i}`, Webhook: 'hook', Text: `Post ${i}` })),
    );
    w.sb.advance(2000);
    const r = w.sb.run('sendMessages');
    expect([r.outcome, r.error]).toEqual(['ok', undefined]);
    expect(w.sb.ui.alerts.at(-1)?.prompt).toMatch(
      /daily quota of script property reads and writes is used up: .* resets within 24 hours/,
    );
    const posted = w.chat.messages(hookSpace).length;
    expect(w.column('Messages', 'Status').filter((s) => s === 'DONE')).toHaveLength(posted);
    expect(w.column('Messages', 'Status').every((s) => ['DONE', '', 'RETRY'].includes(s))).toBe(true);

    w.sb.advance(24 * 3600_000);
    w.run('sendMessages');
    expect(w.column('Messages', 'Status').every((s) => s === 'DONE')).toBe(true);
    expect(w.chat.messages(hookSpace)).toHaveLength(8);
  });
});
