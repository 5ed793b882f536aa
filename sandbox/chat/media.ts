// media.upload (https://developers.google.com/workspace/chat/api/reference/rest/v1/media/upload) and the
// attachments messages.create makes of its uploads
// (https://developers.google.com/workspace/chat/upload-media-attachments):
//
// - "Requires user authentication" with chat.messages.create, chat.messages or chat.import (the discovery
//   document's scopes): the app's tokens get 403 (the emulator's user-only wording, as spaces.setup), a
//   person's token without one of the scopes 403 insufficient scopes.
// - "You can upload attachments up to 200 MB" (discovery `mediaUpload.maxSize` 209715200): a larger file is
//   refused with 400 (Google documents no code for it; an Apps Script blob can't exceed 50 MB anyway).
// - The upload URI is `POST https://chat.googleapis.com/upload/v1/{parent=spaces/*}/attachments:upload`
//   (`uploadType=multipart`: a multipart/related body, the JSON metadata `{filename}` then the file); the
//   metadata URI (`/v1/…/attachments:upload`) carries no file, so it can't make an upload here (400).
//   `filename` is "Required. The filename of the attachment, including the file extension."
// - The answer is `{attachmentDataRef: {resourceName, attachmentUploadToken}}`, and a message attaches the
//   file with `attachment: [{attachmentDataRef}]` — "set attachment as the response from calling the upload
//   method" (the guide). The token is opaque; the emulator lets it attach once, in the space it was
//   uploaded to (another space's, a used or an unknown token → 400: Google documents none of these).
// - An upload is a per-space write (the limits page lists media.upload with the per-space writes) and takes
//   from the project's "Attachment writes per minute" (rate-limits.ts).
// - The attached file shows in the Message as an `Attachment`
//   (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages.attachments):
//   name `spaces/{space}/messages/{message}/attachments/{attachment}`, contentName ("The original file name
//   for the content, not the full path"), contentType, attachmentDataRef (its resourceName), downloadUri and
//   source UPLOADED_CONTENT ("The file is uploaded to Chat").
// - Only people attach uploads: a message made with app authentication "can contain text, cards and
//   accessory widgets" (messages.create), an incoming webhook has no upload either, and a private message
//   must "omit … Attachments" (Message.privateMessageViewer). Each is refused with 400.
import { createHash } from 'node:crypto';
import { requireScope } from './auth';
import type { Ctx, Json, Params } from './context';
import { list, obj, str } from './context';
import { ChatError, USER_AUTH_ONLY_MESSAGE, denied, invalid } from './errors';
import type { SpaceRec, UploadRec } from './state';

/** media.upload's `mediaUpload.maxSize` in the discovery document (200 MB). */
export const MAX_UPLOAD_BYTES = 209_715_200;

const SCOPE = 'https://www.googleapis.com/auth/';
export const UPLOAD_SCOPES = [
  `${SCOPE}chat.messages.create`,
  `${SCOPE}chat.messages`,
  `${SCOPE}chat.import`,
] as const;

export const APP_ATTACHMENT_MESSAGE =
  'Attachments need user authentication: a message created with app authentication can contain text, ' +
  'cards and accessory widgets only.';
export const WEBHOOK_ATTACHMENT_MESSAGE = "Incoming webhooks can't attach files.";
export const PRIVATE_ATTACHMENT_MESSAGE = "A private message (privateMessageViewer) can't have attachments.";

const baseName = (name: string): string => name.split(/[\\/]/).pop() ?? name;

/** media.upload: keeps what Chat shows of the file (name, type, size, a digest), never its bytes. */
export function uploadAttachment(ctx: Ctx, p: Params, body: Json): Json {
  if (ctx.caller.kind !== 'user') throw denied(USER_AUTH_ONLY_MESSAGE);
  requireScope(ctx.caller, UPLOAD_SCOPES, 'UploadAttachment');
  const store = ctx.store;
  const space = store.visibleSpace(store.spaceIdOf(p.parent), ctx.who);
  const filename = baseName(str(body.filename)?.trim() ?? '');
  if (!filename) throw invalid('filename is required: the name of the attachment, with its extension.');
  const media = ctx.media;
  if (!media)
    throw invalid(
      'The request has no file: upload it to https://chat.googleapis.com/upload/v1/{parent}/' +
        'attachments:upload?uploadType=multipart.',
    );
  if (media.bytes.length > MAX_UPLOAD_BYTES)
    throw invalid(
      `The file is ${media.bytes.length} bytes: attachments can be at most ${MAX_UPLOAD_BYTES} bytes (200 MB).`,
    );
  ctx.write('attachment', space.id);
  const rec: UploadRec = {
    space: space.id,
    resourceName: `spaces/${space.id}/attachments/${store.ids.chars(43)}`,
    token: store.ids.chars(120),
    filename,
    contentType: media.contentType?.split(';')[0].trim() || 'application/octet-stream',
    size: media.bytes.length,
    sha256: createHash('sha256').update(media.bytes).digest('hex'),
    uploader: ctx.who.kind === 'user' ? ctx.who.id : '',
    createTime: ctx.now,
  };
  store.state.uploads.push(rec);
  return { attachmentDataRef: { resourceName: rec.resourceName, attachmentUploadToken: rec.token } };
}

