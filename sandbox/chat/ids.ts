// Deterministic ids from a seeded generator, so a scenario replays to the same resource names (and the
// generator's state is part of the saved JSON).

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = ALNUM + '-_';

export class Ids {
  constructor(public state: number) {}

  /** mulberry32: small, fast and good enough for names. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chars(n: number, alphabet = ALNUM): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  digits(n: number): string {
    let s = String(1 + Math.floor(this.next() * 9));
    while (s.length < n) s += String(Math.floor(this.next() * 10));
    return s;
  }

  /** Space ids look like `AAAAb3Xy9Qk` (11 characters). */
  space(): string {
    return 'AAAA' + this.chars(7);
  }
  /** Message ids look like `a1B2c3D4e5F.a1B2c3D4e5F`. */
  message(): string {
    return `${this.chars(11, URLSAFE)}.${this.chars(11, URLSAFE)}`;
  }
  thread(): string {
    return this.chars(11, URLSAFE);
  }
  /** People and apps: 21 digits (`users/112233…`). */
  user(): string {
    return this.digits(21);
  }
  token(prefix: string): string {
    return prefix + this.chars(40, URLSAFE);
  }
  hex(n: number): string {
    return this.chars(n, '0123456789abcdef');
  }
}
