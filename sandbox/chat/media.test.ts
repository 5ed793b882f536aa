import { createHash } from 'node:crypto';
import { loadChatSchema } from '../../scripts/chat-schema';
import { USER_AUTH_ONLY_MESSAGE } from './errors';
import {
  APP_ATTACHMENT_MESSAGE,
  MAX_UPLOAD_BYTES,
  PRIVATE_ATTACHMENT_MESSAGE,
  WEBHOOK_ATTACHMENT_MESSAGE,
} from './media';
import { appToken, callAs, errorOf, withTeamSpace } from './testing';

type Ref = { attachmentDataRef: { resourceName: string; attachmentUploadToken: string } };
type Attachment = {
  name: string;
  contentName: string;
  contentType: string;
  attachmentDataRef: { resourceName: string };
  downloadUri: string;
  source: string;
};
type Message = { name: string; attachment?: Attachment[] };

const PDF = Buffer.from('%PDF-1.7\n\x00\x01\x02\xff binary bytes');

function world() {
  const w = withTeamSpace();
  const { chat, space, next } = w;
  const upload = (
    filename: string,
    bytes: Uint8Array = PDF,
    contentType = 'application/pdf',
    token = w.ownerToken,
    parent = space,
  ) => {
    const r = chat.call({
      method: 'chat.media.upload',
      params: { parent },
      body: { filename },
      media: { bytes, contentType },
      authorization: `Bearer ${token}`,
    });
    next();
    return r;
  };
  return { ...w, upload };
}

