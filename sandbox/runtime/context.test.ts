import { VirtualClock } from '../clock';
import { sandboxFor } from './test-support';

describe('execution context', () => {
  test('only Apps Script globals are visible: no Node APIs', () => {
    const sb = sandboxFor(`function probe() {
      return ['require', 'module', 'exports', 'process', 'Buffer', 'setTimeout', 'setInterval', 'fetch', 'global', 'setImmediate']
        .filter(function (n) { return typeof globalThis[n] !== 'undefined'; });
    }`);
    const r = sb.run('probe');
    expect(r.outcome).toBe('ok');
    expect(r.returned).toEqual([]);
  });

  test('host state survives between executions, script globals do not', () => {
    const sb = sandboxFor(`
      var counter = 0;
      function bump() {
        counter++;
        var p = PropertiesService.getScriptProperties();
        p.setProperty('n', String(Number(p.getProperty('n') || 0) + 1));
        return counter;
      }`);
    expect(sb.run('bump').returned).toBe(1);
    expect(sb.run('bump').returned).toBe(1);
    expect(sb.properties.script.get('n')).toBe('2');
  });

  test('Date follows the virtual clock', () => {
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 12, 0, 0));
    const sb = sandboxFor(
      `function now() {
      return [new Date().toISOString(), Date.now(), typeof Date(), new Date(0).getTime(), new Date() instanceof Date];
    }`,
      { clock },
    );
    sb.advance(90_000);
    expect(sb.run('now').returned).toEqual([
      '2026-03-01T12:01:30.000Z',
      Date.UTC(2026, 2, 1, 12, 1, 30),
      'string',
      0,
      true,
    ]);
  });

  test("local-time Date methods use the script's time zone, not the machine's", () => {
    const sb = sandboxFor(
      `function local() {
        var d = new Date(2026, 0, 5, 10, 0);
        var summer = new Date(2026, 6, 1, 12);
        var moved = new Date(d.getTime()); moved.setHours(23, 30); moved.setDate(moved.getDate() + 1);
        return [d.toISOString(), d.getHours(), d.getDay(), d.getTimezoneOffset(), summer.toISOString(),
          new Date('2026-01-05T10:00:00').toISOString(), new Date('2026-01-05').toISOString(),
          moved.toISOString(), String(d), d.toLocaleDateString('en-US'), new Intl.DateTimeFormat('en-US', { hour: 'numeric' }).format(d)];
      }`,
      { timeZone: 'America/New_York' },
    );
    expect(sb.run('local').returned).toEqual([
      '2026-01-05T15:00:00.000Z',
      10,
      1,
      300,
      '2026-07-01T16:00:00.000Z',
      '2026-01-05T15:00:00.000Z',
      '2026-01-05T00:00:00.000Z',
      '2026-01-07T04:30:00.000Z',
      'Mon Jan 05 2026 10:00:00 GMT-0500 (Eastern Standard Time)',
      '1/5/2026',
      '10 AM',
    ]);
  });

  test('Math.random is seeded: same seed, same numbers; another seed, others', () => {
    const src = `function rnd() { return [Math.random(), Math.random(), Utilities.getUuid()]; }`;
    const a = sandboxFor(src, { seed: 7 }).run('rnd').returned as unknown[];
    const b = sandboxFor(src, { seed: 7 }).run('rnd').returned as unknown[];
    const c = sandboxFor(src, { seed: 8 }).run('rnd').returned as unknown[];
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(c[0]);
    expect(a[2]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('values from the sheet and from services are made in the script realm', () => {
    const sb = sandboxFor(`function realm() {
      var sh = SpreadsheetApp.getActive().getSheetByName('T');
      var v = sh.getRange('A1:B1').getValues();
      var keys = PropertiesService.getScriptProperties().getKeys();
      var props = PropertiesService.getScriptProperties().getProperties();
      return [Array.isArray(v), v instanceof Array, v[0] instanceof Array, v[0][0] instanceof Date,
        keys instanceof Array, props.constructor === Object, typeof v[0][0].getTime];
    }`);
    sb.workbook.addSheet('T', [['2026-01-05', 'x']]);
    sb.properties.script.set('k', 'v');
    expect(sb.run('realm').returned).toEqual([true, true, true, true, true, true, 'function']);
  });

  test('errors from services are Errors of the script realm with Apps Script names', () => {
    const sb = sandboxFor(`function err() {
      try { SpreadsheetApp.getActive().getSheets()[0].getRange(0, 1); } catch (e) {
        return [e instanceof Error, e.name, e.message];
      }
    }`);
    sb.workbook.addSheet('T');
    expect(sb.run('err').returned).toEqual([
      true,
      'Exception',
      'The coordinates of the range are outside the dimensions of the sheet.',
    ]);
  });

  test('an uncaught error makes the outcome error with its message; a missing function says so', () => {
    const sb = sandboxFor(`function boom() { throw new Error('nope'); }`);
    expect(sb.run('boom')).toMatchObject({ outcome: 'error', error: 'Error: nope' });
    expect(sb.run('absent')).toMatchObject({
      outcome: 'error',
      error: 'Error: Script function not found: absent',
    });
  });

  test('a runaway loop is stopped by the real-time guard', () => {
    const sb = sandboxFor(`function spin() { for (;;) {} }`, { realTimeoutMs: 100 });
    const r = sb.run('spin');
    expect(r.outcome).toBe('error');
    expect(r.error).toMatch(/timed out/);
  });

  test('promises settle within the execution', () => {
    const sb = sandboxFor(`function later() {
      Promise.resolve().then(function () { PropertiesService.getScriptProperties().setProperty('p', 'done'); });
    }`);
    sb.run('later');
    expect(sb.properties.script.get('p')).toBe('done');
  });

  test('an async entry point settles within its execution; its rejection is the outcome', () => {
    const sb = sandboxFor(`
      async function ok() { await null; return 'done'; }
      async function fails() { await null; throw new Error('late failure'); }`);
    expect(sb.run('ok')).toMatchObject({ outcome: 'ok', returned: 'done' });
    expect(sb.run('fails')).toMatchObject({ outcome: 'error', error: 'Error: late failure' });
  });

  test('Logger and console lines are captured per execution and overall', () => {
    const sb = sandboxFor(
      `function logs() { Logger.log('n=%s', 3); console.log('a', {b: 1}); console.warn('careful'); }`,
    );
    const r = sb.run('logs');
    expect(r.logs).toEqual(['n=3', 'a {"b":1}', 'WARNING: careful']);
    sb.run('logs');
    expect(sb.logs).toHaveLength(6);
  });
});
