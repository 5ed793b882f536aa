import crypto from 'node:crypto';
import { ScriptError } from '../errors';
import { formatDate, parseDate } from '../format-date';
import { Fake, isDate } from '../realm';
import { isValidTimeZone } from '../time-zones';
import type { ServiceContext } from './context';

/** What the shortest sleep costs (a service round trip). */
const MIN_SLEEP_MS = 1;

const DIGESTS: Record<string, string> = {
  MD2: 'md2',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const MACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};
const CHARSETS: Record<string, BufferEncoding> = { UTF_8: 'utf8', US_ASCII: 'ascii' };

/** Apps Script byte arrays are Java bytes: signed, -128..127. */
export function signedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** A string (in a charset) or a Java byte array, as Utilities methods accept either. */
export function toBuffer(value: unknown, charset = 'UTF_8'): Buffer {
  if (Array.isArray(value)) return Buffer.from(value.map((b: number) => b & 0xff));
  return Buffer.from(String(value), CHARSETS[charset] ?? 'utf8');
}

export class FakeUtilities extends Fake {
  readonly className = 'Utilities';
  readonly DigestAlgorithm = Object.fromEntries(Object.keys(DIGESTS).map((k) => [k, k]));
  readonly MacAlgorithm = Object.fromEntries(Object.keys(MACS).map((k) => [k, k]));
  readonly Charset = { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' };

  constructor(private readonly ctx: ServiceContext) {
    super();
  }

  /**
   * Waiting costs virtual time, and a sleep that crosses the 6-minute limit ends the execution there.
   * Even `sleep(0)` is a round trip that takes a moment in Apps Script: a script polling the clock
   * between sleeps sees time pass, as it would there, instead of spinning on a frozen virtual clock.
   */
  sleep(milliseconds: number): void {
    this.ctx.exec.call('Utilities.sleep', () => {
      const ms = Number(milliseconds);
      if (!(ms >= 0) || ms > 300000) throw new ScriptError('Invalid argument: milliseconds');
      this.ctx.exec.wait(Math.max(MIN_SLEEP_MS, ms));
    });
  }

  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const alg = DIGESTS[algorithm];
    if (!alg) throw new ScriptError('Invalid argument: algorithm');
    return signedBytes(crypto.createHash(alg).update(toBuffer(value, charset)).digest());
  }

  computeHmacSignature(algorithm: string, value: unknown, key: unknown, charset?: string): number[] {
    const alg = MACS[algorithm];
    if (!alg) throw new ScriptError('Invalid argument: algorithm');
    return signedBytes(
      crypto.createHmac(alg, toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
    );
  }

  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return this.computeHmacSignature('HMAC_SHA_256', value, key, charset);
  }

  computeRsaSha256Signature(value: unknown, key: string, charset?: string): number[] {
    let privateKey: crypto.KeyObject;
    try {
      privateKey = crypto.createPrivateKey(String(key));
    } catch {
      throw new ScriptError('Invalid argument: key');
    }
    return signedBytes(crypto.sign('sha256', toBuffer(value, charset), privateKey));
  }

  /** Deterministic (seeded) so runs are reproducible; shaped like a v4 UUID. */
  getUuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.ctx.host.random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  base64Encode(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), 'base64url'));
  }

  newBlob(data: unknown, contentType?: string, name?: string): FakeBlob {
    return new FakeBlob(toBuffer(data), contentType ?? null, name ?? null);
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw new ScriptError('Invalid argument: date');
    if (!isValidTimeZone(timeZone)) throw new ScriptError(`Invalid argument: timeZone`);
    try {
      return formatDate(date.getTime(), timeZone, String(format));
    } catch (e) {
      throw new ScriptError(`Invalid argument: ${(e as Error).message}`);
    }
  }

  parseDate(date: string, timeZone: string, format: string): Date {
    if (!isValidTimeZone(timeZone)) throw new ScriptError('Invalid argument: timeZone');
    const t = parseDate(String(date), timeZone, String(format));
    if (t === null || Number.isNaN(t)) throw new ScriptError(`Unparseable date: "${date}"`);
    return new Date(t);
  }

  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, args);
  }
}

/** printf-style %s %d %i %f %% (Utilities.formatString and Logger.log's format arguments). */
export function formatString(template: string, args: unknown[]): string {
  let i = 0;
  return String(template).replace(/%(\.\d+)?([sdif%])/g, (m, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    if (i >= args.length) return m;
    const v = args[i++];
    if (conv === 'd' || conv === 'i') return String(Math.trunc(Number(v)));
    if (conv === 'f') return precision ? Number(v).toFixed(Number(precision.slice(1))) : String(Number(v));
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  });
}

export class FakeBlob extends Fake {
  readonly className = 'Blob';
  constructor(
    private data: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {
    super();
  }
  getBytes(): number[] {
    return signedBytes(this.data);
  }
  getDataAsString(charset?: string): string {
    return this.data.toString(CHARSETS[charset ?? 'UTF_8'] ?? 'utf8');
  }
  setDataFromString(s: string, charset?: string): this {
    this.data = toBuffer(s, charset);
    return this;
  }
  setBytes(bytes: number[]): this {
    this.data = toBuffer(bytes);
    return this;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(t: string): this {
    this.contentType = t;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(n: string): this {
    this.name = n;
    return this;
  }
  copyBlob(): FakeBlob {
    return new FakeBlob(Buffer.from(this.data), this.contentType, this.name);
  }
  /** The bytes, host-side (hidden from the script): what an upload or a fetch sends. */
  _buffer(): Buffer {
    return this.data;
  }
}