describe('media.upload (https://developers.google.com/workspace/chat/api/reference/rest/v1/media/upload)', () => {
  test('is in the discovery document the emulator validates against: parent, and a {filename} body', () => {
    const m = loadChatSchema().methods.Params$Resource$Media$Upload;
    expect(Object.keys(m.params)).toEqual(['parent']);
    expect(m.requestBody).toBe('Schema$UploadAttachmentRequest');
    const { chat, space, ownerToken } = world();
    const typo = chat.call({
      method: 'chat.media.upload',
      params: { parent: space },
      body: { fileName: 'a.pdf' },
      media: { bytes: PDF },
      authorization: `Bearer ${ownerToken}`,
    });
    expect(errorOf(typo).message).toMatch(/Unknown name "fileName"/);
  });

  test('answers attachmentDataRef {resourceName, attachmentUploadToken}; the message shows the attachment', () => {
    const { chat, owner, space, upload, next } = world();
    const r = upload('reports/Policy 2025.pdf');
    expect(r.status).toBe(200);
    const ref = (r.body as Ref).attachmentDataRef;
    expect(Object.keys(ref).sort()).toEqual(['attachmentUploadToken', 'resourceName']);
    const made = owner(
      'chat.spaces.messages.create',
      { parent: space },
      { text: 'The new policy', attachment: [r.body] },
    );
    expect(made.status).toBe(200);
    const m = made.body as Message;
    expect(m.attachment).toEqual([
      {
        name: expect.stringMatching(new RegExp(`^${m.name}/attachments/[\\w-]+$`)),
        contentName: 'Policy 2025.pdf',
        contentType: 'application/pdf',
        attachmentDataRef: { resourceName: ref.resourceName },
        downloadUri: expect.stringMatching(/^https:\/\/chat\.google\.com\/api\/get_attachment_url\?/),
        source: 'UPLOADED_CONTENT',
      },
    ]);
    next();
    expect((owner('chat.spaces.messages.get', { name: m.name }).body as Message).attachment).toEqual(
      m.attachment,
    );
    expect(chat.uploads(space)).toEqual([
      {
        resourceName: ref.resourceName,
        filename: 'Policy 2025.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
        uploader: 'owner@example.com',
        message: m.name,
      },
    ]);
  });

  test('an attachment alone is a message; the token attaches once, in its own space; unknown → 400', () => {
    const { chat, owner, space, upload, next } = world();
    const ref = upload('a.txt', Buffer.from('hi'), 'text/plain').body;
    const post = (body: unknown, parent = space) => {
      const r = owner('chat.spaces.messages.create', { parent }, body);
      next();
      return r;
    };
    expect(post({ attachment: [ref] }).status).toBe(200);
    const again = post({ text: 'again', attachment: [ref] });
    expect([again.status, errorOf(again).message]).toEqual([400, expect.stringMatching(/already attached/)]);
    const unknown = post({ attachment: [{ attachmentDataRef: { attachmentUploadToken: 'nope' } }] });
    expect([unknown.status, errorOf(unknown).message]).toEqual([400, expect.stringMatching(/unknown/)]);
    const noToken = post({ attachment: [{ contentName: 'a.txt' }] });
    expect(noToken.status).toBe(400);
    const other = (
      owner('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: 'Other' }).body as { name: string }
    ).name;
    next();
    const elsewhere = upload('b.txt', Buffer.from('b'), 'text/plain', undefined, other).body;
    const wrong = post({ text: 'x', attachment: [elsewhere] });
    expect([wrong.status, errorOf(wrong).message]).toEqual([400, expect.stringMatching(/uploaded to/)]);
    const twice = post({ text: 'x', attachment: [elsewhere, elsewhere] }, other);
    expect(twice.status).toBe(400);
    expect(chat.messages(space)).toHaveLength(1);
    expect(chat.messages(other)).toHaveLength(0);
  });

  test('user authentication only: the app gets 403; app and webhook messages cannot attach (400)', () => {
    const { chat, owner, space, upload, next } = world();
    const app = appToken(chat);
    owner('chat.spaces.members.create', { parent: space }, { member: { name: 'users/app', type: 'BOT' } });
    next();
    const byApp = upload('a.pdf', PDF, 'application/pdf', app);
    expect([byApp.status, errorOf(byApp).message]).toEqual([403, USER_AUTH_ONLY_MESSAGE]);
    const ref = upload('a.pdf').body;
    const asApp = callAs(chat, app)('chat.spaces.messages.create', { parent: space }, { attachment: [ref] });
    expect([asApp.status, errorOf(asApp).message]).toEqual([400, APP_ATTACHMENT_MESSAGE]);
    next();
    const priv = callAs(chat, app)(
      'chat.spaces.messages.create',
      { parent: space },
      { text: 'x', attachment: [ref], privateMessageViewer: { name: 'users/owner@example.com' } },
    );
    expect([priv.status, errorOf(priv).message]).toEqual([400, PRIVATE_ATTACHMENT_MESSAGE]);
    next();
    const hook = chat.http({
      method: 'POST',
      url: chat.createWebhook(space),
      headers: {},
      body: JSON.stringify({ text: 'x', attachment: [ref] }),
    });
    expect([hook.status, JSON.parse(hook.body).error.message]).toEqual([400, WEBHOOK_ATTACHMENT_MESSAGE]);
    expect(chat.messages(space)).toHaveLength(0);
  });

  test('a person token without chat.messages(.create) → 403 insufficient scopes; a non-member → 403', () => {
    const { chat, space } = world();
    const narrow = chat.userToken('owner@example.com', ['https://www.googleapis.com/auth/chat.spaces']);
    const call = (token: string) =>
      chat.call({
        method: 'chat.media.upload',
        params: { parent: space },
        body: { filename: 'a.pdf' },
        media: { bytes: PDF },
        authorization: `Bearer ${token}`,
      });
    expect(errorOf(call(narrow)).message).toBe('Request had insufficient authentication scopes.');
    const ok = chat.userToken('owner@example.com', ['https://www.googleapis.com/auth/chat.messages.create']);
    expect(call(ok).status).toBe(200);
    expect(call(chat.userToken('stranger@example.com')).status).toBe(403);
  });

  test('a filename is required; at most 200 MB (the discovery document’s maxSize)', () => {
    const { chat, space, ownerToken, upload } = world();
    expect(MAX_UPLOAD_BYTES).toBe(200 * 1024 * 1024);
    expect(upload('').status).toBe(400);
    const big = upload('big.bin', Buffer.alloc(MAX_UPLOAD_BYTES + 1));
    expect([big.status, errorOf(big).message]).toEqual([400, expect.stringMatching(/at most 209715200/)]);
    expect(upload('edge.bin', Buffer.alloc(MAX_UPLOAD_BYTES)).status).toBe(200);
    const none = chat.call({
      method: 'chat.media.upload',
      params: { parent: space },
      body: { filename: 'a.pdf' },
      authorization: `Bearer ${ownerToken}`,
    });
    expect(none.status).toBe(400);
    expect(chat.uploads(space)).toHaveLength(1);
  });

  test('a per-space write (an upload and its message need two seconds), on the attachment quota', () => {
    const { chat, clock, owner, space, ownerToken } = world();
    const up = () =>
      chat.call({
        method: 'chat.media.upload',
        params: { parent: space },
        body: { filename: 'a.pdf' },
        media: { bytes: PDF },
        authorization: `Bearer ${ownerToken}`,
      });
    const ref = up();
    expect(ref.status).toBe(200);
    expect(owner('chat.spaces.messages.create', { parent: space }, { attachment: [ref.body] }).status).toBe(
      429,
    );
    clock.advance(1000);
    expect(owner('chat.spaces.messages.create', { parent: space }, { attachment: [ref.body] }).status).toBe(
      200,
    );
    expect(chat.stats.writesByKind).toMatchObject({ attachment: 1, message: 1 });
    chat.limits.attachmentWritesPerMinute = 1;
    clock.advance(1000);
    expect(up().status).toBe(429);
  });

  test('requestId: a retry with a fresh upload returns the message made the first time', () => {
    const { chat, owner, space, upload, next } = world();
    const first = upload('a.pdf').body;
    const a = owner(
      'chat.spaces.messages.create',
      { parent: space, requestId: 'row-7', messageId: 'client-row-7' },
      { text: 'x', attachment: [first] },
    );
    next();
    const second = upload('a.pdf').body;
    const b = owner(
      'chat.spaces.messages.create',
      { parent: space, requestId: 'row-7', messageId: 'client-row-7' },
      { text: 'x', attachment: [second] },
    );
    expect(b.status).toBe(200);
    expect((b.body as Message).name).toBe((a.body as Message).name);
    expect(chat.messages(space)).toHaveLength(1);
    expect(chat.uploads(space).map((u) => u.message)).toEqual([(a.body as Message).name, undefined]);
  });
});

describe('the upload URI over HTTP (UrlFetchApp)', () => {
  const URL_OF = (space: string, q = '?uploadType=multipart') =>
    `https://chat.googleapis.com/upload/v1/${space}/attachments:upload${q}`;

  function multipart(boundary: string, meta: unknown, file: Buffer, type: string, base64 = false): Buffer {
    return Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(meta)}\r\n` +
          `--${boundary}\r\nContent-Type: ${type}\r\n` +
          (base64 ? 'Content-Transfer-Encoding: base64\r\n' : '') +
          '\r\n',
      ),
      base64 ? Buffer.from(file.toString('base64')) : file,
      Buffer.from(`\r\n--${boundary}--`),
    ]);
  }

  test('a multipart/related body (binary or base64 part) uploads the exact bytes', () => {
    const { chat, space, ownerToken, next } = world();
    for (const base64 of [false, true]) {
      const bytes = multipart('xyz', { filename: 'p.pdf' }, PDF, 'application/pdf', base64);
      const r = chat.http({
        method: 'POST',
        url: URL_OF(space),
        headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'multipart/related; boundary=xyz' },
        body: bytes.toString('utf8'),
        bodyBytes: bytes,
      });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toEqual({
        attachmentDataRef: { resourceName: expect.any(String), attachmentUploadToken: expect.any(String) },
      });
      next();
    }
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(chat.uploads(space).map((u) => [u.filename, u.size, u.sha256])).toEqual([
      ['p.pdf', PDF.length, sha],
      ['p.pdf', PDF.length, sha],
    ]);
  });

  test('wrong content type, malformed parts, no uploadType, resumable, the metadata URI: refused', () => {
    const { chat, space, ownerToken } = world();
    const post = (url: string, type: string, body: string) =>
      chat.http({
        method: 'POST',
        url,
        headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': type },
        body,
      });
    const good = multipart('b', { filename: 'a.txt' }, Buffer.from('x'), 'text/plain').toString();
    expect(JSON.parse(post(URL_OF(space), 'application/json', good).body).error.message).toBe(
      'Bad content type. Please use multipart.',
    );
    expect(post(URL_OF(space), 'multipart/related; boundary=other', good).status).toBe(400);
    expect(post(URL_OF(space), 'multipart/related; boundary=b', good.replace(/\r\n/g, '\n')).status).toBe(
      400,
    );
    const three = good.replace('--b--', '--b\r\nContent-Type: text/plain\r\n\r\nmore\r\n--b--');
    expect(post(URL_OF(space), 'multipart/related; boundary=b', three).status).toBe(400);
    expect(post(URL_OF(space, ''), 'multipart/related; boundary=b', good).status).toBe(400);
    expect(post(URL_OF(space, '?uploadType=resumable'), 'application/json', '{}').status).toBe(501);
    // uploadType=media sends the file alone: no filename, which media.upload requires.
    expect(post(URL_OF(space, '?uploadType=media'), 'text/plain', 'x').status).toBe(400);
    const meta = post(
      `https://chat.googleapis.com/v1/${space}/attachments:upload`,
      'application/json',
      '{"filename":"a.txt"}',
    );
    expect([meta.status, JSON.parse(meta.body).error.message]).toEqual([
      400,
      expect.stringMatching(/upload\/v1/),
    ]);
    expect(post(URL_OF(space), 'multipart/related; boundary=b', good).status).toBe(200);
    expect(chat.uploads(space)).toHaveLength(1);
  });
});
