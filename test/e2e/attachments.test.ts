// Messages with a Drive file (Attachment) and private notes (Visible to), through the built bundle on the
// sandbox runtime against the Chat emulator. Every refusal happens before any Chat call: the emulator's
// call counts prove it.
import { createHash } from 'node:crypto';
import { world, type World } from '../support/world';

const PDF = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0x25, 0x25]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PEOPLE = ['bob@example.com', 'cy@example.com'];

/** One named space `ops` with two people and the Chat app in it; the app's key set up when asked. */
function team(opts: { app?: boolean } = {}) {
  const w = world();
  for (const p of PEOPLE) w.chat.addUser(p);
  w.fill('Spaces', [{ Key: 'ops', 'Display name': 'Ops' }]);
  w.fill(
    'Members',
    [...PEOPLE, 'app'].map((m) => ({ Space: 'ops', Member: m })),
  );
  w.run('runAll');
  if (opts.app) {
    const key = w.chat.addServiceAccount({ name: 'chat-app' });
    w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(key) });
    w.run('setUpAppAuth');
  }
  w.sb.advance(2000);
  return { w, space: w.rows('Spaces')[0].Space };
}

/** Chat calls made so far, by method (the app's token fetches are not Chat calls). */
function chatCalls(w: World): Record<string, number> {
  return Object.fromEntries(Object.entries(w.chat.stats.calls).filter(([m]) => m.startsWith('chat.')));
}

