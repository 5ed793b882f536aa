// The announcement scenario of issue #20, end to end through the built bundle: a policy announcement to 5
// spaces — one message with a Drive file attached, one space told through private notes to three people
// (one row each, personalised with a placeholder) — people reacting and replying in the emulator, Refresh
// messages showing the counts and exactly who hasn't acknowledged, and Follow up replying in each thread
// to exactly those people, once.
import { columnLetter } from '../support/mixed-workbook';
import { ADMIN, world, type World } from '../support/world';
import { MESSAGES } from '../../src/contract/tabs';

const PEOPLE = ['ana', 'ben', 'cleo', 'dev'].map((n) => `${n}@example.com`);
const [ana, ben, cleo, dev] = PEOPLE;
const PDF = Buffer.from('%PDF-1.4 travel policy');
/** A column of the person's own on Messages, for the private notes' placeholder. */
const FIRST_NAME = 'First name';

function setUp(): { w: World; spaces: string[]; file: { id: string; url: string } } {
  const w = world();
  for (const p of PEOPLE) w.chat.addUser(p);
  const keys = ['s0', 's1', 's2', 's3', 's4'];
  w.fill(
    'Spaces',
    keys.map((k, i) => ({ Key: k, 'Display name': `Team ${i}` })),
  );
  // Everyone in every space; the Chat app too in s1, where it sends the private notes.
  w.fill('Members', [
    ...keys.flatMap((k) => PEOPLE.map((p) => ({ Space: k, Member: p }))),
    { Space: 's1', Member: 'app' },
  ]);
  w.run('runAll');
  expect(w.column('Members', 'Status').every((s) => s === 'DONE')).toBe(true);
  const key = w.chat.addServiceAccount({ name: 'chat-app' });
  w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(key) });
  w.run('setUpAppAuth');
  const file = w.sb.drive.addFile({ name: 'Travel policy.pdf', mimeType: 'application/pdf', content: PDF });
  w.sb.workbook.setValues('Messages', `${columnLetter(MESSAGES.columns.length + 1)}1`, [[FIRST_NAME]]);
  return { w, spaces: w.column('Spaces', 'Space'), file };
}

/** users/{id} → e-mail. */
const emails = (w: World) => new Map([ADMIN, ...PEOPLE].map((e) => [w.chat.userName(e)!, e]));

/** The people a text mentions (`<users/…>`), as sorted e-mails. */
const mentioned = (w: World, text: string) =>
  [...text.matchAll(/<(users\/[^>]+)>/g)].map((m) => emails(w).get(m[1]) ?? m[1]).sort();

/** Not yet as sorted e-mails ('none' when everyone acknowledged). */
const notYetOf = (w: World, cell: string) =>
  cell === 'none'
    ? []
    : cell
        .split(', ')
        .map((u) => emails(w).get(u) ?? u)
        .sort();

