// Cut-off safety (issue 7): an execution may die after any service call. Cut Run all off after its k-th
// call, for every k of an uncut run, then let continuations, the schedule and the user's next clicks
// finish. Whatever k: every space and Chat-API message exists exactly once, no webhook post went twice,
// every row is final or pending with its reason, and no cell the user typed changed.
import {
  apiText,
  audit,
  expectedCounts,
  fork,
  inputCells,
  mixedWorld,
  recover,
  SMALL,
  stoppedRunAll,
  type Mixed,
} from '../support/mixed-workbook';

function expectClean(m: Mixed, label: string) {
  const a = audit(m);
  const crashed = m.w.sb.executions.filter((e) => e.outcome === 'error').map((e) => `${e.fn}: ${e.error}`);
  const { duplicates, lost, changedInputs } = a;
  expect({ label, duplicates, lost, changedInputs, crashed }).toEqual({
    label,
    duplicates: [],
    lost: [],
    changedInputs: [],
    crashed: [],
  });
  return a;
}

/** What Chat holds for the workbook: spaces made by rows, API messages, webhook posts. */
function chatCounts(m: Mixed) {
  const spaces = m.w.chat.spaces().filter((s) => s.name !== m.hookSpace);
  const api = spaces.flatMap((s) => m.w.chat.messages(s.name as string));
  return {
    spaces: spaces.length,
    apiMessages: api.length,
    webhookPosts: m.w.chat.messages(m.hookSpace).length,
  };
}

