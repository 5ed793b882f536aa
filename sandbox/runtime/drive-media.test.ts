// A script attaches a Drive file to a Chat message: DriveApp reads it, then Chat's media.upload takes it —
// through the Advanced Chat service (`Chat.Media.upload({filename}, parent, blob)`) or UrlFetchApp (a
// multipart/related POST to the upload URI with the script's token) — and messages.create attaches it.
import { createHash } from 'node:crypto';
import { ChatEmulator } from '../chat/emulator';
import { VirtualClock } from '../clock';
import { MAX_BLOB_BYTES, Sandbox, type AppsScriptManifest } from './index';

const SCRIPT = `
  function info(id) {
    var f = DriveApp.getFileById(id);
    return [f.getId(), f.getName(), f.getSize(), f.getMimeType(), f.getUrl(), f.isTrashed()];
  }
  function blob(id) {
    var b = DriveApp.getFileById(id).getBlob();
    return [b.getName(), b.getContentType(), b.getBytes().length];
  }
  function viaService(id, space) {
    var b = DriveApp.getFileById(id).getBlob();
    var ref = Chat.Media.upload({ filename: b.getName() }, space, b);
    Utilities.sleep(1000); // the upload was a write to the space: one a second
    var m = Chat.Spaces.Messages.create({ text: 'Policy attached', attachment: [ref] }, space);
    return m.attachment[0].contentName;
  }
  function viaFetch(id, space) {
    var b = DriveApp.getFileById(id).getBlob();
    var boundary = 'sheets-to-chat-boundary';
    var head = '--' + boundary + '\\r\\nContent-Type: application/json; charset=UTF-8\\r\\n\\r\\n' +
      JSON.stringify({ filename: b.getName() }) + '\\r\\n--' + boundary + '\\r\\nContent-Type: ' +
      b.getContentType() + '\\r\\n\\r\\n';
    var payload = Utilities.newBlob(head).getBytes().concat(b.getBytes())
      .concat(Utilities.newBlob('\\r\\n--' + boundary + '--').getBytes());
    var r = UrlFetchApp.fetch('https://chat.googleapis.com/upload/v1/' + space + '/attachments:upload?uploadType=multipart', {
      method: 'post', contentType: 'multipart/related; boundary=' + boundary, payload: payload,
      headers: { Authorization: 'Bearer ' + ScriptApp.getOAuthToken() } });
    return JSON.parse(r.getContentText());
  }
  function fetchBlob(space) {
    var r = UrlFetchApp.fetch('https://chat.googleapis.com/upload/v1/' + space + '/attachments:upload?uploadType=media', {
      method: 'post', contentType: 'application/pdf', payload: Utilities.newBlob([1, 2, -1], 'application/pdf'),
      headers: { Authorization: 'Bearer ' + ScriptApp.getOAuthToken() }, muteHttpExceptions: true });
    return r.getResponseCode();
  }
  function attempt(e) {
    try { return globalThis[e.fn].apply(null, e.args); } catch (err) { return err.name + ': ' + err.message; }
  }`;

const PDF = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a]);

function world(manifest?: AppsScriptManifest) {
  const clock = new VirtualClock();
  const chat = new ChatEmulator({ clock, seed: 5 });
  const sb = new Sandbox({ bundle: SCRIPT, chat, clock, user: 'ada@example.com', manifest });
  const owner = chat.userToken('ada@example.com');
  const made = chat.call({
    method: 'chat.spaces.create',
    params: {},
    body: { spaceType: 'SPACE', displayName: 'Team' },
    authorization: `Bearer ${owner}`,
  });
  const space = (made.body as { name: string }).name;
  clock.advance(1000);
  const file = sb.drive.addFile({ name: 'Policy.pdf', mimeType: 'application/pdf', content: PDF });
  return { chat, clock, sb, space, file };
}

