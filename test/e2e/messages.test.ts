import { world, type World } from '../support/world';

function withSpaces(n = 1, opts: { app?: boolean } = {}) {
  const w = world();
  w.fill(
    'Spaces',
    Array.from({ length: n }, (_, i) => ({ Key: `s${i}`, 'Display name': `Space ${i}` })),
  );
  if (opts.app)
    w.fill(
      'Members',
      Array.from({ length: n }, (_, i) => ({ Space: `s${i}`, Member: 'app' })),
    );
  w.run('runAll');
  const spaces = w.column('Spaces', 'Space');
  return { w, spaces };
}

function setUpApp(w: World) {
  const key = w.chat.addServiceAccount({ name: 'chat-app' });
  w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(key) });
  w.run('setUpAppAuth');
  return key;
}

const texts = (w: World, space: string) => w.chat.messages(space).map((m) => m.text as string);

describe('Messages: send', () => {
  it('sends text to a space by key, spaces/… or URL, threads replies, and writes Message and Thread', () => {
    const { w, spaces } = withSpaces(1);
    const id = spaces[0].split('/')[1];
    w.fill('Messages', [
      { Key: 'hello', Space: 's0', Text: 'Hello all', 'Thread key': 'intro' },
      { Key: 'reply', Space: spaces[0], Text: 'Hi back', 'Thread key': 'intro' },
      { Key: 'url', Space: `https://chat.google.com/room/${id}`, Text: 'Via URL' },
      {
        Key: 'strict',
        Space: 's0',
        Text: 'No such thread',
        'Thread key': 'nope',
        'Reply option': 'REPLY_OR_FAIL',
      },
    ]);
    w.sb.advance(2000);
    w.run('sendMessages');
    const rows = w.rows('Messages');
    expect(rows.map((r) => r.Status)).toEqual(['DONE', 'DONE', 'DONE', 'ERROR']);
    expect(rows[0].Message).toMatch(new RegExp(`^${spaces[0]}/messages/`));
    expect(w.chat.messages(spaces[0])[0].clientAssignedMessageId).toBe('client-hello');
    expect(rows[0].Thread).toMatch(new RegExp(`^${spaces[0]}/threads/`));
    expect(rows[1].Thread).toBe(rows[0].Thread);
    expect(rows[2].Thread).not.toBe(rows[0].Thread);
    expect(rows[3].Detail).toMatch(/Not found in Chat.*\(Chat 404 NOT_FOUND\)/);
    expect(texts(w, spaces[0])).toEqual(['Hello all', 'Hi back', 'Via URL']);
  });

  it('a blank Key gets a generated one, written to the sheet before the message is sent', () => {
    // Cut the run off after every possible call: whenever the message exists in Chat, its Key is
    // already on the sheet, and the re-run finds that message instead of sending another.
    let sentBeforeCut = 0;
    for (let k = 1; k <= 30; k++) {
      const { w, spaces } = withSpaces(1);
      w.fill('Messages', [{ Space: 's0', Text: 'no key' }]);
      w.sb.advance(2000);
      const cut = w.sb.run('sendMessages', { cutAfterCalls: k });
      const key = w.rows('Messages')[0].Key;
      const inChat = w.chat.messages(spaces[0]);
      if (inChat.length) {
        sentBeforeCut++;
        expect([k, inChat[0].clientAssignedMessageId]).toEqual([k, `client-${key}`]);
      }
      if (cut.outcome === 'ok') break;
      w.run('sendMessages');
      const row = w.rows('Messages')[0];
      expect([k, row.Status, texts(w, spaces[0])]).toEqual([k, 'DONE', ['no key']]);
      expect(row.Key).toMatch(/^m-\d{8}-[0-9a-f]{8}$/);
      if (key) expect(row.Key).toBe(key);
    }
    expect(sentBeforeCut).toBeGreaterThan(0);
  });

  it('300 rows to 10 spaces: a cut-off mid-run and re-runs send each message exactly once', () => {
    const { w, spaces } = withSpaces(10);
    w.fill(
      'Messages',
      Array.from({ length: 300 }, (_, i) => ({ Key: `n${i}`, Space: `s${i % 10}`, Text: `Note ${i}` })),
    );
    w.sb.advance(2000);
    const cut = w.sb.run('sendMessages', { cutAfterCalls: 25 });
    expect(cut.outcome).toBe('cutoff');
    const sentAtCut = spaces.flatMap((s) => texts(w, s)).length;
    expect(sentAtCut).toBeGreaterThan(0);
    expect(sentAtCut).toBeLessThan(300);
    // Some were sent but not written back: clearing nothing, a re-run must not send them again.
    for (let i = 0; i < 3; i++) {
      w.sb.advance(60_000);
      w.run('sendMessages');
      if (w.column('Messages', 'Status').every((s) => s === 'DONE')) break;
    }
    expect(w.column('Messages', 'Status').filter((s) => s === 'DONE')).toHaveLength(300);
    const all = spaces.flatMap((s) => texts(w, s));
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
    // The cut-off left sent-but-unrecorded rows: the re-run asked Chat again and got the same messages.
    expect(w.chat.stats.calls['chat.spaces.messages.create']).toBeGreaterThan(300);
    // Status cleared on every row: still nothing sent twice.
    w.sb.workbook.setValues(
      'Messages',
      'M2',
      Array.from({ length: 300 }, () => ['']),
    );
    w.sb.advance(60_000);
    w.sb.runUntilIdle({ maxExecutions: 5 });
    w.run('sendMessages');
    w.sb.runUntilIdle({ maxExecutions: 5 });
    expect(spaces.flatMap((s) => texts(w, s))).toHaveLength(300);
  });

  it('fills placeholders with the displayed values of the row; an unknown one is INVALID', () => {
    const { w, spaces } = withSpaces(1);
    w.sb.workbook.setValues('Messages', 'P1', [['Name', 'Due', 'Amount']]);
    w.fill('Messages', [
      {
        Key: 'a',
        Space: 's0',
        Text: 'Hi {{name}}, due {{ Due }}, pay {{AMOUNT}}',
        Name: 'Zoë "Z"',
        Due: '2026-03-15',
        Amount: '12.5',
      },
      { Key: 'b', Space: 's0', Text: 'Hi {{Nickname}}' },
    ]);
    w.sb.advance(2000);
    w.run('sendMessages');
    const rows = w.rows('Messages');
    expect(rows[1]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(/\{\{Nickname\}\} names no column/),
    });
    const shown = w.sb.workbook.sheet('Messages').display[1];
    expect(texts(w, spaces[0])).toEqual([`Hi Zoë "Z", due ${shown[16]}, pay 12.5`]);
  });

  it('a card to a Space as USER is INVALID; as APP it goes, with placeholders holding quotes and newlines', () => {
    const { w, spaces } = withSpaces(1, { app: true });
    w.sb.workbook.setValues('Messages', 'P1', [['Note']]);
    const card = JSON.stringify({
      header: { title: 'Hello {{Note}}' },
      sections: [{ widgets: [{ textParagraph: { text: '{{Note}}' } }] }],
    });
    const note = 'He said "hi"\nthen left \\ ☃';
    w.fill('Messages', [
      { Key: 'user-card', Space: 's0', Card: card, Note: note },
      { Key: 'app-card', Space: 's0', Card: card, As: 'APP', Note: note },
    ]);
    setUpApp(w);
    w.sb.advance(2000);
    w.run('sendMessages');
    const rows = w.rows('Messages');
    expect(rows[0]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(/Cards can’t be sent as you/),
    });
    expect(rows[1].Status).toBe('DONE');
    const [sent] = w.chat.messages(spaces[0]);
    const cards = sent.cardsV2 as {
      cardId: string;
      card: { header: { title: string }; sections: { widgets: { textParagraph: { text: string } }[] }[] };
    }[];
    expect(cards[0].cardId).toBe('card-1');
    expect(cards[0].card.header.title).toBe(`Hello ${note}`);
    expect(cards[0].card.sections[0].widgets[0].textParagraph.text).toBe(note);
    expect((sent.sender as { type: string }).type).toBe('BOT');
  });

  it('checkRows catches card field typos, bad JSON, oversize messages and both Space and Webhook', () => {
    const { w } = withSpaces(1);
    w.fill('Messages', [
      { Key: 'typo', Space: 's0', As: 'APP', Card: '{"header": {"title": "x"}, "sectons": []}' },
      { Key: 'json', Space: 's0', As: 'APP', Card: '{"header": {"title": "x"},}' },
      { Key: 'big', Space: 's0', Text: 'é'.repeat(16_001) },
      { Key: 'both', Space: 's0', Webhook: 'x', Text: 'hi' },
      { Key: 'ok', Space: 's0', Text: 'fine' },
    ]);
    w.chat.resetStats();
    w.run('checkRows');
    const rows = w.rows('Messages');
    expect(rows.map((r) => r.Status)).toEqual(['INVALID', 'INVALID', 'INVALID', 'INVALID', '']);
    expect(rows[0].Detail).toMatch(/unknown field “sectons”.*did you mean “sections”/);
    expect(rows[1].Detail).toMatch(/Card is not valid JSON/);
    expect(rows[2].Detail).toMatch(/32,0\d\d bytes: Chat accepts at most 32,000/);
    expect(rows[3].Detail).toMatch(/either Space or Webhook, not both/);
    expect(rows[4].Detail).toBe('Would send text to ' + w.column('Spaces', 'Space')[0] + '.');
    expect(w.chat.stats.writes).toBe(0);
  });
});

