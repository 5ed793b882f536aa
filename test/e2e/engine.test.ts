import { world } from '../support/world';

const spaces = (n: number, prefix = 'S') =>
  Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, 'Display name': `${prefix} space ${i}` }));

describe('checkRows', () => {
  it('reports what would happen and calls no Chat write method', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'eng', 'Display name': 'Engineering' }, { Key: 'bad' }]);
    w.fill('Members', [{ Space: 'eng', Member: 'bob@example.com', Role: 'MANAGER' }]);
    w.chat.resetStats();
    w.run('checkRows');
    expect(w.chat.stats.writes).toBe(0);
    expect(Object.keys(w.chat.stats.calls).filter((m) => !/\.(get|list)$/.test(m))).toEqual([]);
    expect(w.rows('Spaces').map((r) => [r.Status, r.Detail])).toEqual([
      ['', 'Would create the space “Engineering”.'],
      ['INVALID', expect.stringMatching(/Display name is empty/)],
    ]);
    expect(w.rows('Members')[0]).toMatchObject({
      Status: 'WAITING',
      Detail: expect.stringMatching(/Waiting for the space “eng”/),
    });
    expect(w.chat.spaces()).toHaveLength(0);
  });
});

describe('runs', () => {
  it('a tab missing a required column is not processed, and the run says why', () => {
    const w = world({ setUp: false });
    w.sb.workbook.addSheet('Spaces', [['Display name'], ['Engineering']]);
    w.run('syncSpaces');
    expect(w.chat.spaces()).toHaveLength(0);
    expect(JSON.stringify(w.sb.ui.alerts)).toMatch(/The Spaces tab has no “Key” column/);
  });

  it('appends missing output columns, never writing into the user’s own columns', () => {
    const w = world({ setUp: false });
    w.sb.workbook.addSheet('Spaces', [
      ['Key', 'Notes', 'Display name'],
      ['eng', 'mine', 'Engineering'],
    ]);
    w.run('syncSpaces');
    const view = w.sb.workbook.sheet('Spaces');
    expect(view.values[0]).toEqual([
      'Key',
      'Notes',
      'Display name',
      'Space',
      'Link',
      'Members',
      'Last active',
      'Created',
      'Status',
      'Detail',
      'Updated',
    ]);
    expect(view.values[1].slice(0, 3)).toEqual(['eng', 'mine', 'Engineering']);
    expect(view.values[1][8]).toBe('DONE');
  });

  it('a menu run that finds another running says so and leaves; a trigger run leaves quietly', () => {
    const w = world();
    w.fill('Spaces', spaces(2));
    w.sb.locks.holdDocumentLock(w.clock.now() + 60_000);
    w.run('syncSpaces');
    expect(JSON.stringify(w.sb.ui.alerts)).toMatch(/Another run is in progress/);
    const alerts = w.sb.ui.alerts.length;
    const r = w.sb.run('onSchedule', { trigger: 'time' });
    expect(r.outcome).toBe('ok');
    expect(w.sb.ui.alerts).toHaveLength(alerts);
    expect(w.chat.spaces()).toHaveLength(0);
  });

  it('stops before the 6-minute limit, continues through one continueRun trigger, and cleans it up', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'eng', 'Display name': 'Engineering' }]);
    w.run('syncSpaces');
    // 700 messages to one space: about 1 s each, paced (Chat's per-space write limit) — two and a half
    // executions' worth.
    w.fill(
      'Messages',
      Array.from({ length: 700 }, (_, i) => ({ Key: `m${i}`, Space: 'eng', Text: `Note ${i}` })),
    );
    w.sb.advance(2000);
    const first = w.run('sendMessages');
    expect(first.elapsedMs).toBeLessThan(330_000);
    expect(w.sb.triggers.filter((t) => t.handler === 'continueRun')).toHaveLength(1);
    expect(w.sb.ui.toasts.at(-1)?.message).toMatch(/continues automatically/);
    const done1 = w.column('Messages', 'Status').filter((s) => s === 'DONE').length;
    expect(done1).toBeGreaterThan(200);
    expect(done1).toBeLessThan(700);

    const later = w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(later.every((r) => r.outcome === 'ok' && r.fn === 'continueRun' && r.elapsedMs < 330_000)).toBe(
      true,
    );
    expect(later.length).toBeGreaterThanOrEqual(2);
    expect(w.column('Messages', 'Status').filter((s) => s === 'DONE')).toHaveLength(700);
    expect(w.sb.triggers.filter((t) => t.handler === 'continueRun')).toHaveLength(0);
    expect(w.chat.messages(w.rows('Spaces')[0].Space)).toHaveLength(700);
    expect(w.chat.stats.throttled).toBe(0);
  });

  it('retries bursts of 503 and 429 inside the run; a 403 in the middle of a batch is that row’s ERROR', () => {
    const w = world();
    w.fill('Spaces', spaces(6));
    w.chat.faults.next(3, 503, { method: 'chat.spaces.create' });
    w.chat.faults.next(1, 429, { method: 'chat.spaces.create' });
    w.chat.faults.at(8, 403, { method: 'chat.spaces.create' });
    w.run('syncSpaces');
    const rows = w.rows('Spaces');
    expect(rows.filter((r) => r.Status === 'DONE')).toHaveLength(5);
    const denied = rows.find((r) => r.Status === 'ERROR')!;
    expect(denied.Detail).toMatch(/^Permission denied by Chat: .*\(Chat 403 PERMISSION_DENIED\)$/);
    expect(w.chat.spaces()).toHaveLength(5);
    expect(w.rows('Log').filter((l) => l.HTTP === '503')).toHaveLength(3);
  });

  it('leaves rows RETRY when Chat stays unavailable, and the schedule finishes them later', () => {
    const w = world();
    w.fill('Spaces', spaces(2));
    w.chat.faults.next(10, 503, { method: 'chat.spaces.create' });
    w.run('syncSpaces');
    // The first row's five tries fail; so do the second's (spaces are created in parallel waves).
    expect(w.column('Spaces', 'Status')).toEqual(['RETRY', 'RETRY']);
    expect(w.rows('Spaces')[0].Detail).toMatch(/temporarily unavailable.*tried again/);
    w.run('enableSchedule');
    w.run('enableSchedule');
    expect(w.sb.triggers.filter((t) => t.handler === 'onSchedule')).toHaveLength(1);
    w.sb.advance(5 * 60_000);
    w.sb.runDueTriggers();
    expect(w.column('Spaces', 'Status')).toEqual(['DONE', 'DONE']);
    expect(w.chat.spaces()).toHaveLength(2);
    w.run('disableSchedule');
    expect(w.sb.triggers).toHaveLength(0);
  });

  it('“Google Chat app not found” becomes plain advice, an alert, and stops the run', () => {
    const w = world();
    w.fill('Spaces', spaces(3));
    w.fill('Members', [{ Space: w.rows('Spaces')[0].Key, Member: 'someone@example.com' }]);
    w.chat.appConfigured = false;
    w.run('runAll');
    // The creations went out together, and Chat refused each: every one says why.
    for (const r of w.rows('Spaces'))
      expect(r).toMatchObject({
        Status: 'ERROR',
        Detail: expect.stringMatching(/^Google Chat app not configured in the Cloud project/),
      });
    // The run stopped there: the member of the first space waits, saying which row to fix; nothing else went.
    expect(w.rows('Members')[0]).toMatchObject({
      Status: 'WAITING',
      Detail: expect.stringMatching(/its Spaces row 2 is ERROR — fix that row first/),
    });
    expect(w.chat.stats.calls['chat.spaces.members.create'] ?? 0).toBe(0);
    expect(w.sb.ui.alerts).toHaveLength(1);
    expect(JSON.stringify(w.sb.ui.alerts)).toMatch(/Google Chat app not configured/);
  });

  it('runSelectedRows processes only the selected rows', () => {
    const w = world();
    w.fill('Spaces', spaces(4));
    w.sb.selectRange('Spaces', 'A3:C4');
    w.run('runSelectedRows');
    expect(w.column('Spaces', 'Status')).toEqual(['', 'DONE', 'DONE', '']);
  });

  it('names each run by its start in the spreadsheet’s time zone, like the Log’s Time beside it', () => {
    const w = world();
    w.fill('Spaces', spaces(1));
    w.run('syncSpaces');
    const [entry] = w.sb.workbook.sheet('Log').values.slice(1);
    const [time, run] = entry as [Date, string];
    // Europe/Paris is UTC+1 in January: the id shows Paris time, not UTC.
    const paris = new Date(time.getTime() + 3600_000).toISOString().slice(0, 13).replace('T', ' ');
    expect(run.slice(0, 13)).toBe(paris);
    // One format wherever a time is read: the Log's Time and Updated show as the run id does.
    const shown = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
    expect(w.rows('Log')[0].Time).toMatch(shown);
    expect(w.rows('Spaces')[0].Updated).toMatch(shown);
    expect(w.rows('Log')[0].Time.slice(0, 13)).toBe(paris);
  });

  it('keeps the Log bounded', () => {
    const w = world();
    const header = w.sb.workbook.sheet('Log').values[0];
    w.sb.workbook.setValues(
      'Log',
      'A2',
      Array.from({ length: 5000 }, (_, i) => header.map((_h, j) => (j === 1 ? `old ${i}` : 'x'))),
    );
    w.fill('Spaces', spaces(1));
    w.run('syncSpaces');
    const log = w.rows('Log');
    expect(log.length).toBe(4000);
    expect(log.at(-1)).toMatchObject({ Action: 'spaces.create', Result: 'OK' });
    expect(log[0].Run).not.toBe('old 0');
  });
});
