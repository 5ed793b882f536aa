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