describe('Messages: already in Chat', () => {
  it('a Thread key for a group chat is refused before it goes (by key when planned, by name when run)', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'g', Type: 'GROUP_CHAT' }]);
    w.fill('Members', [
      { Space: 'g', Member: 'ann@example.com' },
      { Space: 'g', Member: 'bo@example.com' },
    ]);
    w.run('runAll');
    const group = w.rows('Spaces')[0].Space;
    expect(group).toMatch(/^spaces\//);
    w.fill('Messages', [
      { Key: 'by-key', Space: 'g', Text: 'Threaded by key', 'Thread key': 't' },
      { Key: 'by-name', Space: group, Text: 'Threaded by name', 'Thread key': 't' },
      { Key: 'plain', Space: 'g', Text: 'Not threaded' },
    ]);
    w.run('checkRows');
    expect(w.column('Messages', 'Status')).toEqual(['INVALID', '', '']);
    // The check says what the run will do for a space given by name: ask Chat its type first.
    expect(w.column('Messages', 'Detail')[1]).toMatch(/after asking Chat that it is a named space/);
    w.sb.advance(2000);
    w.run('sendMessages');
    expect(w.column('Messages', 'Status')).toEqual(['INVALID', 'INVALID', 'DONE']);
    for (const d of w.column('Messages', 'Detail').slice(0, 2))
      expect(d).toMatch(/^Thread key works only in named spaces, and .* is a GROUP_CHAT: clear Thread key/);
    expect(texts(w, group)).toEqual(['Not threaded']);
  });

  it('counts size as Chat does: a 32,000-byte text full of newlines and emoji goes, 32,001 is INVALID', () => {
    const { w, spaces } = withSpaces();
    // 8 bytes a unit: a newline, a quote, a 4-byte emoji and two letters (its JSON would be 10).
    const sized = (n: number) => 'a\n"🎉b'.repeat(Math.floor(n / 8)) + 'x'.repeat(n % 8);
    w.fill('Messages', [
      { Key: 'fits', Space: 's0', Text: sized(32_000) },
      { Key: 'over', Space: 's0', Text: sized(32_001) },
    ]);
    w.run('sendMessages');
    expect(w.column('Messages', 'Status')).toEqual(['DONE', 'INVALID']);
    expect(w.column('Messages', 'Detail')[1]).toContain('32,001 bytes');
    expect(texts(w, spaces[0])).toEqual([sized(32_000)]);
  });

  it('a message that already exists under the row’s Key is recorded as DONE, not sent again', () => {
    const { w, spaces } = withSpaces(1);
    w.chat.call({
      method: 'chat.spaces.messages.create',
      params: { parent: spaces[0], messageId: 'client-dup' },
      body: { text: 'sent by hand earlier' },
      authorization: `Bearer ${w.chat.userToken('admin@example.com')}`,
    });
    w.fill('Messages', [{ Key: 'dup', Space: 's0', Text: 'sent by hand earlier' }]);
    w.sb.advance(2000);
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({
      Status: 'DONE',
      Detail: expect.stringMatching(/^Already sent/),
    });
    expect(w.rows('Messages')[0].Message).toMatch(new RegExp(`^${spaces[0]}/messages/`));
    expect(texts(w, spaces[0])).toEqual(['sent by hand earlier']);
  });
});

