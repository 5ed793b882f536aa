// Apps Script's daily quotas as the sandbox counts and enforces them (quotas.ts has the table). Each test
// names the Google page it follows.
import { DAILY_QUOTAS, DAY_MS } from './quotas';
import { CannedChat, sandboxFor } from './test-support';

// https://developers.google.com/apps-script/guides/services/quotas, "Current quotas": URL Fetch calls
// 20,000 / day (consumer) and 100,000 / day (Google Workspace); quotas "reset 24 hours after the first
// request".
describe('daily quota: URL Fetch calls', () => {
  const SCRIPT = `
    function one() { return UrlFetchApp.fetch('https://example.com/').getResponseCode(); }
    function many(e) { var r = []; for (var i = 0; i < e.n; i++) r.push('https://example.com/' + i); return UrlFetchApp.fetchAll(r).length; }`;
  const ok = () => ({ status: 200, headers: {}, body: '' });

  test('Workspace by default (100,000), consumer on request (20,000), or any number', () => {
    expect(sandboxFor('').usage.quotas.urlFetchCalls).toBe(100_000);
    expect(sandboxFor('', { account: 'consumer' }).usage.quotas).toEqual(DAILY_QUOTAS.consumer);
    expect(DAILY_QUOTAS.consumer).toEqual({
      urlFetchCalls: 20_000,
      triggerRuntimeMs: 90 * 60_000,
      propertyReadsWrites: 50_000,
    });
    expect(DAILY_QUOTAS.workspace).toEqual({
      urlFetchCalls: 100_000,
      triggerRuntimeMs: 6 * 3600_000,
      propertyReadsWrites: 500_000,
    });
    expect(sandboxFor('', { dailyQuotas: { urlFetchCalls: 5 } }).usage.quotas.urlFetchCalls).toBe(5);
  });

  test('each request counts (fetchAll too); the call past the quota throws and sends nothing; a new day resets it', () => {
    const sb = sandboxFor(SCRIPT, { dailyQuotas: { urlFetchCalls: 5 } });
    sb.http.register('https://example.com/', ok);
    const start = sb.clock.now();
    expect(sb.run('many', { event: { n: 4 } }).returned).toBe(4);
    expect(sb.run('many', { event: { n: 2 } }).error).toBe(
      'Exception: Service invoked too many times for one day: urlfetch.',
    );
    expect(sb.run('one').returned).toBe(200);
    expect(sb.run('one').error).toBe('Exception: Service invoked too many times for one day: urlfetch.');
    expect(sb.http.requests).toHaveLength(5);
    expect(sb.usage.resetsAt('urlFetchCalls')).toBe(start + DAY_MS);
    sb.advanceTo(start + DAY_MS - 1000);
    expect(sb.run('one').outcome).toBe('error');
    sb.advanceTo(start + DAY_MS);
    expect(sb.run('one').returned).toBe(200);
    expect(sb.usage.used('urlFetchCalls')).toBe(1);
  });

  test('the consumer quota is 20,000 calls', () => {
    const sb = sandboxFor(SCRIPT, { account: 'consumer', realTimeoutMs: 120_000 });
    sb.http.register('https://example.com/', ok);
    for (let i = 0; i < 20; i++) expect(sb.run('many', { event: { n: 1000 } }).returned).toBe(1000);
    expect(sb.run('one').error).toMatch(/too many times for one day: urlfetch/);
  });

  test('Chat advanced-service calls are not URL fetches', () => {
    const chat = new CannedChat(() => ({ status: 200, body: {} }));
    const sb = sandboxFor(`function f() { Chat.Spaces.get('spaces/S'); }`, {
      chat,
      dailyQuotas: { urlFetchCalls: 0 },
    });
    expect(sb.run('f').outcome).toBe('ok');
  });
});

// Same page: Properties read/write 50,000 / day (consumer), 500,000 / day (Workspace).
describe('daily quota: property reads and writes', () => {
  test("every PropertiesService call counts; past the quota it throws Apps Script's text", () => {
    const sb = sandboxFor(
      `function rw() {
        var p = PropertiesService.getScriptProperties();
        p.setProperty('a', '1'); p.getProperty('a'); p.getProperties(); p.getKeys(); p.deleteProperty('a');
      }
      function read() { return PropertiesService.getUserProperties().getProperty('x'); }`,
      { dailyQuotas: { propertyReadsWrites: 6 } },
    );
    expect(sb.run('rw').outcome).toBe('ok');
    expect(sb.usage.used('propertyReadsWrites')).toBe(5);
    expect(sb.run('read').outcome).toBe('ok');
    expect(sb.run('read').error).toBe('Exception: Service invoked too many times for one day: properties.');
    sb.advance(DAY_MS);
    expect(sb.run('read').outcome).toBe('ok');
  });
});

// Same page: Triggers total runtime 90 min / day (consumer), 6 hr / day (Workspace). Trigger executions
// (time-driven; simple triggers too, which "are subject to Apps Script trigger quota limits",
// https://developers.google.com/apps-script/guides/triggers#restrictions) spend it; menu runs don't.
describe('daily quota: trigger runtime', () => {
  const SCRIPT = `
    function work() { Utilities.sleep(300000); PropertiesService.getScriptProperties().setProperty('done', String(Date.now())); }`;

  test('trigger executions spend it; the one that runs past it is stopped; the next one fails at once', () => {
    const sb = sandboxFor(SCRIPT, { account: 'consumer' });
    // 18 five-minute trigger executions fill 90 minutes; a menu run costs nothing.
    for (let i = 0; i < 17; i++) expect(sb.run('work', { trigger: 'time' }).outcome).toBe('ok');
    expect(sb.run('work').outcome).toBe('ok');
    expect(sb.usage.used('triggerRuntimeMs')).toBe(85 * 60_000);
    // Four minutes left: the 5-minute sleep crosses them.
    sb.usage.add('triggerRuntimeMs', 60_000);
    const cut = sb.run('work', { trigger: 'time' });
    expect(cut).toMatchObject({ outcome: 'timeout', elapsedMs: 4 * 60_000 });
    expect(cut.error).toBe('Exception: Service using too much computer time for one day');
    const refused = sb.run('work', { trigger: 'time' });
    expect(refused).toMatchObject({
      outcome: 'error',
      error: 'Exception: Service using too much computer time for one day',
      elapsedMs: 0,
      totalCalls: 0,
    });
    expect(sb.run('work', { trigger: 'simple' }).outcome).toBe('error');
    expect(sb.run('work').outcome).toBe('ok'); // a person's click still runs
    sb.advance(DAY_MS);
    expect(sb.run('work', { trigger: 'time' }).outcome).toBe('ok');
  });

  test('an installed trigger that fires with the quota spent fails, and is still spent/moved on', () => {
    const sb = sandboxFor(
      `${SCRIPT}
       function enable() { ScriptApp.newTrigger('work').timeBased().everyMinutes(30).create(); }`,
      { dailyQuotas: { triggerRuntimeMs: 6 * 60_000 } },
    );
    sb.run('enable');
    sb.advance(30 * 60_000);
    expect(sb.runDueTriggers().map((r) => r.outcome)).toEqual(['ok']);
    sb.advance(30 * 60_000);
    expect(sb.runDueTriggers().map((r) => r.error)).toEqual([
      'Exception: Service using too much computer time for one day',
    ]);
    expect(sb.triggers[0].nextAt).toBeGreaterThan(sb.clock.now());
  });
});
