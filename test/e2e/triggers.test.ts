// Trigger hygiene and one run at a time: continuations never pile up (Apps Script keeps a fired one-off
// trigger until the script deletes it, and allows 20 per user per script), and a run that finds another
// one working leaves — loudly from the menu, quietly from a trigger — without losing its work.
import { world, type World } from '../support/world';

/** Chat answers slowly: about four member adds fit in one execution's budget. */
const SLOW = { chat: 60_000, fetch: 60_000 };

function slowMembers(n: number): World {
  const w = world({ latency: SLOW });
  w.fill('Spaces', [{ Key: 'eng', 'Display name': 'Engineering' }]);
  w.run('syncSpaces');
  w.fill(
    'Members',
    Array.from({ length: n }, (_, i) => ({ Space: 'eng', Member: `p${i}@example.com` })),
  );
  return w;
}

const continuations = (w: World) => w.sb.triggers.filter((t) => t.handler === 'continueRun');
const done = (w: World, tab: string) => w.column(tab, 'Status').filter((s) => s === 'DONE').length;

/** Fires the first due continueRun, cut off after `k` calls (before it could delete its trigger). */
function cutContinuation(w: World, k: number) {
  w.sb.advanceTo(Math.max(w.clock.now(), ...continuations(w).map((t) => t.nextAt)));
  const [r] = w.sb.runDueTriggers({ cutAfterCalls: k });
  expect(r).toMatchObject({ fn: 'continueRun', outcome: 'cutoff' });
  return r;
}