describe('Messages: schedule', () => {
  it('a row with Send at in the future waits SCHEDULED, turns the schedule on, and is sent once due', () => {
    const { w, spaces } = withSpaces(1);
    // 2026-01-05 09:00 UTC now; Paris is UTC+1: 11:00 local is 10:00 UTC.
    w.fill('Messages', [
      { Key: 'later', Space: 's0', Text: 'Stand-up!', 'Send at': '2026-01-05 11:00' },
      { Key: 'iso', Space: 's0', Text: 'ISO', 'Send at': "'2026-01-05T10:30:00Z" },
    ]);
    w.sb.advance(2000);
    w.run('sendMessages');
    let rows = w.rows('Messages');
    expect(rows.map((r) => r.Status)).toEqual(['SCHEDULED', 'SCHEDULED']);
    expect(rows[0].Detail).toBe('Scheduled for 2026-01-05 11:00 (Europe/Paris).');
    expect(rows[1].Detail).toBe('Scheduled for 2026-01-05 11:30 (Europe/Paris).');
    expect(w.sb.triggers.filter((t) => t.handler === 'onSchedule')).toHaveLength(1);
    expect(w.sb.ui.toasts.at(-1)?.message).toMatch(/schedule is now on/);

    w.sb.advanceTo(Date.UTC(2026, 0, 5, 9, 59));
    w.sb.runDueTriggers();
    expect(texts(w, spaces[0])).toEqual([]);
    w.sb.advanceTo(Date.UTC(2026, 0, 5, 10, 1));
    w.sb.runDueTriggers();
    expect(texts(w, spaces[0])).toEqual(['Stand-up!']);
    w.sb.advanceTo(Date.UTC(2026, 0, 5, 10, 31));
    w.sb.runDueTriggers();
    rows = w.rows('Messages');
    expect(rows.map((r) => r.Status)).toEqual(['DONE', 'DONE']);
    expect(texts(w, spaces[0])).toEqual(['Stand-up!', 'ISO']);
  });

  it('runSelectedRows sends a scheduled row now (the test send)', () => {
    const { w, spaces } = withSpaces(1);
    w.fill('Messages', [
      { Key: 'a', Space: 's0', Text: 'A', 'Send at': '2026-02-01 09:00' },
      { Key: 'b', Space: 's0', Text: 'B', 'Send at': '2026-02-01 09:00' },
    ]);
    w.sb.selectRange('Messages', 'A3');
    w.sb.advance(2000);
    w.run('runSelectedRows');
    expect(w.column('Messages', 'Status')).toEqual(['', 'DONE']);
    expect(texts(w, spaces[0])).toEqual(['B']);
  });
});