/** The uploads a message's `attachment` list names, checked before anything is written (400 for each
 *  broken rule; see the head of this file). */
export function uploadsFor(ctx: Ctx, space: SpaceRec, attachment: unknown, isPrivate: boolean): UploadRec[] {
  const items = list(attachment);
  if (!items.length) return [];
  if (isPrivate) throw invalid(PRIVATE_ATTACHMENT_MESSAGE);
  if (ctx.who.kind === 'webhook') throw invalid(WEBHOOK_ATTACHMENT_MESSAGE);
  if (ctx.who.kind === 'app') throw invalid(APP_ATTACHMENT_MESSAGE);
  const seen = new Set<string>();
  return items.map((item, i) => {
    const token = str(obj(obj(item).attachmentDataRef).attachmentUploadToken);
    if (!token)
      throw invalid(
        `attachment[${i}] needs attachmentDataRef.attachmentUploadToken, as media.upload answered it.`,
      );
    const rec = ctx.store.state.uploads.find((u) => u.token === token);
    if (!rec) throw invalid(`attachment[${i}]: unknown attachmentUploadToken.`);
    if (rec.space !== space.id)
      throw invalid(
        `attachment[${i}]: the file was uploaded to spaces/${rec.space}, not spaces/${space.id}.`,
      );
    if (rec.usedBy || seen.has(token))
      throw invalid(`attachment[${i}]: this upload is already attached to a message; upload the file again.`);
    seen.add(token);
    return rec;
  });
}

/** Marks the uploads used by a new message and returns its `attachment` JSON. */
export function attach(ctx: Ctx, messageName: string, uploads: UploadRec[]): Json[] {
  return uploads.map((u) => {
    u.usedBy = messageName;
    return {
      name: `${messageName}/attachments/${ctx.store.ids.chars(22)}`,
      contentName: u.filename,
      contentType: u.contentType,
      attachmentDataRef: { resourceName: u.resourceName },
      downloadUri:
        'https://chat.google.com/api/get_attachment_url?url_type=DOWNLOAD_URL&content_type=' +
        encodeURIComponent(u.contentType) +
        `&attachment_token=${encodeURIComponent(u.resourceName.split('/').pop() ?? '')}`,
      source: 'UPLOADED_CONTENT',
    };
  });
}

const CRLF = Buffer.from('\r\n');

/**
 * A `multipart/related` upload body (https://developers.google.com/workspace/chat/upload-media-attachments
 * and Google's multipart upload protocol): exactly two parts, the JSON metadata then the file, each with its
 * headers; the file part may be `Content-Transfer-Encoding: base64`. Lines end with CRLF (RFC 2046).
 */
export function parseMultipart(
  bytes: Uint8Array,
  contentType: string | undefined,
): { metadata: unknown; media: { bytes: Uint8Array; contentType?: string } } {
  const bad = (why: string) => new ChatError(400, `Bad multipart request: ${why}`);
  if (!/^multipart\/related\b/i.test(contentType ?? ''))
    throw new ChatError(400, 'Bad content type. Please use multipart.');
  const b = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = b?.[1] ?? b?.[2];
  if (!boundary) throw bad('the Content-Type names no boundary.');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = buf.indexOf(delimiter);
  if (at < 0) throw bad(`no part starts with --${boundary}.`);
  for (;;) {
    const after = at + delimiter.length;
    if (buf.subarray(after, after + 2).toString() === '--') break; // the close delimiter
    if (!buf.subarray(after, after + 2).equals(CRLF)) throw bad('a delimiter line must end with CRLF.');
    const next = buf.indexOf(Buffer.concat([CRLF, delimiter]), after);
    if (next < 0) throw bad(`the body does not end with --${boundary}--.`);
    parts.push(buf.subarray(after + 2, next));
    at = next + 2;
  }
  if (parts.length !== 2)
    throw bad(`expected 2 parts (the JSON metadata, then the file), found ${parts.length}.`);
  const [meta, file] = parts.map((part) => {
    const end = part.indexOf('\r\n\r\n');
    const head = end < 0 ? part.toString('utf8') : part.subarray(0, end).toString('utf8');
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m) headers[m[1].trim().toLowerCase()] = m[2].trim();
    }
    return { headers, body: end < 0 ? Buffer.alloc(0) : part.subarray(end + 4) };
  });
  let metadata: unknown;
  try {
    metadata = JSON.parse(meta.body.toString('utf8') || '{}');
  } catch {
    throw new ChatError(400, 'Invalid JSON payload received. Unexpected token.');
  }
  const encoding = file.headers['content-transfer-encoding']?.toLowerCase();
  const data =
    encoding === 'base64'
      ? Buffer.from(file.body.toString('ascii').replace(/\s+/g, ''), 'base64')
      : file.body;
  return { metadata, media: { bytes: data, contentType: file.headers['content-type'] } };
}