it('a policy announcement to 5 spaces: a file, private notes, who has acknowledged, and one follow-up each', () => {
  const { w, spaces, file } = setUp();
  const text = 'New travel policy from 1 January: please read it and react ✅.';
  w.fill('Messages', [
    { Key: 'policy-0', Space: 's0', Text: text, Attachment: file.url },
    ...[ana, ben, cleo].map((p, i) => ({
      Key: `policy-1-${i}`,
      Space: 's1',
      Text: 'Hi {{First name}}, the new travel policy changes your team’s booking: please react ✅.',
      As: 'APP',
      'Visible to': p,
      [FIRST_NAME]: p.split('@')[0],
    })),
    ...[2, 3, 4].map((i) => ({ Key: `policy-${i}`, Space: `s${i}`, Text: text })),
  ]);
  w.sb.advance(2000);
  w.run('sendMessages');
  const sent = w.rows('Messages');
  expect(sent.map((r) => r.Status)).toEqual(Array.from({ length: 7 }, () => 'DONE'));
  const messages = sent.map((r) => r.Message);

  // The file went with the message, as you; each note is seen by its one person only.
  const withFile = w.chat.messages(spaces[0])[0] as { attachment?: { contentName: string }[] };
  expect(withFile.attachment?.map((a) => a.contentName)).toEqual(['Travel policy.pdf']);
  [ana, ben, cleo].forEach((p, i) => {
    const seen = w.chat.messagesSeenBy(p, spaces[1]).map((m) => m.name);
    expect(seen).toEqual([messages[1 + i]]);
    expect(String(w.chat.messagesSeenBy(p, spaces[1])[0].text)).toMatch(`Hi ${p.split('@')[0]},`);
  });
  expect(w.chat.messagesSeenBy(dev, spaces[1])).toEqual([]);

  // People at work: reactions and thread replies.
  w.chat.react(ana, messages[0], '✅');
  w.chat.react(ben, messages[0], '✅');
  w.chat.reply(cleo, messages[0], 'Read it, thanks');
  w.chat.react(ben, messages[2], '✅'); // ben's private note
  for (const p of PEOPLE) w.chat.react(p, messages[4], '✅'); // s2: everyone
  w.chat.reply(dev, messages[5], 'What about trains?'); // s3
  w.sb.advance(2000);

  w.run('refreshMessages');

  const rows = w.rows('Messages');
  rows.forEach((r, i) => {
    const truth = w.chat.acknowledgements(messages[i]);
    expect([i, r.Reactions, r.Replies, r.Acknowledged, notYetOf(w, r['Not yet'])]).toEqual([
      i,
      truth.reactions.map((x) => `${x.emoji} ${x.count}`).join(' · '),
      String(truth.replies),
      String(truth.acknowledged.length),
      truth.notYet,
    ]);
  });
  // The counts, and exactly who hasn't acknowledged, row by row.
  expect(rows[0]).toMatchObject({ Reactions: '✅ 2', Replies: '1', Acknowledged: '3' });
  expect(notYetOf(w, rows[0]['Not yet'])).toEqual([dev]);
  expect(rows.slice(1, 4).map((r) => notYetOf(w, r['Not yet']))).toEqual([[ana], [], [cleo]]);
  expect(notYetOf(w, rows[4]['Not yet'])).toEqual([]);
  expect(notYetOf(w, rows[5]['Not yet'])).toEqual([ana, ben, cleo]);
  expect(notYetOf(w, rows[6]['Not yet'])).toEqual(PEOPLE);

  const follow = () => {
    w.sb.selectRange('Messages', 'A2:A8');
    w.run('followUp');
  };
  const inChat = () => spaces.map((s) => w.chat.messages(s).length);
  const before = inChat();
  follow();
  // One row per message someone hasn't acknowledged (not ben's note, not s2); nothing sent yet.
  const added = w.rows('Messages').slice(7);
  expect(added.map((r) => r['Thread key'])).toEqual([0, 1, 3, 5, 6].map((i) => rows[i].Thread));
  expect(added.map((r) => mentioned(w, r.Text))).toEqual([[dev], [ana], [cleo], [ana, ben, cleo], PEOPLE]);
  // The follow-up of a private note is private too, to the same person.
  expect(added.map((r) => r['Visible to'])).toEqual(['', ana, cleo, '', '']);
  expect(inChat()).toEqual(before);

  w.sb.advance(2000);
  w.run('sendMessages');
  w.sb.advance(2000);
  w.run('sendMessages');
  follow();
  // Sent once each, into the message's own thread; a second Follow up adds no row.
  expect(w.rows('Messages')).toHaveLength(12);
  const replies = w.rows('Messages').slice(7);
  expect(replies.map((r) => r.Status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
  expect(inChat()).toEqual(before.map((n, s) => n + [1, 2, 0, 1, 1][s]));
  for (const r of replies) {
    const reply = w.chat.messages(r.Message.split('/messages/')[0]).find((m) => m.name === r.Message) as {
      thread: { name: string };
      text: string;
    };
    expect(reply.thread.name).toBe(r['Thread key']);
    expect(mentioned(w, reply.text)).toEqual(mentioned(w, r.Text));
  }
  expect(w.chat.messagesSeenBy(ben, spaces[1]).map((m) => m.name)).toEqual([messages[2]]);
});
