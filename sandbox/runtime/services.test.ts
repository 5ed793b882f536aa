import crypto from 'node:crypto';
import { MAX_CACHE_ENTRIES } from './services/cache';
import { sandboxFor } from './test-support';

describe('PropertiesService and CacheService', () => {
  test('property values over 9 KB and stores over 500 KB are refused without changing anything', () => {
    const sb = sandboxFor(`
      function bigValue() { PropertiesService.getScriptProperties().setProperty('big', new Array(9 * 1024 + 2).join('x')); }
      function fill() {
        var p = PropertiesService.getDocumentProperties();
        for (var i = 0; i < 60; i++) p.setProperty('k' + i, new Array(9000).join('y'));
      }
      function batch() { PropertiesService.getScriptProperties().setProperties({ a: 1, b: true }, true); }`);
    sb.properties.script.set('old', 'x');
    expect(sb.run('bigValue').error).toBe('Exception: Argument too large: value');
    const r = sb.run('fill');
    expect(r.error).toBe(
      'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(sb.properties.document.size).toBe(56); // 56 × ~9 KB fit in 500 KB
    sb.run('batch');
    expect([...sb.properties.script]).toEqual([
      ['a', '1'],
      ['b', 'true'],
    ]);
  });

  test('cache entries expire on the virtual clock', () => {
    const sb = sandboxFor(`
      function put() { CacheService.getScriptCache().put('k', 'v', 60); }
      function get() { return CacheService.getScriptCache().get('k'); }`);
    sb.run('put');
    sb.advance(59_000);
    expect(sb.run('get').returned).toBe('v');
    sb.advance(1_000);
    expect(sb.run('get').returned).toBeNull();
  });
});

// https://developers.google.com/apps-script/reference/cache/cache: "a cache item cap of 1,000 entries".
describe('CacheService keeps at most 1,000 entries', () => {
  test('past the cap the oldest-written entries go first (about a hundred at once); reads do not save one', () => {
    const sb = sandboxFor(`
      function fill(e) { var c = CacheService.getScriptCache(); for (var i = e.from; i < e.to; i++) c.put('k' + i, 'v' + i, 21600); }
      function get(e) { return CacheService.getScriptCache().get(e.key); }`);
    sb.run('fill', { event: { from: 0, to: MAX_CACHE_ENTRIES } });
    expect(sb.cache.script.size).toBe(1000);
    expect(sb.run('get', { event: { key: 'k0' } }).returned).toBe('v0'); // read, yet still the oldest
    sb.run('fill', { event: { from: 1000, to: 1001 } });
    expect(sb.cache.script.size).toBe(901);
    expect(sb.run('get', { event: { key: 'k0' } }).returned).toBeNull();
    expect(sb.run('get', { event: { key: 'k99' } }).returned).toBeNull();
    expect(sb.run('get', { event: { key: 'k100' } }).returned).toBe('v100');
    expect(sb.run('get', { event: { key: 'k1000' } }).returned).toBe('v1000');
    // Expired entries make room before live ones are evicted.
    sb.run('fill', { event: { from: 2000, to: 2099 } });
    expect(sb.cache.script.size).toBe(1000);
    sb.cache.script.get('k100')!.expiresAt = sb.clock.now();
    sb.run('fill', { event: { from: 3000, to: 3001 } });
    expect(sb.cache.script.size).toBe(1000);
    expect(sb.run('get', { event: { key: 'k101' } }).returned).toBe('v101');
  });
});

describe('LockService', () => {
  const SCRIPT = `
    function guarded() {
      var lock = LockService.getDocumentLock();
      var got = lock.tryLock(5000);
      return [got, lock.hasLock()];
    }
    function strict() { LockService.getDocumentLock().waitLock(1000); }
    function keep() { LockService.getDocumentLock().waitLock(1000); /* never released */ }`;

  test('a lock held elsewhere makes tryLock wait in virtual time, then give up', () => {
    const sb = sandboxFor(SCRIPT);
    sb.locks.holdDocumentLock(sb.clock.now() + 60_000);
    const r = sb.run('guarded');
    expect(r.returned).toEqual([false, false]);
    expect(r.elapsedMs).toBe(5000);
    expect(sb.run('strict').error).toBe(
      'Exception: Lock timeout: another process was holding the lock for too long.',
    );
  });

  test('a lock released within the timeout is acquired after waiting for it', () => {
    const sb = sandboxFor(SCRIPT);
    sb.locks.holdDocumentLock(sb.clock.now() + 2000);
    const r = sb.run('guarded');
    expect(r.returned).toEqual([true, true]);
    expect(r.elapsedMs).toBe(2000);
  });

  test('locks are released when the execution ends', () => {
    const sb = sandboxFor(SCRIPT);
    expect(sb.run('keep').outcome).toBe('ok');
    expect(sb.run('guarded')).toMatchObject({ returned: [true, true], elapsedMs: 0 });
  });
});

describe('trigger modes', () => {
  const SCRIPT = `
    function onOpen(e) {
      SpreadsheetApp.getUi().createMenu('Chat').addItem('Sync spaces', 'syncSpaces').addSeparator()
        .addSubMenu(SpreadsheetApp.getUi().createMenu('More').addItem('Run all', 'runAll')).addToUi();
      PropertiesService.getDocumentProperties().setProperty('opened', e.authMode + ':' + Session.getActiveUser().getEmail());
      UrlFetchApp.fetch('https://example.com/');
    }
    function ui() { SpreadsheetApp.getUi(); }
    function token() { return ScriptApp.getOAuthToken(); }
    function trig() { ScriptApp.newTrigger('x').timeBased().after(1).create(); }`;

  test('onOpen as a simple trigger builds its menu but may not call authorised services', () => {
    const sb = sandboxFor(SCRIPT);
    const r = sb.run('onOpen', { trigger: 'simple' });
    expect(r.outcome).toBe('error');
    expect(r.error).toBe(
      'Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    expect(sb.ui.menus).toEqual([
      {
        name: 'Chat',
        items: [
          { caption: 'Sync spaces', fn: 'syncSpaces' },
          { separator: true },
          { caption: 'More', submenu: [{ caption: 'Run all', fn: 'runAll' }] },
        ],
      },
    ]);
    expect(sb.properties.document.get('opened')).toBe('LIMITED:');
    expect(sb.run('trig', { trigger: 'simple' }).error).toMatch(
      /^Exception: You do not have permission to call ScriptApp.newTrigger/,
    );
    expect(sb.run('token', { trigger: 'simple' }).error).toMatch(
      /permission to call ScriptApp.getOAuthToken/,
    );
  });

  test('time-driven executions have no UI', () => {
    const sb = sandboxFor(SCRIPT);
    expect(sb.run('ui', { trigger: 'time' }).error).toBe(
      'Exception: Cannot call SpreadsheetApp.getUi() from this context.',
    );
    expect(sb.run('ui', { trigger: 'menu' }).outcome).toBe('ok');
  });
});