describe('continuation triggers', () => {
  it('a continueRun cut off before deleting its trigger leaves nothing behind once a later run finishes', () => {
    const w = slowMembers(6);
    w.run('syncMembers');
    expect(continuations(w)).toHaveLength(1);
    cutContinuation(w, 1);
    // Apps Script keeps the spent trigger; nothing will fire it again.
    expect(continuations(w).map((t) => !!t.spent)).toEqual([true]);
    w.sb.advance(60_000);
    w.run('syncMembers');
    w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(done(w, 'Members')).toBe(6);
    expect(continuations(w)).toHaveLength(0);
  });

  it('a continuation whose trigger was lost gets a new one from the next run of another job', () => {
    const w = slowMembers(6);
    w.run('syncMembers');
    cutContinuation(w, 1);
    // Later the user syncs spaces (nothing to do there): the stalled member sync is rescheduled.
    w.sb.advance(10 * 60_000);
    w.run('syncSpaces');
    expect(continuations(w).map((t) => !!t.spent)).toEqual([false]);
    const runs = w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(runs.every((r) => r.fn === 'continueRun' && r.outcome === 'ok')).toBe(true);
    expect(done(w, 'Members')).toBe(6);
    expect(continuations(w)).toHaveLength(0);
  });

  it('the schedule finishes a run whose continuation was cut off, and removes the spent trigger', () => {
    const w = slowMembers(6);
    w.run('syncMembers');
    cutContinuation(w, 1);
    w.run('enableSchedule');
    for (let i = 0; i < 6 && done(w, 'Members') < 6; i++) {
      w.sb.advance(5 * 60_000);
      w.sb.runDueTriggers();
    }
    w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(done(w, 'Members')).toBe(6);
    expect(w.sb.triggers.map((t) => t.handler)).toEqual(['onSchedule']);
  });

  it('cut-offs at every point of a long job never leave more than one continueRun trigger', () => {
    // 14 adds: four executions' worth. Each continuation is cut off after k calls, then the chain resumes.
    for (const k of [1, 2, 3, 5, 8, 13, 21]) {
      const w = slowMembers(14);
      w.run('enableSchedule');
      w.run('syncMembers');
      let most = 0;
      for (let i = 0; i < 30 && done(w, 'Members') < 14; i++) {
        w.sb.advance(60_000);
        w.sb.runDueTriggers({ cutAfterCalls: i % 2 ? undefined : k });
        most = Math.max(most, w.sb.triggers.length);
        expect(continuations(w).filter((t) => !t.spent).length).toBeLessThanOrEqual(1);
      }
      // Continuations that kept dying gave up (see below): the user's next click finishes the job.
      if (done(w, 'Members') < 14) w.run('syncMembers');
      w.sb.runUntilIdle({ maxExecutions: 10 });
      w.sb.advance(5 * 60_000);
      w.sb.runDueTriggers();
      expect([k, done(w, 'Members')]).toEqual([k, 14]);
      expect(w.chat.members(w.rows('Spaces')[0].Space)).toHaveLength(15);
      // onSchedule plus at most a live and a spent continuation, far from Apps Script's 20.
      expect(most).toBeLessThanOrEqual(3);
      expect(continuations(w)).toHaveLength(0);
    }
  });

  it('a continuation killed half-way resumes by itself after the time limit, without schedule or click', () => {
    const started = slowMembers(10);
    started.run('syncMembers');
    const probe = world({ latency: SLOW, from: started });
    probe.sb.advance(61_000);
    const [full] = probe.sb.runDueTriggers();
    let resumed = 0;
    for (let k = 1; k < full.totalCalls; k++) {
      const w = world({ latency: SLOW, from: started });
      cutContinuation(w, k);
      w.sb.runUntilIdle({ maxExecutions: 10 });
      if (done(w, 'Members') === 10) resumed++;
      else {
        // Killed before it could re-arm itself: the work waits, still stored, for the next run.
        expect([k, JSON.parse(w.sb.properties.script.get('sheets-to-chat.continuation')!).job]).toEqual([
          k,
          'syncMembers',
        ]);
        w.run('syncMembers');
        w.sb.runUntilIdle({ maxExecutions: 10 });
      }
      expect([k, done(w, 'Members')]).toEqual([k, 10]);
      expect(continuations(w)).toEqual([]);
    }
    // Only a cut within its first few calls (before it re-armed itself) needs a click.
    expect(resumed).toBeGreaterThanOrEqual(full.totalCalls - 6);
  });

  it('a continuation that dies every time gives up after three tries and says so; a click finishes', () => {
    const w = slowMembers(6);
    w.run('syncMembers');
    const before = done(w, 'Members');
    const fired = [];
    for (let i = 0; i < 10; i++) {
      w.sb.advance(8 * 60_000);
      // Dies after re-arming itself, before any row is done.
      fired.push(...w.sb.runDueTriggers({ cutAfterCalls: 12 }));
    }
    expect(fired.map((r) => r.fn)).toEqual(['continueRun', 'continueRun', 'continueRun', 'continueRun']);
    expect(fired.at(-1)).toMatchObject({ outcome: 'ok' });
    expect(fired.at(-1)!.logs.join('\n')).toMatch(/died 3 times in a row.*Run it from the Chat menu/);
    expect(continuations(w)).toEqual([]);
    expect(done(w, 'Members')).toBe(before);
    w.run('syncMembers');
    w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(done(w, 'Members')).toBe(6);
  });

  it('a selected run’s continuation stops when rows moved, instead of sending an unselected row early', () => {
    const w = world({ latency: SLOW });
    w.fill('Spaces', [{ Key: 'eng', 'Display name': 'Engineering' }]);
    w.run('syncSpaces');
    // Rows 2-14 are reminders for next month; the user test-sends rows 6-13 now.
    w.fill(
      'Messages',
      Array.from({ length: 13 }, (_, i) => ({
        Key: `r${i + 2}`,
        Space: 'eng',
        Text: `Reminder on row ${i + 2}`,
        'Send at': '2026-02-01 09:00',
      })),
    );
    w.sb.selectRange('Messages', 'A6:A13');
    w.run('runSelectedRows');
    const sent = () => w.chat.messages(w.rows('Spaces')[0].Space).map((m) => m.text);
    expect(sent().length).toBeGreaterThan(0);
    expect(sent().length).toBeLessThan(8);
    // Before the continuation comes, the user deletes row 2: every row below moves up by one.
    w.sb.workbook.require('Messages').deleteRows(2, 1);
    const runs = w.sb.runUntilIdle({ maxExecutions: 5 });
    expect(sent()).not.toContain('Reminder on row 14');
    expect(runs.at(-1)!.logs.join('\n')).toMatch(/moved or changed before it could continue/);
    expect(w.sb.properties.script.has('sheets-to-chat.continuation')).toBe(false);
    expect(continuations(w)).toEqual([]);
  });

  it('a continuation of a big selection fits in one property', () => {
    const w = slowMembers(1200);
    w.sb.selectRange('Members', 'A2:B1201');
    const r = w.run('runSelectedRows');
    expect(r.outcome).toBe('ok');
    expect(w.sb.ui.alerts).toEqual([]);
    expect(continuations(w)).toHaveLength(1);
    const stored = JSON.parse(w.sb.properties.script.get('sheets-to-chat.continuation')!);
    expect(stored).toMatchObject({ job: 'runSelectedRows', sheet: 'Members', rows: '2-1201' });
    expect(Object.keys(stored.marks)).toEqual(['2', '1201']);
  });
});