describe('Messages: update, delete, refresh', () => {
  it('UPDATE edits the text, DELETE removes the message, deleting again is DONE, refresh notices deletions', () => {
    const { w, spaces } = withSpaces(1);
    w.fill('Messages', [
      { Key: 'a', Space: 's0', Text: 'First words' },
      { Key: 'b', Space: 's0', Text: 'Keep me' },
    ]);
    w.sb.advance(2000);
    w.run('sendMessages');
    w.sb.advance(2000);
    w.set('Messages', 2, { Action: 'UPDATE' });
    w.set('Messages', 2, { Text: 'Second words' });
    w.set('Messages', 2, { Status: '' });
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({ Status: 'DONE', Detail: 'Updated the text.' });
    expect(texts(w, spaces[0])).toEqual(['Second words', 'Keep me']);

    w.sb.advance(2000);
    w.set('Messages', 2, { Action: 'DELETE' });
    w.set('Messages', 2, { Status: '' });
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({ Status: 'DONE', Detail: 'Deleted from Chat.' });
    w.set('Messages', 2, { Status: '' });
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({
      Status: 'DONE',
      Detail: expect.stringMatching(/Already deleted/),
    });

    // Someone deletes message b in Chat; refresh notices.
    w.chat.call({
      method: 'chat.spaces.messages.delete',
      params: { name: `${spaces[0]}/messages/client-b` },
      authorization: `Bearer ${w.chat.userToken('admin@example.com')}`,
    });
    w.run('refreshMessages');
    expect(w.rows('Messages')[1]).toMatchObject({
      Status: 'DONE',
      Detail: expect.stringMatching(/^Deleted in Chat \(found by Refresh messages/),
    });
  });
});