describe('DriveApp', () => {
  test('getFileById: id, name, size, type, URL; getBlob: the bytes, a Google Doc as PDF', () => {
    const { sb, file } = world();
    const doc = sb.drive.addFile({
      name: 'Notes',
      mimeType: 'application/vnd.google-apps.document',
      content: 'x',
    });
    expect(file.url).toBe(`https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`);
    expect(runWith(sb, 'info', file.id)).toEqual([
      file.id,
      'Policy.pdf',
      PDF.length,
      'application/pdf',
      file.url,
      false,
    ]);
    expect(runWith(sb, 'blob', file.id)).toEqual(['Policy.pdf', 'application/pdf', PDF.length]);
    expect(runWith(sb, 'blob', doc.id)).toEqual(['Notes.pdf', 'application/pdf', 1]);
    expect(sb.executions.at(-1)?.calls).toMatchObject({ 'DriveApp.getFileById': 1, 'DriveApp.getBlob': 1 });
  });

  test('an unknown id, or a file you can’t read: Apps Script’s “No item with the given ID”', () => {
    const { sb } = world();
    const secret = sb.drive.addFile({ name: 'Secret.pdf', content: 'x', readers: ['boss@example.com'] });
    const shared = sb.drive.addFile({ name: 'Shared.pdf', content: 'x', readers: ['ADA@example.com'] });
    const NO_ITEM = /^Exception: No item with the given ID could be found/;
    expect(runWith(sb, 'info', 'nope')).toMatch(NO_ITEM);
    expect(runWith(sb, 'info', secret.id)).toMatch(NO_ITEM);
    expect(runWith(sb, 'info', shared.id)).toEqual(expect.arrayContaining(['Shared.pdf']));
  });

  test('getBlob of a file over 50 MB: “exceeds the maximum file size”; getSize still answers', () => {
    const { sb } = world();
    const big = sb.drive.addFile({ name: 'Video.mp4', mimeType: 'video/mp4', size: MAX_BLOB_BYTES + 1 });
    expect(runWith(sb, 'info', big.id)).toEqual(expect.arrayContaining([MAX_BLOB_BYTES + 1]));
    expect(runWith(sb, 'blob', big.id)).toBe('Exception: File Video.mp4 exceeds the maximum file size.');
  });

  test('needs drive.readonly (or drive) when the manifest names its scopes', () => {
    const { sb, file } = world({ oauthScopes: ['https://www.googleapis.com/auth/chat.messages'] });
    expect(runWith(sb, 'info', file.id)).toBe(
      'Exception: You do not have permission to call DriveApp.getFileById. Required permissions: ' +
        '(https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive)',
    );
    const ok = world({ oauthScopes: ['https://www.googleapis.com/auth/drive.readonly'] });
    expect(runWith(ok.sb, 'info', ok.file.id)).toEqual(expect.arrayContaining(['Policy.pdf']));
  });
});

describe('uploading a Drive file to Chat from a script', () => {
  test('Chat.Media.upload({filename}, parent, blob), then a message attaching it', () => {
    const { chat, sb, space, file } = world();
    expect(runWith(sb, 'viaService', file.id, space)).toBe('Policy.pdf');
    expect(chat.uploads(space)).toEqual([
      expect.objectContaining({
        filename: 'Policy.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        uploader: 'ada@example.com',
        message: chat.messages(space)[0].name,
      }),
    ]);
    expect(sb.executions.at(-1)?.calls).toMatchObject({
      'Chat.media.upload': 1,
      'Chat.spaces.messages.create': 1,
    });
  });

  test('UrlFetchApp: a multipart/related byte payload to the upload URI keeps the file’s exact bytes', () => {
    const { chat, sb, space, file } = world();
    const answer = runWith(sb, 'viaFetch', file.id, space) as { attachmentDataRef: { resourceName: string } };
    expect(answer.attachmentDataRef.resourceName).toBe(chat.uploads(space)[0].resourceName);
    expect(chat.uploads(space)[0]).toMatchObject({
      filename: 'Policy.pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const sent = sb.http.requests.at(-1);
    expect(Buffer.from(sent?.bodyBytes ?? []).includes(PDF)).toBe(true);
  });

  test('a Blob payload goes out as its bytes (uploadType=media: no filename → 400)', () => {
    const { sb, space } = world();
    expect(runWith(sb, 'fetchBlob', space)).toBe(400);
    expect([...(sb.http.requests.at(-1)?.bodyBytes ?? [])]).toEqual([1, 2, 255]);
  });
});

/** Runs one of SCRIPT's functions with arguments, through `attempt` (errors come back as text). */
function runWith(sb: Sandbox, fn: string, ...args: unknown[]): unknown {
  const r = sb.run('attempt', { event: { fn, args } as never });
  return r.returned;
}
