// Run all as one plan (issue #19), through the built bundle: a space's members and messages go as soon as
// the space exists, while the next spaces wait for Chat's creation quota; each tab keeps its rows' order
// within a space; Members mode EXACT removes only after every row of its space is done.
import { ADMIN, world } from '../support/world';

const N = 40; // more than a minute's creations (fewer than 35): the last spaces wait for the next minute

it('Run all: members and messages of the first spaces go while the last ones wait for the creation quota', () => {
  const w = world();
  const people = Array.from({ length: 3 }, (_, i) => `p${i}@example.com`);
  for (const p of [...people, 'old@example.com']) w.chat.addUser(p);
  // An existing space kept EXACT: its old member goes, but only after the tab's rows for it are done.
  w.fill('Spaces', [{ Key: 'kept', 'Display name': 'Kept', 'Members mode': 'EXACT' }]);
  w.fill('Members', [{ Space: 'kept', Member: 'old@example.com' }]);
  w.run('runAll');
  w.sb.workbook.require('Members').deleteRows(2, 1);
  const kept = w.rows('Spaces')[0].Space;
  w.sb.advance(120_000);

  w.fill(
    'Spaces',
    Array.from({ length: N }, (_, i) => ({ Key: `c${i}`, 'Display name': `Cohort ${i}` })),
  );
  w.fill('Members', [
    ...people.map((p) => ({ Space: 'kept', Member: p })),
    ...Array.from({ length: N }, (_, i) => people.map((p) => ({ Space: `c${i}`, Member: p }))).flat(),
  ]);
  w.fill(
    'Messages',
    Array.from({ length: N }, (_, i) =>
      [0, 1, 2].map((m) => ({ Key: `w${i}-${m}`, Space: `c${i}`, Text: `Welcome ${m}`, 'Thread key': 'hi' })),
    ).flat(),
  );
  const started = w.clock.now();
  w.run('runAll');
  w.sb.runUntilIdle({ maxExecutions: 3 });

  for (const tab of ['Spaces', 'Members', 'Messages'])
    expect([tab, w.column(tab, 'Status').every((s) => s === 'DONE')]).toEqual([tab, true]);
  const spaces = w.column('Spaces', 'Space').slice(1);
  const at = (t: unknown) => Date.parse(String(t));
  const made = spaces.map((s) => at(w.chat.spaces().find((x) => x.name === s)!.createTime));
  // The creation quota: the last spaces are made a minute after the first.
  expect(made[N - 1] - made[0]).toBeGreaterThanOrEqual(60_000);
  // …and by then the first space has its members and all its messages.
  const first = w.chat.messages(spaces[0]);
  expect(first.map((m) => m.text)).toEqual(['Welcome 0', 'Welcome 1', 'Welcome 2']);
  expect(Math.max(...first.map((m) => at(m.createTime)))).toBeLessThan(made[N - 1]);
  expect(w.chat.members(spaces[0]).length).toBe(people.length + 1);
  // Each space's messages in row order, in one thread.
  for (const s of spaces) {
    const texts = w.chat.messages(s);
    expect([s, texts.map((m) => m.text)]).toEqual([s, ['Welcome 0', 'Welcome 1', 'Welcome 2']]);
    expect(new Set(texts.map((m) => (m.thread as { name: string }).name)).size).toBe(1);
  }
  // The whole job in about the creation quota's time, not creations + memberships + messages in turn.
  expect(w.clock.now() - started).toBeLessThan(90_000);
  // EXACT: the old member went, after the rows for the space were done (its new members are there).
  const keptMembers = w.chat.members(kept).map((m) => (m.member as { name: string }).name);
  expect(keptMembers.sort()).toEqual([ADMIN, ...people].map((p) => w.chat.userName(p)).sort());
  const log = w.rows('Log');
  const adds = log.flatMap((l, i) =>
    l.Action === 'spaces.members.create' && l.Target.startsWith(kept) ? [i] : [],
  );
  const lastAdd = Math.max(-1, ...adds);
  const removal = log.findIndex((l) => l.Action === 'spaces.members.delete' && l.Target.startsWith(kept));
  expect(lastAdd).toBeGreaterThan(-1);
  expect(removal).toBeGreaterThan(lastAdd);
});

it('Run all: a row with a file, for a space the run makes, still goes alone through the advanced service', () => {
  const w = world();
  const file = w.sb.drive.addFile({
    name: 'Plan.pdf',
    mimeType: 'application/pdf',
    content: Buffer.from('%PDF'),
  });
  w.fill('Spaces', [{ Key: 'new', 'Display name': 'New team' }]);
  w.fill('Messages', [
    { Key: 'plan', Space: 'new', Text: 'The plan', Attachment: file.id },
    { Key: 'hello', Space: 'new', Text: 'Hello' },
  ]);
  const r = w.run('runAll');
  expect(w.column('Messages', 'Status')).toEqual(['DONE', 'DONE']);
  const space = w.column('Spaces', 'Space')[0];
  const [plan] = w.chat.messages(space).filter((m) => m.text === 'The plan');
  expect((plan.attachment as { contentName: string }[]).map((a) => a.contentName)).toEqual(['Plan.pdf']);
  // One file in memory at a time: the upload is the advanced service's, not a request in a wave.
  expect(r.calls['Chat.media.upload']).toBe(1);
});

it('Run all: rows of a space a Spaces row changes follow that change (a group chat made a space, then a role)', () => {
  const w = world();
  w.fill('Spaces', [{ Key: 'trio', Type: 'GROUP_CHAT' }]);
  w.fill('Members', [
    { Space: 'trio', Member: 'bob@example.com' },
    { Space: 'trio', Member: 'carol@example.com' },
  ]);
  w.run('runAll');
  const space = w.rows('Spaces')[0].Space;
  w.sb.advance(5000);
  // One click: the group chat becomes a space, and Bob becomes its manager (a group chat has no roles).
  w.set('Spaces', 2, { Type: 'SPACE', 'Display name': 'Trio', Action: 'UPDATE', Status: '' });
  w.set('Members', 2, { Role: 'MANAGER', Action: 'ROLE', Status: '' });
  // …and a message, which would otherwise take the space's one write a second before the upgrade.
  w.fill('Messages', [{ Key: 'news', Space: 'trio', Text: 'We are a space now' }]);
  w.run('runAll');
  expect(w.column('Messages', 'Status')).toEqual(['DONE']);
  expect(w.column('Spaces', 'Status')).toEqual(['DONE']);
  expect(w.rows('Members')[0]).toMatchObject({ Status: 'DONE', Role: 'MANAGER' });
  expect(w.chat.spaces().find((s) => s.name === space)?.spaceType).toBe('SPACE');
  const bob = w.chat
    .members(space)
    .find((m) => (m.member as { name: string }).name === w.chat.userName('bob@example.com'));
  expect(bob?.role).toBe('ROLE_MANAGER');
});