describe('Messages: Attachment', () => {
  it('uploads the Drive file as you and attaches it: the exact bytes, one message, Detail names the file', () => {
    const { w, space } = team();
    const file = w.sb.drive.addFile({ name: 'Policy.pdf', mimeType: 'application/pdf', content: PDF });
    w.fill('Messages', [
      { Key: 'p1', Space: 'ops', Text: 'The new policy', Attachment: file.url },
      { Key: 'p2', Space: space, Attachment: file.id }, // a file alone is a message too
    ]);
    w.run('sendMessages');
    const rows = w.rows('Messages');
    expect(rows.map((r) => [r.Status, r.Detail])).toEqual([
      ['DONE', `Sent to ${space} with Policy.pdf, 13 bytes.`],
      ['DONE', `Sent to ${space} with Policy.pdf, 13 bytes.`],
    ]);
    const msgs = w.chat.messages(space);
    expect(msgs.map((m) => [m.text, (m.attachment as { contentName: string }[])[0].contentName])).toEqual([
      ['The new policy', 'Policy.pdf'],
      [undefined, 'Policy.pdf'],
    ]);
    expect(w.chat.uploads(space)).toEqual([
      expect.objectContaining({
        filename: 'Policy.pdf',
        size: PDF.length,
        sha256: sha(PDF),
        message: rows[0].Message,
      }),
      expect.objectContaining({ filename: 'Policy.pdf', sha256: sha(PDF), message: rows[1].Message }),
    ]);
    // A row with a file goes alone, through the advanced service (Chat.Media.upload), the Blob as it is.
    expect(w.sb.executions.at(-1)?.calls).toMatchObject({ 'Chat.media.upload': 2 });
    expect(
      w
        .rows('Log')
        .filter((l) => l.Action === 'media.upload')
        .map((l) => l.Target),
    ).toEqual([space, space]);
  });

  it('an UPDATE of a sent row changes its text and leaves its file: no Drive read, no upload', () => {
    const { w, space } = team();
    const file = w.sb.drive.addFile({ name: 'Policy.pdf', mimeType: 'application/pdf', content: PDF });
    w.fill('Messages', [{ Key: 'u', Space: 'ops', Text: 'Policy', Attachment: file.id }]);
    w.run('sendMessages');
    w.sb.drive.remove(file.id);
    w.sb.advance(2000);
    w.set('Messages', 2, { Action: 'UPDATE', Text: 'Policy (read by Friday)', Status: '' });
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({ Status: 'DONE', Detail: 'Updated the text.' });
    const [m] = w.chat.messages(space);
    expect([m.text, (m.attachment as { contentName: string }[])[0].contentName]).toEqual([
      'Policy (read by Friday)',
      'Policy.pdf',
    ]);
    expect(w.chat.uploads(space)).toHaveLength(1);
    expect(w.sb.executions.at(-1)?.calls['DriveApp.getFileById'] ?? 0).toBe(0);
  });

  it('a Google Docs file goes as its PDF', () => {
    const { w, space } = team();
    const doc = w.sb.drive.addFile({
      name: 'Agenda',
      mimeType: 'application/vnd.google-apps.document',
      content: 'x',
    });
    w.fill('Messages', [
      {
        Key: 'd',
        Space: 'ops',
        Text: 'Agenda',
        Attachment: `https://docs.google.com/document/d/${doc.id}/edit`,
      },
    ]);
    w.run('checkRows');
    expect(w.rows('Messages')[0].Detail).toMatch(/with the file Agenda\.pdf, as PDF to/);
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({
      Status: 'DONE',
      Detail: `Sent to ${space} with Agenda.pdf, as PDF.`,
    });
    expect(w.chat.uploads(space)[0]).toMatchObject({
      filename: 'Agenda.pdf',
      contentType: 'application/pdf',
    });
  });

  it('Check rows names the file and its size and uploads nothing', () => {
    const { w } = team();
    const file = w.sb.drive.addFile({ name: 'Deck.pptx', size: 3 * 1024 * 1024 + 200_000 });
    w.fill('Messages', [{ Key: 'c', Space: 'ops', Text: 'Slides', Attachment: file.url }]);
    const before = chatCalls(w);
    w.run('checkRows');
    expect(w.rows('Messages')[0]).toMatchObject({
      Status: '',
      Detail: expect.stringMatching(/^Would send text with the file Deck\.pptx, 3\.2 MB to spaces\//),
    });
    expect(chatCalls(w)).toEqual(before);
  });

  it('refuses what Chat or Apps Script can’t do, each with its reason, before any Chat call', () => {
    const { w, space } = team({ app: true });
    const hook = w.chat.createWebhook(space, 'alerts');
    w.fill('Webhooks', [{ Alias: 'alerts', URL: hook }]);
    w.run('runAll');
    w.sb.advance(2000);
    const ok = w.sb.drive.addFile({ name: 'Ok.pdf', content: PDF });
    const secret = w.sb.drive.addFile({ name: 'Secret.pdf', content: PDF, readers: ['boss@example.com'] });
    const big = w.sb.drive.addFile({ name: 'Video.mp4', size: 50 * 1024 * 1024 + 1 });
    const binned = w.sb.drive.addFile({ name: 'Old.pdf', content: PDF, trashed: true });
    w.fill('Messages', [
      { Key: 'app', Space: 'ops', Text: 'x', As: 'APP', Attachment: ok.id },
      { Key: 'hook', Webhook: 'alerts', Text: 'x', Attachment: ok.id },
      { Key: 'gone', Space: 'ops', Text: 'x', Attachment: '1NoSuchFileAnywhere0000000000000' },
      { Key: 'secret', Space: 'ops', Text: 'x', Attachment: secret.url },
      { Key: 'big', Space: 'ops', Text: 'x', Attachment: big.id },
      { Key: 'bin', Space: 'ops', Text: 'x', Attachment: binned.id },
      {
        Key: 'folder',
        Space: 'ops',
        Text: 'x',
        Attachment: 'https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOp',
      },
      { Key: 'junk', Space: 'ops', Text: 'x', Attachment: 'my file.pdf' },
      { Key: 'both', Space: 'ops', Text: 'x', As: 'APP', Attachment: ok.id, 'Visible to': 'bob@example.com' },
    ]);
    const before = chatCalls(w);
    w.run('sendMessages');
    expect(chatCalls(w)).toEqual(before);
    expect(w.chat.uploads(space)).toEqual([]);
    const detail = Object.fromEntries(w.rows('Messages').map((r) => [r.Key, [r.Status, r.Detail]]));
    const invalid = (re: RegExp) => ['INVALID', expect.stringMatching(re)];
    expect(detail).toEqual({
      app: invalid(
        /^Attachment needs As USER: Chat attaches uploaded files only to messages sent by a person/,
      ),
      hook: invalid(/^Attachment can’t go through a webhook/),
      gone: invalid(/^Attachment: no Drive file “1NoSuchFileAnywhere0000000000000” that you can open/),
      secret: invalid(new RegExp(`^Attachment: no Drive file “${secret.id}” that you can open`)),
      big: invalid(/^Attachment “Video\.mp4” is 50 MB: Apps Script can read at most 50 MB/),
      bin: invalid(/^Attachment “Old\.pdf” is in the Drive trash/),
      folder: invalid(/is a Drive folder: attach one file/),
      junk: invalid(/^Attachment “my file\.pdf” is not a Google Drive file/),
      both: invalid(/^Attachment and Visible to can’t go together/),
    });
  });

  it('a file gone between Check rows and the send: INVALID, nothing uploaded or sent', () => {
    const { w, space } = team();
    const file = w.sb.drive.addFile({ name: 'Soon gone.pdf', content: PDF });
    w.fill('Messages', [{ Key: 'g', Space: 'ops', Text: 'x', Attachment: file.id }]);
    w.run('checkRows');
    expect(w.rows('Messages')[0].Status).toBe('');
    w.sb.drive.remove(file.id);
    w.run('sendMessages');
    expect(w.rows('Messages')[0]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(/no Drive file/),
    });
    expect(w.chat.messages(space)).toEqual([]);
  });

  it('cut off at any call and run again: the message is made once (the upload may repeat)', () => {
    let cutBetween = 0;
    for (let k = 1; k <= 40; k++) {
      const { w, space } = team();
      const file = w.sb.drive.addFile({ name: 'Policy.pdf', mimeType: 'application/pdf', content: PDF });
      w.fill('Messages', [{ Space: 'ops', Text: 'Policy', Attachment: file.id }]);
      const cut = w.sb.run('sendMessages', { cutAfterCalls: k });
      const uploadsAtCut = w.chat.uploads(space).length;
      if (cut.outcome === 'ok') break;
      if (uploadsAtCut && !w.chat.messages(space).length) cutBetween++;
      w.sb.advance(60_000);
      w.run('sendMessages');
      const row = w.rows('Messages')[0];
      expect([k, row.Status, w.chat.messages(space).length]).toEqual([k, 'DONE', 1]);
      const attached = w.chat.uploads(space).filter((u) => u.message);
      expect([k, attached.length, attached[0].message]).toEqual([k, 1, row.Message]);
    }
    // Some cut fell between the upload and the message: the re-run uploaded again and sent once.
    expect(cutBetween).toBeGreaterThan(0);
  });
});

