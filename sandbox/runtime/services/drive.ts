// DriveApp, as much as a script needs to attach a Drive file: getFileById(id) → a File with getId, getName,
// getSize, getMimeType, getUrl, isTrashed and getBlob (https://developers.google.com/apps-script/reference/drive).
// Tests place files on the host (`sb.drive.addFile`), readable by everyone or by the people listed.
//
// - Scopes: with a manifest that names its oauthScopes, DriveApp needs drive.readonly or drive (else Apps
//   Script's "You do not have permission to call DriveApp.getFileById. Required permissions: …"); a simple
//   trigger has no authorised services.
// - An unknown id, or a file the person can't read, throws "No item with the given ID could be found.
//   Possibly because you have not edited this item or you do not have permission to access it." (Apps
//   Script's wording as people report it; the reference gives none). A trashed file is still found
//   (isTrashed() says so).
// - getBlob(): an Apps Script blob holds at most 50 MB: a larger file throws "File <name> exceeds the
//   maximum file size." (as people report it). A Google Docs, Sheets or Slides file comes out as a PDF
//   named <name>.pdf, as Apps Script converts Google formats.
import { ScriptError, noPermission } from '../errors';
import { Fake } from '../realm';
import type { ServiceContext } from './context';
import { FakeBlob } from './utilities';

/** The most an Apps Script blob holds (50 MB; the quotas page's URL Fetch POST size is the same 50 MB). */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;

const SCOPES = ['https://www.googleapis.com/auth/drive.readonly', 'https://www.googleapis.com/auth/drive'];
const NOT_FOUND =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not ' +
  'have permission to access it.';

export interface DriveFileSpec {
  /** Default: a generated 33-character id, like Drive's. */
  id?: string;
  name: string;
  mimeType?: string;
  /** The file's bytes (text is UTF-8), or only its `size` (then its bytes are zeros, made when read). */
  content?: string | Uint8Array;
  size?: number;
  /** Who may read it (e-mails); default: everyone. */
  readers?: string[];
  trashed?: boolean;
}

export interface DriveFileRec {
  id: string;
  name: string;
  mimeType: string;
  content?: Buffer;
  size: number;
  readers?: string[];
  trashed: boolean;
}

const GOOGLE_FORMAT = /^application\/vnd\.google-apps\./;

/** The Drive files of the sandbox's world (host state, shared by every execution). */
export class DriveFiles {
  private readonly files = new Map<string, DriveFileRec>();
  private n = 0;

  /** Places a file; returns its id and the URL people paste (`https://drive.google.com/file/d/{id}/view`). */
  addFile(spec: DriveFileSpec): { id: string; url: string } {
    const id = spec.id ?? `1sandbox${String(++this.n).padStart(4, '0')}${'x'.repeat(21)}`;
    const content =
      spec.content === undefined
        ? undefined
        : typeof spec.content === 'string'
          ? Buffer.from(spec.content, 'utf8')
          : Buffer.from(spec.content);
    this.files.set(id, {
      id,
      name: spec.name,
      mimeType: spec.mimeType ?? 'application/octet-stream',
      ...(content ? { content } : {}),
      size: content?.length ?? spec.size ?? 0,
      ...(spec.readers ? { readers: spec.readers.map((r) => r.toLowerCase()) } : {}),
      trashed: spec.trashed ?? false,
    });
    return { id, url: urlOf(id) };
  }

  /** Takes a file away (a later getFileById finds nothing). */
  remove(id: string): boolean {
    return this.files.delete(id);
  }

  get(id: string): DriveFileRec | undefined {
    return this.files.get(id);
  }
}

const urlOf = (id: string) => `https://drive.google.com/file/d/${id}/view?usp=drivesdk`;

export class FakeDriveApp extends Fake {
  readonly className = 'DriveApp';
  constructor(private readonly ctx: ServiceContext) {
    super();
  }

  getFileById(id: string): FakeDriveFile {
    const kind = 'DriveApp.getFileById';
    authorised(this.ctx, kind);
    return this.ctx.exec.call(kind, () => {
      const rec = this.ctx.host.drive.get(String(id));
      const user = this.ctx.host.user.toLowerCase();
      if (!rec || (rec.readers && !rec.readers.includes(user))) throw new ScriptError(NOT_FOUND);
      return new FakeDriveFile(this.ctx, rec);
    });
  }
}

function authorised(ctx: ServiceContext, kind: string): void {
  const held = ctx.host.scopes;
  if (ctx.exec.mode === 'simple' || (held && !SCOPES.some((s) => held.includes(s))))
    throw noPermission(kind, `(${SCOPES.join(' || ')})`);
}

export class FakeDriveFile extends Fake {
  readonly className = 'File';
  constructor(
    private readonly ctx: ServiceContext,
    private readonly rec: DriveFileRec,
  ) {
    super();
  }
  getId(): string {
    return this.rec.id;
  }
  getName(): string {
    return this.rec.name;
  }
  getSize(): number {
    return this.rec.size;
  }
  getMimeType(): string {
    return this.rec.mimeType;
  }
  getUrl(): string {
    return urlOf(this.rec.id);
  }
  isTrashed(): boolean {
    return this.rec.trashed;
  }
  getBlob(): FakeBlob {
    return this.ctx.exec.call('DriveApp.getBlob', () => {
      const r = this.rec;
      if (r.size > MAX_BLOB_BYTES) throw new ScriptError(`File ${r.name} exceeds the maximum file size.`);
      const bytes = r.content ?? Buffer.alloc(r.size);
      if (GOOGLE_FORMAT.test(r.mimeType))
        return new FakeBlob(Buffer.from(bytes), 'application/pdf', `${r.name}.pdf`);
      return new FakeBlob(Buffer.from(bytes), r.mimeType, r.name);
    });
  }
}
