import { Sandbox } from './index';
import { sandboxFor } from './test-support';

const SCRIPT = `
  function enable() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create(); }
  function tick(e) {
    var p = PropertiesService.getScriptProperties();
    p.setProperty('ticks', String(Number(p.getProperty('ticks') || 0) + 1));
    p.setProperty('lastEvent', JSON.stringify(e));
  }
  function laterTick() { return ScriptApp.newTrigger('tick').timeBased().after(60000).create().getUniqueId(); }
  function later() { return ScriptApp.newTrigger('cont').timeBased().after(60000).create().getUniqueId(); }
  function cont(e) {
    var p = PropertiesService.getScriptProperties();
    p.setProperty('conts', String(Number(p.getProperty('conts') || 0) + 1));
    if (Number(p.getProperty('conts')) < 3) ScriptApp.newTrigger('cont').timeBased().after(60000).create();
  }
  function many() { for (var i = 0; i < 21; i++) ScriptApp.newTrigger('tick').timeBased().after(1000).create(); }
  function list() { return ScriptApp.getProjectTriggers().map(function (t) { return [t.getHandlerFunction(), t.getEventType()]; }); }
  function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
`;

// These tests look at firing and bookkeeping, so their one-offs are punctual; lateness has its own tests.
const punctual = (script: string) => sandboxFor(script, { lateTriggers: false });

describe('ScriptApp triggers', () => {
  test('everyMinutes triggers fire at their period on the virtual clock', () => {
    const sb = punctual(SCRIPT);
    sb.run('enable');
    expect(sb.runDueTriggers()).toEqual([]);
    sb.advance(5 * 60_000);
    const fired = sb.runDueTriggers();
    expect(fired.map((r) => [r.fn, r.trigger, r.outcome])).toEqual([['tick', 'time', 'ok']]);
    expect(sb.runDueTriggers()).toEqual([]);
    sb.advance(5 * 60_000);
    sb.runDueTriggers();
    expect(sb.properties.script.get('ticks')).toBe('2');
    const event = JSON.parse(sb.properties.script.get('lastEvent') ?? '{}');
    expect(event).toMatchObject({
      authMode: 'FULL',
      triggerUid: sb.triggers[0].id,
      year: 2026,
      minute: 10,
      hour: 9,
    });
    expect(sb.triggers).toHaveLength(1);
  });

  test('a one-off trigger fires once, then stays listed until the script deletes it', () => {
    const sb = punctual(SCRIPT);
    const id = sb.run('laterTick').returned;
    expect(sb.triggers.map((t) => t.id)).toEqual([id]);
    sb.advance(60_000);
    expect(sb.runDueTriggers().map((r) => r.triggerId)).toEqual([id]);
    sb.advance(60 * 60_000);
    expect(sb.runDueTriggers()).toEqual([]);
    expect(sb.properties.script.get('ticks')).toBe('1');
    // Apps Script lists a spent one-off (and counts it toward the 20) until it is deleted.
    expect(sb.run('list').returned).toEqual([['tick', 'CLOCK']]);
    sb.run('removeAll');
    expect(sb.triggers).toEqual([]);
  });

  test('runUntilIdle follows chains of one-off triggers and stops when only recurring ones remain', () => {
    const sb = punctual(SCRIPT);
    sb.run('enable');
    sb.run('later');
    const start = sb.clock.now();
    const runs = sb.runUntilIdle({ maxExecutions: 50 });
    expect(runs.filter((r) => r.fn === 'cont')).toHaveLength(3);
    expect(sb.properties.script.get('conts')).toBe('3');
    // `cont` never deletes its triggers: the three spent one-offs are still there.
    expect(sb.triggers.map((t) => [t.handler, !!t.spent])).toEqual([
      ['tick', false],
      ['cont', true],
      ['cont', true],
      ['cont', true],
    ]);
    expect(sb.clock.now() - start).toBe(180_000);
  });

  test('spent one-offs count toward the 20: a script that never deletes them runs out of triggers', () => {
    const sb = punctual(SCRIPT);
    for (let i = 0; i < 20; i++) {
      expect(sb.run('laterTick').outcome).toBe('ok');
      sb.advance(60_000);
      sb.runDueTriggers();
    }
    expect(sb.properties.script.get('ticks')).toBe('20');
    expect(sb.run('laterTick').error).toMatch(/too many triggers/);
  });

  test('the 21st trigger is refused', () => {
    const sb = punctual(SCRIPT);
    expect(sb.run('many').error).toBe(
      'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(sb.triggers).toHaveLength(20);
    expect(sb.run('list').returned).toHaveLength(20);
    sb.run('removeAll');
    expect(sb.triggers).toHaveLength(0);
  });
});

// ClockTriggerBuilder.after: "Specifies the minimum duration (in milliseconds) after the current time that the
// trigger runs. The actual duration might vary, but won't be less than your specified minimum."
// (https://developers.google.com/apps-script/reference/script/clock-trigger-builder#after(Integer))
describe('one-off triggers fire at or after their time, sometimes late', () => {
  const MANY = `
    function many() {
      for (var i = 0; i < 20; i++) ScriptApp.newTrigger('tick').timeBased().after(60000).create();
      ScriptApp.getProjectTriggers();
    }
    function at() { ScriptApp.newTrigger('tick').timeBased().at(new Date(Date.now() + 5000)).create(); }
    function tick() {}`;
  const delays = (sb: Sandbox) => sb.triggers.map((t) => t.nextAt - (t.dueAt ?? NaN));

  test('never early, at most a minute late, some on time and some late; seeded', () => {
    const sb = sandboxFor(MANY, { seed: 9 });
    sb.run('many');
    const late = delays(sb);
    expect(sb.triggers.every((t) => t.dueAt === sb.triggers[0].createdAt + 60_000)).toBe(true);
    expect(late.every((d) => d >= 0 && d <= 60_000)).toBe(true);
    expect(late.filter((d) => d === 0).length).toBeGreaterThan(2);
    expect(late.filter((d) => d > 1000).length).toBeGreaterThan(2);
    // The same seed gives the same delays; another seed others. The script's Math.random is untouched.
    const again = sandboxFor(MANY, { seed: 9 });
    again.run('many');
    expect(delays(again)).toEqual(late);
    const other = sandboxFor(MANY, { seed: 10 });
    other.run('many');
    expect(delays(other)).not.toEqual(late);
    const rnd = `function r() { return Math.random(); }`;
    expect(sandboxFor(rnd, { seed: 9 }).run('r').returned).toBe(
      sandboxFor(rnd, { seed: 9, lateTriggers: false }).run('r').returned,
    );
  });

  test('a late trigger does not fire at its time, only when its delay has passed; at() is late too', () => {
    for (let seed = 1; seed < 50; seed++) {
      const sb = sandboxFor(MANY, { seed, lateTriggers: { share: 1, maxMs: 60_000 } });
      sb.run('at');
      const [t] = sb.triggers;
      if (t.nextAt - t.dueAt! < 2) continue;
      sb.advanceTo(t.dueAt!);
      expect(sb.runDueTriggers()).toEqual([]);
      sb.advanceTo(t.nextAt);
      expect(sb.runDueTriggers().map((r) => r.fn)).toEqual(['tick']);
      return;
    }
    throw new Error('no seed gave a late trigger');
  });

  test('lateTriggers: false makes them punctual', () => {
    const sb = sandboxFor(MANY, { lateTriggers: false });
    sb.run('many');
    expect(delays(sb).every((d) => d === 0)).toBe(true);
  });
});