describe('Messages: Visible to', () => {
  it('one private note per person, from the app, with placeholders: each sees only their own', () => {
    const { w, space } = team({ app: true });
    w.sb.workbook.setValues('Messages', 'AA1', [['Name']]);
    w.fill('Messages', [
      {
        Key: 'n-bob',
        Space: 'ops',
        As: 'APP',
        Text: 'Hi {{Name}}, your review is due',
        'Visible to': 'bob@example.com',
        Name: 'Bob',
      },
      {
        Key: 'n-cy',
        Space: 'ops',
        As: 'APP',
        Text: 'Hi {{Name}}, your review is due',
        'Visible to': 'users/cy@example.com',
        Name: 'Cy',
      },
    ]);
    w.run('checkRows');
    expect(w.rows('Messages')[0].Detail).toBe(
      `Would send text to ${space} as the app, visible only to bob@example.com.`,
    );
    w.run('sendMessages');
    expect(w.rows('Messages').map((r) => [r.Status, r.Detail])).toEqual([
      ['DONE', `Sent to ${space}, visible only to bob@example.com.`],
      ['DONE', `Sent to ${space}, visible only to users/cy@example.com.`],
    ]);
    const msgs = w.chat.messages(space);
    expect(msgs.map((m) => [m.text, (m.privateMessageViewer as { name: string }).name])).toEqual([
      ['Hi Bob, your review is due', expect.stringMatching(/^users\//)],
      ['Hi Cy, your review is due', expect.stringMatching(/^users\//)],
    ]);
    expect(w.chat.messagesSeenBy('bob@example.com', space).map((m) => m.text)).toEqual([
      'Hi Bob, your review is due',
    ]);
    expect(w.chat.messagesSeenBy('cy@example.com', space).map((m) => m.text)).toEqual([
      'Hi Cy, your review is due',
    ]);
  });

  it('a space given by name: Chat is asked its type first; a group chat is refused, nothing sent there', () => {
    const { w, space } = team({ app: true });
    const gc = w.chat.call({
      method: 'chat.spaces.setup',
      params: {},
      body: {
        space: { spaceType: 'GROUP_CHAT' },
        memberships: PEOPLE.map((p) => ({ member: { name: `users/${p}`, type: 'HUMAN' } })),
      },
      authorization: `Bearer ${w.chat.userToken('admin@example.com')}`,
    });
    const group = (gc.body as { name: string }).name;
    w.fill('Messages', [
      { Key: 'named', Space: space, Text: 'Just you', As: 'APP', 'Visible to': 'bob@example.com' },
      { Key: 'gc', Space: group, Text: 'Just you', As: 'APP', 'Visible to': 'bob@example.com' },
    ]);
    const before = chatCalls(w);
    w.run('sendMessages');
    const rows = w.rows('Messages');
    expect(rows[0]).toMatchObject({
      Status: 'DONE',
      Detail: `Sent to ${space}, visible only to bob@example.com.`,
    });
    expect(rows[1]).toMatchObject({
      Status: 'INVALID',
      Detail: `Visible to works only in named spaces, and “${group}” is a GROUP_CHAT: clear Visible to to send it to everyone there.`,
    });
    expect(w.chat.messages(group)).toEqual([]);
    const made = chatCalls(w);
    // One spaces.get for each space, one message created: the group chat's never asked for.
    expect((made['chat.spaces.get'] ?? 0) - (before['chat.spaces.get'] ?? 0)).toBe(2);
    expect((made['chat.spaces.messages.create'] ?? 0) - (before['chat.spaces.messages.create'] ?? 0)).toBe(1);
  });

  it('refuses what Chat can’t make private, each with its reason, before any Chat call', () => {
    const { w, space } = team({ app: true });
    const hook = w.chat.createWebhook(space, 'alerts');
    w.fill('Webhooks', [{ Alias: 'alerts', URL: hook }]);
    w.fill('Spaces', [
      { Key: 'gc', Type: 'GROUP_CHAT', Space: 'spaces/AAAAgroupchat', Status: 'DONE' },
      { Key: 'dm', Type: 'DIRECT_MESSAGE', Space: 'spaces/AAAAdirectmsg', Status: 'DONE' },
    ]);
    w.run('runAll');
    w.sb.advance(2000);
    w.fill('Messages', [
      { Key: 'user', Space: 'ops', Text: 'x', 'Visible to': 'bob@example.com' },
      { Key: 'hook', Webhook: 'alerts', Text: 'x', 'Visible to': 'bob@example.com' },
      { Key: 'gc', Space: 'gc', Text: 'x', As: 'APP', 'Visible to': 'bob@example.com' },
      { Key: 'dm', Space: 'dm', Text: 'x', As: 'APP', 'Visible to': 'bob@example.com' },
      { Key: 'group', Space: 'ops', Text: 'x', As: 'APP', 'Visible to': 'groups/team' },
    ]);
    const before = chatCalls(w);
    w.run('sendMessages');
    expect(chatCalls(w)).toEqual(before);
    const detail = Object.fromEntries(w.rows('Messages').map((r) => [r.Key, [r.Status, r.Detail]]));
    const invalid = (re: RegExp) => ['INVALID', expect.stringMatching(re)];
    expect(detail).toEqual({
      user: invalid(/^Visible to needs As APP/),
      hook: invalid(/^Visible to can’t go through a webhook/),
      gc: invalid(/^Visible to works only in named spaces, and “gc” is a GROUP_CHAT/),
      dm: invalid(/^Visible to works only in named spaces, and “dm” is a DIRECT_MESSAGE/),
      group: invalid(/^Visible to “groups\/team” is not a person/),
    });
  });
});