describe('one run at a time', () => {
  it('a menu run that finds the lock held says so and changes nothing', () => {
    const w = slowMembers(2);
    const before = w.sb.workbook.sheet('Members').values;
    w.sb.locks.holdDocumentLock(w.clock.now() + 10 * 60_000);
    const r = w.run('runAll');
    expect(r.elapsedMs).toBeLessThanOrEqual(10_000);
    expect(w.sb.ui.alerts).toEqual([
      expect.objectContaining({
        title: 'Another run is in progress',
        prompt: expect.stringMatching(/Try again/),
      }),
    ]);
    expect(w.sb.workbook.sheet('Members').values).toEqual(before);
    expect(w.sb.triggers).toHaveLength(0);
  });

  it('a continuation that finds the lock held leaves quietly and comes back to finish the work', () => {
    const w = slowMembers(6);
    w.run('syncMembers');
    const finished = done(w, 'Members');
    expect(finished).toBeLessThan(6);
    const ui = { toasts: w.sb.ui.toasts.length, alerts: w.sb.ui.alerts.length };
    w.sb.locks.holdDocumentLock(continuations(w)[0].nextAt + 90_000);
    w.sb.advanceTo(continuations(w)[0].nextAt);
    const [busy] = w.sb.runDueTriggers();
    expect(busy).toMatchObject({ fn: 'continueRun', outcome: 'ok' });
    expect(done(w, 'Members')).toBe(finished);
    expect({ toasts: w.sb.ui.toasts.length, alerts: w.sb.ui.alerts.length }).toEqual(ui);
    expect(continuations(w).filter((t) => !t.spent)).toHaveLength(1);
    const later = w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(later.every((r) => r.fn === 'continueRun' && r.outcome === 'ok')).toBe(true);
    expect(done(w, 'Members')).toBe(6);
    expect(continuations(w)).toHaveLength(0);
  });

  it('the schedule leaves quietly when the lock is held; its next tick retries the rows', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'a', 'Display name': 'A' }]);
    w.chat.faults.next(5, 503, { method: 'chat.spaces.create' });
    w.run('syncSpaces');
    expect(w.column('Spaces', 'Status')).toEqual(['RETRY']);
    w.run('enableSchedule');
    const ui = w.sb.ui.toasts.length + w.sb.ui.alerts.length;
    w.sb.advance(5 * 60_000);
    w.sb.locks.holdDocumentLock(w.clock.now() + 60_000);
    const [busy] = w.sb.runDueTriggers();
    expect(busy).toMatchObject({ fn: 'onSchedule', outcome: 'ok' });
    expect(w.column('Spaces', 'Status')).toEqual(['RETRY']);
    expect(w.sb.triggers.map((t) => t.handler)).toEqual(['onSchedule']);
    w.sb.advance(5 * 60_000);
    w.sb.runDueTriggers();
    expect(w.column('Spaces', 'Status')).toEqual(['DONE']);
    expect(w.sb.ui.toasts.length + w.sb.ui.alerts.length).toBe(ui);
  });
});