describe('scripted UI', () => {
  test('alerts and prompts consume scripted answers in order and are recorded', () => {
    const sb = sandboxFor(`function ask() {
      var ui = SpreadsheetApp.getUi();
      var yes = ui.alert('Delete?', 'Really delete 3 spaces?', ui.ButtonSet.YES_NO) === ui.Button.YES;
      var p = ui.prompt('Key', 'Paste the JSON key', ui.ButtonSet.OK_CANCEL);
      ui.alert('Done');
      SpreadsheetApp.getActive().toast('Saved', 'Chat');
      return [yes, p.getSelectedButton() == ui.Button.OK, p.getResponseText()];
    }`);
    sb.ui.answers.push({ button: 'YES' }, { button: 'OK', text: '{"k":1}' });
    expect(sb.run('ask').returned).toEqual([true, true, '{"k":1}']);
    expect(sb.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer.button])).toEqual([
      ['Delete?', 'Really delete 3 spaces?', 'YES_NO', 'YES'],
      ['', 'Done', 'OK', 'OK'],
    ]);
    expect(sb.ui.prompts[0]).toMatchObject({
      title: 'Key',
      prompt: 'Paste the JSON key',
      buttons: 'OK_CANCEL',
    });
    expect(sb.ui.toasts).toMatchObject([{ message: 'Saved', title: 'Chat', mode: 'menu' }]);
  });

  test('a question with no scripted answer fails the execution clearly', () => {
    const sb = sandboxFor(
      `function ask() { var ui = SpreadsheetApp.getUi(); ui.alert('T', 'Sure?', ui.ButtonSet.YES_NO); }`,
    );
    expect(sb.run('ask').error).toMatch(/no scripted UI answer for alert "Sure\?"/);
  });
});

