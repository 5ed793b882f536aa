// The Attachment column: a Drive file (its URL or id), checked before anything is sent, so a row that
// can't carry its file is INVALID with the reason instead of failing half way (uploaded, not sent).
import { short } from '../chat/refs';
import type { DriveFile, DrivePort } from '../platform/ports';

/** The most an Apps Script blob holds: a larger file can't be read to be uploaded. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

/** Google Docs, Sheets, Slides…: no stored content; Apps Script hands them out as PDF. */
const GOOGLE_FORMAT = /^application\/vnd\.google-apps\./;

/** What is attached: the file, the name Chat will show and its size in words. */
export interface Attachment {
  fileId: string;
  /** The file name as uploaded (a Google Docs file as its PDF: `<name>.pdf`). */
  name: string;
  /** Bytes; 0 when unknown before the upload (a Google Docs file's PDF). */
  size: number;
  /** “Policy.pdf, 1.2 MB” — for Detail and the preview. */
  label: string;
}

const ID = /^[A-Za-z0-9_-]{10,}$/;
/** Drive and Docs links: /file/d/{id}, /document/d/{id} …, ?id={id}. */
const LINKS = [
  /^https:\/\/(?:drive|docs)\.google\.com\/(?:[\w/]*?\/)?d\/([A-Za-z0-9_-]{10,})/,
  /[?&]id=([A-Za-z0-9_-]{10,})/,
];

/** The file id in a cell: a Drive or Docs URL, or the id itself. */
export function driveFileId(raw: string): { ok: true; id: string } | { ok: false; reason: string } {
  const text = raw.trim();
  if (ID.test(text)) return { ok: true, id: text };
  if (/^https?:\/\//i.test(text)) {
    if (/\/folders\//.test(text))
      return { ok: false, reason: `Attachment “${short(text)}” is a Drive folder: attach one file.` };
    if (/^https:\/\/(?:drive|docs)\.google\.com\//i.test(text))
      for (const re of LINKS) {
        const m = re.exec(text);
        if (m) return { ok: true, id: m[1] };
      }
  }
  return {
    ok: false,
    reason: `Attachment “${short(text)}” is not a Google Drive file: paste the file’s link from Drive (Share → Copy link) or its id.`,
  };
}

/** 1.2 MB, 340 KB, 12 bytes (binary units, as Drive and Apps Script count the 50 MB). */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1).replace(/\.0$/, '') : Math.round(v)} ${units[u]}`;
}

/** The file as it would be attached, or why it can't be: missing, unreadable, trashed or too large. */
export function attachmentOf(
  drive: DrivePort,
  fileId: string,
): { ok: true; attachment: Attachment } | { ok: false; reason: string } {
  const found = drive.find(fileId);
  if (!found.ok)
    return {
      ok: false,
      reason: found.missing
        ? `Attachment: no Drive file “${short(fileId, 44)}” that you can open — check the link, and that the file is shared with you.`
        : `Attachment: Drive could not read “${short(fileId, 44)}” (${short(found.message, 200)}).`,
    };
  return describe(found.file);
}

function describe(f: DriveFile): { ok: true; attachment: Attachment } | { ok: false; reason: string } {
  const name = short(f.name, 80);
  if (f.trashed)
    return {
      ok: false,
      reason: `Attachment “${name}” is in the Drive trash: restore it or attach another file.`,
    };
  if (f.size > MAX_ATTACHMENT_BYTES)
    return {
      ok: false,
      reason: `Attachment “${name}” is ${sizeText(f.size)}: Apps Script can read at most 50 MB — put a link to it in the Text instead.`,
    };
  const google = GOOGLE_FORMAT.test(f.mimeType);
  const uploaded = google ? `${f.name}.pdf` : f.name;
  return {
    ok: true,
    attachment: {
      fileId: f.id,
      name: uploaded,
      size: google ? 0 : f.size,
      label: google ? `${short(uploaded, 80)}, as PDF` : `${short(uploaded, 80)}, ${sizeText(f.size)}`,
    },
  };
}