describe('cut-off sweep over a mixed Run all', () => {
  let calls = 0;

  beforeAll(() => {
    const m = mixedWorld(SMALL);
    const r = m.w.sb.run('runAll');
    expect(r.outcome).toBe('ok');
    calls = r.totalCalls;
  });

  it('an uncut run does everything once', () => {
    const m = mixedWorld(SMALL);
    m.w.run('runAll');
    const a = expectClean(m, 'uncut');
    expect(a.unfinished).toEqual([]);
    expect(chatCounts(m)).toEqual(expectedCounts(SMALL));
    expect(calls).toBeGreaterThan(40);
  });

  it('cut after the k-th call, for every k: nothing twice, nothing lost, no input changed', () => {
    let uncertain = 0;
    let cutMidway = 0;
    for (let k = 1; k < calls; k++) {
      const m = mixedWorld(SMALL);
      const cut = m.w.sb.run('runAll', { cutAfterCalls: k });
      expect([k, cut.outcome]).toEqual([k, 'cutoff']);
      if (chatCounts(m).apiMessages > 0 && m.w.column('Messages', 'Status').some((s) => s !== 'DONE'))
        cutMidway++;
      recover(m);
      const a = expectClean(m, `cut after call ${k}`);
      // Only a webhook post that was in flight may stay UNCERTAIN; everything else got done.
      expect([k, a.unfinished]).toEqual([k, []]);
      const counts = chatCounts(m);
      const expected = expectedCounts(SMALL);
      const inDoubt = m.w.rows('Messages').filter((r) => r.Status === 'UNCERTAIN').length;
      uncertain += inDoubt;
      expect([k, counts.spaces, counts.apiMessages]).toEqual([k, expected.spaces, expected.apiMessages]);
      expect(counts.webhookPosts).toBeGreaterThanOrEqual(expected.webhookPosts - inDoubt);
      expect(counts.webhookPosts).toBeLessThanOrEqual(expected.webhookPosts);
    }
    // The sweep did hit the interesting moments: messages sent but not yet written back, posts in flight.
    expect(cutMidway).toBeGreaterThan(0);
    expect(uncertain).toBeGreaterThan(0);
  });

  it('cut inside continuations, at every call: the chain still finishes everything once', () => {
    // Chat answers slowly here, so Run all needs several executions: the first stops at its budget, then
    // each continueRun is cut off after k calls until the chain breaks, and the user clicks again.
    const { started, continuationCalls } = stoppedRunAll();
    for (let k = 1; k < continuationCalls; k++) {
      const m = fork(started);
      for (let i = 0; i < 3; i++) {
        m.w.sb.advance(61_000);
        m.w.sb.runDueTriggers({ cutAfterCalls: k });
      }
      recover(m);
      const a = expectClean(m, `continuation cut after call ${k}`);
      expect([k, a.unfinished]).toEqual([k, []]);
      expect(m.w.sb.triggers.filter((t) => t.handler === 'continueRun')).toEqual([]);
    }
  });

  it('edits cut after every k-th call: updates, deletes, removals and role changes happen once', () => {
    // After a clean first run the user edits rows: rename a space, edit and delete messages, remove a
    // member and change a role, clearing their Status; then Run all is cut off after each k.
    const edited = mixedWorld(SMALL);
    edited.w.run('runAll');
    const rows = (tab: string) => edited.w.rows(tab);
    const row = (tab: string, pick: (r: Record<string, string>) => boolean) => rows(tab).findIndex(pick) + 2;
    edited.w.set(
      'Spaces',
      row('Spaces', (r) => r.Key === 'team0'),
      {
        Action: 'UPDATE',
        'Display name': 'Team 0 renamed',
        Status: '',
      },
    );
    edited.w.set(
      'Messages',
      row('Messages', (r) => r.Text === apiText(0, 0)),
      {
        Action: 'UPDATE',
        Text: 'Edited note for team 0',
        Status: '',
      },
    );
    edited.w.set(
      'Messages',
      row('Messages', (r) => r.Text === apiText(1, 1)),
      { Action: 'DELETE', Status: '' },
    );
    edited.w.set(
      'Members',
      row('Members', (r) => r.Member === 't0-p1@example.com'),
      {
        Action: 'REMOVE',
        Status: '',
      },
    );
    edited.w.set(
      'Members',
      row('Members', (r) => r.Member === 't1-p0@example.com'),
      {
        Action: 'ROLE',
        Role: 'ASSISTANT_MANAGER',
        Status: '',
      },
    );
    edited.inputs = inputCells(edited.w);
    edited.w.sb.advance(5000);
    const probe = fork(edited);
    const uncut = probe.w.sb.run('runAll');
    expect(expectClean(probe, 'edits uncut').unfinished).toEqual([]);
    const texts = () =>
      probe.w.chat
        .spaces()
        .flatMap((sp) => probe.w.chat.messages(sp.name as string).map((x) => x.text))
        .sort();
    expect(texts()).toContain('Edited note for team 0');
    expect(texts()).not.toContain(apiText(1, 1));

    for (let k = 1; k < uncut.totalCalls; k++) {
      const m = fork(edited);
      m.w.sb.run('runAll', { cutAfterCalls: k });
      recover(m);
      const a = expectClean(m, `edits cut after call ${k}`);
      expect([k, a.unfinished]).toEqual([k, []]);
    }
  });

  it('the schedule sending due messages, cut after every k-th call: each goes once', () => {
    const base = mixedWorld(SMALL);
    // Ten minutes from now as wall time in the spreadsheet's zone (Paris: UTC+1 in January).
    const at = new Date(base.w.clock.now() + 70 * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    base.w.fill('Messages', [
      { Key: 'later-1', Space: 'team0', Text: 'Scheduled 1', 'Send at': at },
      { Key: 'later-2', Webhook: 'alerts', Text: 'Scheduled hook 2', 'Send at': at },
      { Key: 'later-3', Space: 'team1', Text: 'Scheduled 3', 'Send at': at, 'Thread key': 'kickoff-1' },
    ]);
    base.inputs = inputCells(base.w);
    base.w.run('runAll');
    expect(
      base.w
        .rows('Messages')
        .slice(-3)
        .map((r) => r.Status),
    ).toEqual(Array(3).fill('SCHEDULED'));
    expect(base.w.sb.triggers.map((t) => t.handler)).toEqual(['onSchedule']);
    base.w.sb.advance(11 * 60_000);
    const probe = fork(base);
    const [tick] = probe.w.sb.runDueTriggers();
    expect(tick).toMatchObject({ fn: 'onSchedule', outcome: 'ok' });
    expect(expectClean(probe, 'schedule uncut').unfinished).toEqual([]);
    for (let k = 1; k < tick.totalCalls; k++) {
      const m = fork(base);
      m.w.sb.runDueTriggers({ cutAfterCalls: k });
      recover(m);
      const a = expectClean(m, `schedule cut after call ${k}`);
      expect([k, a.unfinished]).toEqual([k, []]);
    }
  });
});