describe('Utilities and Session', () => {
  test('digests and base64 use Java signed bytes', () => {
    const sb = sandboxFor(`function u() {
      var d = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc');
      return [d.length, d[0], Math.min.apply(null, d) < 0, Utilities.base64Encode('hé'), Utilities.base64EncodeWebSafe([-5, -1]),
        Utilities.base64Decode('aOk='), Utilities.newBlob(Utilities.base64Decode('aMOp')).getDataAsString()];
    }`);
    const expected = crypto.createHash('sha256').update('abc').digest();
    expect(sb.run('u').returned).toEqual([
      32,
      expected[0] > 127 ? expected[0] - 256 : expected[0],
      true,
      'aMOp',
      '-_8=',
      [104, -23],
      'hé',
    ]);
  });

  test('computeRsaSha256Signature signs with a PEM key and rejects a bad one', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const sb = sandboxFor(`
      function sign() { return Utilities.computeRsaSha256Signature('payload', PropertiesService.getScriptProperties().getProperty('pem')); }
      function bad() { Utilities.computeRsaSha256Signature('payload', '-----BEGIN PRIVATE KEY-----\\nnope\\n-----END PRIVATE KEY-----'); }`);
    sb.properties.script.set('pem', pem);
    const sig = Buffer.from((sb.run('sign').returned as number[]).map((b) => b & 0xff));
    expect(crypto.verify('sha256', Buffer.from('payload'), publicKey, sig)).toBe(true);
    expect(sb.run('bad').error).toBe('Exception: Invalid argument: key');
  });

  test('formatDate follows Java patterns in the given time zone', () => {
    const sb = sandboxFor(`function f() {
      var d = new Date(Date.UTC(2026, 6, 4, 22, 5, 9, 7));
      return [Utilities.formatDate(d, 'Europe/Paris', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
        Utilities.formatDate(d, 'America/New_York', 'EEE, MMM d, yy h:mm a Z'),
        Utilities.formatDate(d, 'UTC', "yyyy-MM-dd HH:mm 'o''clock' X")];
    }`);
    expect(sb.run('f').returned).toEqual([
      '2026-07-05T00:05:09.007+02:00',
      'Sat, Jul 4, 26 6:05 PM -0400',
      "2026-07-04 22:05 o'clock Z",
    ]);
  });

  test('parseDate reads Java patterns in the given zone, into a script-realm Date', () => {
    const sb = sandboxFor(`function p() {
      var a = Utilities.parseDate('2026-01-05 10:30', 'Europe/Paris', 'yyyy-MM-dd HH:mm');
      var b = Utilities.parseDate('Jul 4, 2026 6:05 PM', 'America/New_York', 'MMM d, yyyy h:mm a');
      var c = Utilities.parseDate('05/01/26 at 09:00 +0000', 'Asia/Tokyo', "dd/MM/yy 'at' HH:mm Z");
      try { Utilities.parseDate('soon', 'UTC', 'yyyy-MM-dd'); } catch (e) { var err = e.message; }
      return [a instanceof Date, a.toISOString(), b.toISOString(), c.toISOString(), err];
    }`);
    expect(sb.run('p').returned).toEqual([
      true,
      '2026-01-05T09:30:00.000Z',
      '2026-07-04T22:05:00.000Z',
      '2026-01-05T09:00:00.000Z',
      'Unparseable date: "soon"',
    ]);
  });

  test('Session gives the configured user and time zone', () => {
    const sb = sandboxFor(
      `function s() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getScriptTimeZone()]; }`,
      {
        user: 'grace@example.com',
        timeZone: 'Asia/Tokyo',
      },
    );
    expect(sb.run('s').returned).toEqual(['grace@example.com', 'grace@example.com', 'Asia/Tokyo']);
    expect(sb.run('s', { trigger: 'simple' }).returned).toEqual(['', '', 'Asia/Tokyo']);
  });
});
