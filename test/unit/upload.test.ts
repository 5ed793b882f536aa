// media.upload through the REST transport: a multipart/related body of bytes that the emulator reads back
// as the same file the advanced service would hand it (`Chat.Media.upload(resource, parent, blob)`).
import { createHash } from 'node:crypto';
import { callAs, newEmulator } from '../../sandbox/chat/testing';
import type { ChatEmulator } from '../../sandbox/chat/emulator';
import { multipartRelated, utf8Bytes } from '../../src/chat/multipart';
import { fetchTransport, toRequest } from '../../src/chat/rest';
import { op, type ChatOp } from '../../src/chat/ops';
import type { FileContent, HttpRequest } from '../../src/platform/ports';

const ME = 'ada@example.com';
/** A binary file: NUL, 0xff and a stray boundary-like line must all survive. */
const FILE = Buffer.concat([
  Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x0d, 0x0a]),
  Buffer.from('--x\r\n'),
]);
const signed = (b: Buffer) => [...b].map((x) => (x > 127 ? x - 256 : x));

function content(name: string, bytes = FILE, contentType = 'application/pdf'): FileContent {
  return { name, contentType, bytes: () => signed(bytes), blob: () => ({}) };
}

function viaRest(chat: ChatEmulator, o: ChatOp) {
  const sent: HttpRequest[] = [];
  const http = {
    fetchAll: (reqs: HttpRequest[]) =>
      reqs.map((r) => {
        sent.push(r);
        const res = chat.http({
          method: r.method.toUpperCase() as 'POST',
          url: r.url,
          headers: { ...(r.headers ?? {}), ...(r.contentType ? { 'Content-Type': r.contentType } : {}) },
          ...(Array.isArray(r.payload)
            ? { bodyBytes: Buffer.from(r.payload.map((b) => b & 0xff)), body: '' }
            : { body: typeof r.payload === 'string' ? r.payload : '' }),
        });
        return { code: res.status, text: res.body };
      }),
  };
  return { result: fetchTransport(http, () => chat.userToken(ME)).call(o), sent };
}

function space(chat: ChatEmulator): string {
  const made = callAs(chat, chat.userToken(ME))(
    'chat.spaces.create',
    {},
    { spaceType: 'SPACE', displayName: 'T' },
  );
  return (made.body as { name: string }).name;
}

test('utf8Bytes: Java-signed UTF-8, as Apps Script’s getBytes gives text', () => {
  expect(utf8Bytes('aé€😀')).toEqual(signed(Buffer.from('aé€😀', 'utf8')));
});

test('the REST upload request: the upload URI, multipart/related, the metadata then the exact bytes', () => {
  const o = op.uploadAttachment('spaces/AAA', content('Règles.pdf'), 'b-123');
  const r = toRequest(o, 'Bearer u');
  expect(r).toMatchObject({
    url: 'https://chat.googleapis.com/upload/v1/spaces/AAA/attachments:upload?uploadType=multipart',
    method: 'post',
    headers: { Authorization: 'Bearer u' },
    contentType: 'multipart/related; boundary=b-123',
  });
  const body = Buffer.from((r.payload as number[]).map((b) => b & 0xff));
  expect(body.includes(FILE)).toBe(true);
  expect(body.toString('utf8')).toContain('{"filename":"Règles.pdf"}');
  expect(body.toString('latin1').endsWith('\r\n--b-123--')).toBe(true);
  expect(o.writes).toEqual({ space: 'spaces/AAA', kind: 'attachment' });
});

test('REST and the advanced service’s media upload leave Chat the same file, which a message then attaches', () => {
  const { chat, clock } = newEmulator();
  chat.addUser(ME);
  const s = space(chat);
  clock.advance(1100);
  const rest = viaRest(chat, op.uploadAttachment(s, content('Règles.pdf'), 'sheets-to-chat-1'));
  expect(rest.result.ok).toBe(true);
  clock.advance(1100);
  // What Chat.Media.upload({filename}, parent, blob) hands the emulator: the same file as media.
  const viaService = chat.call({
    method: 'chat.media.upload',
    params: { parent: s },
    body: { filename: 'Règles.pdf' },
    media: { bytes: FILE, contentType: 'application/pdf' },
    authorization: `Bearer ${chat.userToken(ME)}`,
  });
  expect(viaService.status).toBe(200);
  const [a, b] = chat.uploads(s);
  const sha256 = createHash('sha256').update(FILE).digest('hex');
  for (const u of [a, b])
    expect(u).toMatchObject({
      filename: 'Règles.pdf',
      contentType: 'application/pdf',
      size: FILE.length,
      sha256,
    });

  clock.advance(1100);
  const ref = rest.result.ok
    ? (rest.result.body as ChatV1.UploadAttachmentResponse).attachmentDataRef
    : undefined;
  const sent = viaRest(
    chat,
    op.createMessage(
      s,
      { text: 'Rules', attachment: [{ attachmentDataRef: ref }] },
      { messageId: 'client-r', requestId: 'r' },
      'user',
    ),
  );
  expect(sent.result.ok && (sent.result.body.attachment as { contentName: string }[])[0].contentName).toBe(
    'Règles.pdf',
  );
  expect(chat.uploads(s)[0].message).toBe(sent.result.ok && sent.result.body.name);
});

test('multipartRelated: the content type names the boundary that closes the body', () => {
  const m = multipartRelated(
    { filename: 'a.txt' },
    { contentType: 'text/plain', bytes: utf8Bytes('hi') },
    'zz',
  );
  expect(m.contentType).toBe('multipart/related; boundary=zz');
  expect(Buffer.from(m.payload.map((b) => b & 0xff)).toString()).toBe(
    '--zz\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{"filename":"a.txt"}\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhi\r\n--zz--',
  );
});
