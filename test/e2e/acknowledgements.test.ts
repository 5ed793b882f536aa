// Acknowledgements end to end: an announcement sent by the product, people reacting and replying in the
// emulator, Refresh messages filling Reactions, Replies, Acknowledged and Not yet (checked against the
// emulator's own account, chat.acknowledgements), and Follow up turning Not yet into thread replies.
import { addToSpaces } from '../../sandbox/chat/workspace';
import { ADMIN, world, type World } from '../support/world';

const PEOPLE = ['ana', 'ben', 'cleo', 'dev', 'eli', 'fay'].map((n) => `${n}@example.com`);

/** `n` spaces made by the product (keys s0…), each with PEOPLE as joined members, and one announcement
 *  sent to each (Messages rows 2…n+1, keys a0…). */
function announced(n: number, opts: { people?: string[] } = {}) {
  const w = world();
  w.fill(
    'Spaces',
    Array.from({ length: n }, (_, i) => ({ Key: `s${i}`, 'Display name': `Team ${i}` })),
  );
  w.run('syncSpaces');
  const spaces = w.column('Spaces', 'Space');
  for (const p of opts.people ?? PEOPLE) addToSpaces(w.chat, p, spaces);
  w.fill(
    'Messages',
    spaces.map((_, i) => ({ Key: `a${i}`, Space: `s${i}`, Text: 'Please read the new rota.' })),
  );
  w.sb.advance(2000);
  w.run('sendMessages');
  const messages = w.column('Messages', 'Message');
  expect(messages.every((m) => /^spaces\/.+\/messages\//.test(m))).toBe(true);
  return { w, spaces, messages };
}

/** users/{id} → e-mail, for every person of the test. */
function emails(w: World): Map<string, string> {
  return new Map([ADMIN, ...PEOPLE].map((e) => [w.chat.userName(e)!, e]));
}

/** What the emulator says the four columns should show for a message. */
function truth(w: World, message: string) {
  const a = w.chat.acknowledgements(message);
  return {
    Reactions: a.reactions.map((r) => `${r.emoji} ${r.count}`).join(' · '),
    Replies: String(a.replies),
    Acknowledged: String(a.acknowledged.length),
    'Not yet': a.notYet.length ? a.notYet : 'none',
  };
}

/** The four columns of a row, Not yet as sorted e-mails (or the cell as it is when it lists no one). */
function shown(w: World, row: Record<string, string>) {
  const names = emails(w);
  const notYet = row['Not yet'];
  return {
    Reactions: row.Reactions,
    Replies: row.Replies,
    Acknowledged: row.Acknowledged,
    'Not yet': /^users\//.test(notYet)
      ? notYet
          .split(', ')
          .map((u) => names.get(u) ?? u)
          .sort()
      : notYet,
  };
}

describe('Refresh messages: acknowledgements', () => {
  it('fills Reactions, Replies, Acknowledged and Not yet for an announcement in 5 spaces, as Chat has them', () => {
    const { w, messages } = announced(5);
    w.chat.addCustomEmoji(':rota:');
    const [ana, ben, cleo, dev, eli, fay] = PEOPLE;
    // Space 0: reactions and a reply; the sender's own reaction and reply count for no one.
    w.chat.react(ana, messages[0], '👍');
    w.chat.react(ben, messages[0], '👍');
    w.chat.react(ben, messages[0], '🎉');
    w.chat.react(cleo, messages[0], ':rota:');
    w.chat.react(ADMIN, messages[0], '👍');
    w.chat.reply(dev, messages[0], 'Got it');
    w.chat.reply(ADMIN, messages[0], 'Thanks all');
    // Space 1: everyone did something.
    for (const p of [ana, ben, cleo]) w.chat.react(p, messages[1], '✅');
    for (const p of [dev, eli, fay]) w.chat.reply(p, messages[1], 'ok');
    // Space 2: one person reacted and replied (counted once).
    w.chat.react(eli, messages[2], '👀');
    w.chat.reply(eli, messages[2], 'seen');
    // Space 3: a reaction taken back; space 4: nothing at all.
    w.chat.react(fay, messages[3], '👍');
    w.chat.unreact(fay, messages[3], '👍');
    w.sb.advance(2000);

    w.run('refreshMessages');

    const rows = w.rows('Messages');
    messages.forEach((m, i) => expect([i, shown(w, rows[i])]).toEqual([i, truth(w, m)]));
    // The cells themselves, for the record.
    expect(rows[0]).toMatchObject({ Reactions: '👍 3 · 🎉 1 · :rota: 1', Replies: '2', Acknowledged: '4' });
    expect(shown(w, rows[0])['Not yet']).toEqual([eli, fay]);
    expect(rows[1]).toMatchObject({ Acknowledged: '6', 'Not yet': 'none' });
    expect(rows[4]).toMatchObject({ Reactions: '', Replies: '0', Acknowledged: '0' });
    expect(shown(w, rows[4])['Not yet']).toEqual([...PEOPLE].sort());
    // Still DONE, the sending Detail kept.
    expect(rows.map((r) => r.Status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
    expect(rows[0].Detail).toMatch(/^Sent to spaces\//);
  });

  it('lists each space’s members once a run, however many of its messages are refreshed', () => {
    const { w, spaces } = announced(2);
    w.fill(
      'Messages',
      Array.from({ length: 6 }, (_, i) => ({ Key: `b${i}`, Space: `s${i % 2}`, Text: `Note ${i}` })),
    );
    w.sb.advance(2000);
    w.run('sendMessages');
    w.chat.resetStats();
    w.run('refreshMessages');
    expect(w.chat.stats.calls['chat.spaces.members.list']).toBe(spaces.length);
    expect(w.chat.stats.calls['chat.spaces.messages.get']).toBe(8);
    expect(w.column('Messages', 'Acknowledged')).toEqual(Array.from({ length: 8 }, () => '0'));
  });

  it('Chat busy past the retries, or refusing a list: the row stays DONE and keeps or explains its columns', () => {
    const { w, messages } = announced(2);
    w.chat.react(PEOPLE[0], messages[0], '👍');
    w.chat.react(PEOPLE[1], messages[1], '👍');
    w.run('refreshMessages');
    const before = w.rows('Messages');
    expect(before[0].Acknowledged).toBe('1');
    w.chat.react(PEOPLE[2], messages[0], '👍');
    w.chat.react(PEOPLE[2], messages[1], '👍');
    // reactions.list answers 503 for good in one run: both rows are left as they were, and the toast says so.
    w.chat.faults.next(100, 503, { method: 'chat.spaces.messages.reactions.list' });
    w.run('refreshMessages');
    w.chat.faults.clear();
    expect(w.rows('Messages')).toEqual(before);
    expect(w.sb.ui.toasts.at(-1)?.message).toMatch(
      /2 row\(s\) could not be read back \(run Refresh messages again\)/,
    );
    // A permanent refusal of the thread listing: the row says so in Detail, the counts are left alone.
    w.chat.faults.next(1, 403, { method: 'chat.spaces.messages.list' });
    w.run('refreshMessages');
    w.chat.faults.clear();
    const rows = w.rows('Messages');
    expect(rows.map((r) => r.Status)).toEqual(['DONE', 'DONE']);
    const partly = rows.find((r) => r.Detail.startsWith('Refresh messages could not read its thread'))!;
    expect(partly).toMatchObject({ Reactions: '👍 2', Acknowledged: '1' });
    expect(partly.Detail).toMatch(
      /Replies, Acknowledged and Not yet are left as they were\. Run it again\.$/,
    );
    w.run('refreshMessages');
    expect(w.column('Messages', 'Acknowledged')).toEqual(['2', '2']);
    expect(w.column('Messages', 'Detail').filter((d) => d === 'Read back by Refresh messages.')).toHaveLength(
      1,
    );
  });

  it('a space over 200 members: Not yet says why it is blank; the counts are still filled in', () => {
    const crowd = Array.from({ length: 205 }, (_, i) => `p${i}@example.com`);
    const { w, messages } = announced(1, { people: crowd });
    w.chat.react(crowd[0], messages[0], '👍');
    w.chat.reply(crowd[1], messages[0], 'ok');
    w.run('refreshMessages');
    const row = w.rows('Messages')[0];
    expect(row).toMatchObject({
      Reactions: '👍 1',
      Replies: '1',
      Acknowledged: '2',
      'Not yet': 'Not listed: the space has more than 200 members (Not yet is listed for spaces up to 200).',
    });
    expect(w.chat.acknowledgements(messages[0]).notYet).toHaveLength(203);
  });
});

/** The people a message's text mentions (`<users/…>`), as e-mails, sorted. */
function mentioned(w: World, text: string): string[] {
  const names = emails(w);
  return [...text.matchAll(/<(users\/[^>]+)>/g)].map((m) => names.get(m[1]) ?? m[1]).sort();
}

/** Runs Follow up on Messages rows `from`…`to` (1-based sheet rows); returns its toast. */
function followUp(w: World, from: number, to: number): string {
  w.sb.selectRange('Messages', `A${from}:A${to}`);
  w.run('followUp');
  return w.sb.ui.toasts.at(-1)?.message ?? '';
}

describe('Follow up', () => {
  it('adds a reply row per message mentioning exactly its Not yet; sent, it lands in the thread once; again, no one twice', () => {
    const { w, spaces, messages } = announced(5);
    const [ana, ben, cleo, dev, eli, fay] = PEOPLE;
    w.chat.react(ana, messages[0], '👍');
    w.chat.reply(ben, messages[0], 'done');
    for (const p of PEOPLE) w.chat.react(p, messages[1], '✅');
    w.chat.reply(cleo, messages[2], 'ok');
    w.chat.react(dev, messages[3], '👀');
    w.sb.advance(2000);
    w.run('refreshMessages');
    const before = spaces.map((s) => w.chat.messages(s).length);

    const toast = followUp(w, 2, 6);

    const rows = w.rows('Messages');
    const added = rows.slice(5);
    // Space 1: everyone acknowledged, so four rows; nothing sent yet.
    expect(added).toHaveLength(4);
    expect(toast).toMatch(/4 rows added/);
    expect(toast).toMatch(/row 3: everyone has acknowledged it/);
    expect(spaces.map((s) => w.chat.messages(s).length)).toEqual(before);
    const originals = [0, 2, 3, 4];
    added.forEach((r, k) => {
      const i = originals[k];
      expect(r).toMatchObject({
        Key: `a${i}-follow-up-1`,
        Space: `s${i}`,
        'Thread key': rows[i].Thread,
        'Reply option': 'REPLY_OR_FAIL',
        Status: '',
      });
      expect(mentioned(w, r.Text)).toEqual(w.chat.acknowledgements(messages[i]).notYet);
    });
    expect(mentioned(w, added[0].Text)).toEqual([cleo, dev, eli, fay]);
    expect(added[0].Detail).toBe(
      'Follow-up of a0: mentions 4 people who had not acknowledged. Run it to send it.',
    );

    w.sb.advance(2000);
    w.run('sendMessages');
    const sent = w.rows('Messages').slice(5);
    expect(sent.map((r) => r.Status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE']);
    originals.forEach((i, k) => {
      const inChat = w.chat.messages(spaces[i]);
      expect(inChat).toHaveLength(before[i] + 1);
      const reply = inChat.at(-1)!;
      expect((reply.thread as { name: string }).name).toBe(rows[i].Thread);
      expect(reply.name).toBe(sent[k].Message);
      expect(mentioned(w, String(reply.text))).toEqual(w.chat.acknowledgements(messages[i]).notYet);
    });

    // Again, right away: every Not yet was mentioned already — no row.
    expect(followUp(w, 2, 6)).toMatch(/row 2: everyone in Not yet \(4\) was already mentioned/);
    expect(w.rows('Messages')).toHaveLength(9);

    // Someone new joins space 0 and eli replies; refreshed, Not yet holds the newcomer and people already
    // reminded: only the newcomer is mentioned.
    const gus = 'gus@example.com';
    addToSpaces(w.chat, gus, [spaces[0]]);
    w.chat.reply(eli, messages[0], 'read it');
    w.sb.advance(2000);
    w.run('refreshMessages');
    const names = new Map([...emails(w), [w.chat.userName(gus)!, gus]]);
    const cell = w.rows('Messages')[0]['Not yet'];
    const notYet = cell.split(', ').map((u) => names.get(u));
    expect(notYet.sort()).toEqual([cleo, dev, fay, gus].sort());
    expect(w.rows('Messages')[0].Replies).toBe(String(w.chat.acknowledgements(messages[0]).replies));
    followUp(w, 2, 2);
    const third = w.rows('Messages').slice(9);
    expect(third).toHaveLength(1);
    expect(third[0].Key).toBe('a0-follow-up-2');
    expect([...third[0].Text.matchAll(/<(users\/[^>]+)>/g)].map((m) => m[1])).toEqual([w.chat.userName(gus)]);
    // While that row waits unsent, Follow up adds no other for the same message.
    w.chat.reply(fay, messages[0], 'me too');
    addToSpaces(w.chat, 'hal@example.com', [spaces[0]]);
    w.run('refreshMessages');
    expect(followUp(w, 2, 2)).toMatch(/row 2: a follow-up in its thread is waiting to be sent \(row 11\)/);
    expect(w.rows('Messages')).toHaveLength(10);
  });

  it('a Thread key holding a thread’s name replies in that thread; one of another space is INVALID', () => {
    const { w, spaces, messages } = announced(2);
    const [thread0, thread1] = w.column('Messages', 'Thread');
    w.fill('Messages', [
      { Key: 'r0', Space: 's0', Text: 'in thread', 'Thread key': thread0 },
      { Key: 'r1', Space: 's0', Text: 'wrong space', 'Thread key': thread1 },
    ]);
    w.sb.advance(2000);
    w.run('sendMessages');
    const [r0, r1] = w.rows('Messages').slice(2);
    expect(r0).toMatchObject({ Status: 'DONE', Thread: thread0 });
    expect(w.chat.acknowledgements(messages[0]).replies).toBe(1);
    expect(r1).toMatchObject({
      Status: 'INVALID',
      Detail: `Thread key names a thread of ${spaces[1]}, but the row goes to ${spaces[0]}: a reply stays in its thread’s space.`,
    });
  });

  it('rows without a Not yet get a clear reason, and nothing is added', () => {
    const crowd = Array.from({ length: 205 }, (_, i) => `p${i}@example.com`);
    const { w } = announced(1, { people: crowd });
    expect(followUp(w, 2, 2)).toMatch(/row 2: Not yet is empty: run Refresh messages first/);
    w.run('refreshMessages');
    expect(followUp(w, 2, 2)).toMatch(/row 2: Not listed: the space has more than 200 members/);
    w.fill('Messages', [{ Key: 'draft', Space: 's0', Text: 'not sent' }]);
    expect(followUp(w, 3, 3)).toMatch(/row 3: not a sent message/);
    expect(w.rows('Messages')).toHaveLength(2);
    // Not on the Messages tab: an alert.
    w.sb.selectRange('Spaces', 'A2');
    w.run('followUp');
    expect(w.sb.ui.alerts.at(-1)?.prompt).toMatch(/Select the Messages rows to follow up/);
  });

  it('the text comes from the FOLLOW_UP_TEMPLATE script property; one without {mentions} is an alert', () => {
    const { w, messages } = announced(1);
    w.run('refreshMessages');
    w.sb.properties.script.set('FOLLOW_UP_TEMPLATE', 'Still waiting on {mentions} — thanks!');
    followUp(w, 2, 2);
    const row = w.rows('Messages')[1];
    expect(row.Text).toMatch(/^Still waiting on <users\/\d+> <users\/\d+>.* — thanks!$/);
    expect(mentioned(w, row.Text)).toEqual(w.chat.acknowledgements(messages[0]).notYet);
    w.sb.properties.script.set('FOLLOW_UP_TEMPLATE', 'Please acknowledge.');
    const alerts = w.sb.ui.alerts.length;
    w.run('followUp');
    expect(w.sb.ui.alerts.slice(alerts).map((a) => a.prompt)).toEqual([
      expect.stringMatching(/FOLLOW_UP_TEMPLATE\) has no \{mentions\}/),
    ]);
  });
});

describe('Refresh messages: many rows', () => {
  /** 3 spaces with 80 more messages each (243 rows), reacted to and replied to here and there. */
  function busy() {
    const { w, messages } = announced(3);
    w.fill(
      'Messages',
      Array.from({ length: 240 }, (_, i) => ({ Key: `n${i}`, Space: `s${i % 3}`, Text: `Note ${i}` })),
    );
    w.sb.advance(2000);
    w.run('sendMessages');
    w.sb.runUntilIdle({ maxExecutions: 10 });
    const all = w.column('Messages', 'Message');
    expect(all.filter((m) => m.startsWith('spaces/'))).toHaveLength(243);
    all.forEach((m, i) => {
      if (i % 3 === 0) w.chat.react(PEOPLE[i % 6], m, '👍');
      if (i % 5 === 0) w.chat.reply(PEOPLE[(i + 1) % 6], m, 'seen');
    });
    w.sb.advance(60_000);
    return { w, all, first: messages };
  }

  function expectAllTrue(w: World, all: string[]) {
    const rows = w.rows('Messages');
    all.forEach((m, i) => expect([i, shown(w, rows[i])]).toEqual([i, truth(w, m)]));
  }

  it('continues across executions from where it stopped, reading each message about once', () => {
    const { w, all } = busy();
    // Slow answers: one execution can't read them all.
    w.sb.setLatency({ fetch: 2000 });
    w.chat.resetStats();
    w.run('refreshMessages');
    expect(w.sb.ui.toasts.at(-1)?.message).toMatch(/continues automatically/);
    const filledFirst = w.column('Messages', 'Acknowledged').filter((a) => a !== '').length;
    expect(filledFirst).toBeGreaterThan(0);
    expect(filledFirst).toBeLessThan(243);
    const runs = w.sb.runUntilIdle({ maxExecutions: 10 });
    expect(runs.length).toBeGreaterThan(0);
    expectAllTrue(w, all);
    // Each execution's unfinished rows (at most one per space) are read again; nothing else is.
    const gets = w.chat.stats.calls['chat.spaces.messages.get'];
    expect(gets).toBeGreaterThanOrEqual(243);
    expect(gets).toBeLessThanOrEqual(243 + 3 * runs.length);
    expect(w.sb.properties.script.get('sheets-to-chat.continuation')).toBeUndefined();
  });

  it('an execution cut off mid-refresh loses nothing: the next refresh fills every row', () => {
    const { w, all } = busy();
    w.sb.setLatency({ fetch: 1000 });
    // While it works someone sorts the tab by Text, Z to A: results still land on their own rows.
    const cut = w.sb.run('refreshMessages', {
      cutAfterCalls: 150,
      beforeCall: (k) => k === 40 && w.sb.workbook.sortRows('Messages', 4, true),
    });
    expect(cut.outcome).toBe('cutoff');
    const filled = w.column('Messages', 'Acknowledged').filter((a) => a !== '').length;
    expect(filled).toBeGreaterThan(0);
    expect(filled).toBeLessThan(243);
    w.run('refreshMessages');
    w.sb.runUntilIdle({ maxExecutions: 10 });
    const byMessage = new Map(w.rows('Messages').map((r) => [r.Message, r]));
    for (const m of all) expect([m, shown(w, byMessage.get(m)!)]).toEqual([m, truth(w, m)]);
  });
});
