// Chat's quotas on the virtual clock: rolling windows of the calls that took effect. A refused call (429, or
// any error found before the write or the read) is not recorded, so it has no effect on later calls.
//
// They follow https://developers.google.com/workspace/chat/limits:
// - per project, per 60 seconds: message writes (spaces.messages.create/patch/delete) 3000, message reads
//   (spaces.messages.get/list) 3000, membership writes (spaces.members.create/delete) 300, membership reads
//   (spaces.members.get/list) 3000, space writes (spaces.setup/create/patch/delete) 60, space reads
//   (spaces.get/list/findDirectMessage) 3000, attachment writes (media.upload) 600, attachment reads
//   (spaces.messages.attachments.get, media.download) 3000, reaction writes (spaces.messages.reactions.create/
//   delete) 600, reaction reads (spaces.messages.reactions.list) 3000 — reactions and uploads have project
//   quotas of their own: they take nothing from the message quotas;
// - per space, shared by every caller in it: reads (spaces.get, spaces.members.get/list,
//   spaces.messages.get/list, spaces.messages.reactions.list, …) 15 per second; writes (media.upload,
//   spaces.patch, spaces.delete, spaces.messages.create — incoming webhooks included — patch, update, delete,
//   and spaces.messages.reactions.create/delete) — not spaces.members.*, which count only toward the
//   project's membership quota. So an upload and the message that attaches it are two writes to the space.
//
// The page and the webhook guide disagree on the per-space write rate, so both readings are modelled
// (`perSpace`): `interval`, one write a second per space (the incoming-webhook guide,
// https://developers.google.com/workspace/chat/quickstart/webhooks, "Limits and considerations"), the
// stricter one and the default; and `window`, 60 writes per 60 seconds per space (the limits page's
// per-space table), which lets a space take a burst as long as the minute's total stays within 60.
import { ChatError } from './errors';

export interface Limits {
  /** Writes per space per `perSpaceWindowMs` (see `PER_SPACE_READINGS`). */
  perSpaceWrites: number;
  perSpaceWindowMs: number;
  /** Reads per space per `perSpaceReadWindowMs` (Chat: 15 per second). */
  perSpaceReads: number;
  perSpaceReadWindowMs: number;
  /** Per project per rolling minute. */
  messageWritesPerMinute: number;
  membershipWritesPerMinute: number;
  spaceWritesPerMinute: number;
  messageReadsPerMinute: number;
  membershipReadsPerMinute: number;
  spaceReadsPerMinute: number;
  attachmentWritesPerMinute: number;
  attachmentReadsPerMinute: number;
  reactionWritesPerMinute: number;
  reactionReadsPerMinute: number;
  /** spaces.create and spaces.setup per rolling minute (Chat: "fewer than 35 space creations a minute"). */
  spaceCreationsPerMinute: number;
}

/** The two readings of Chat's per-space write quota. */
export type PerSpaceReading = 'interval' | 'window';

export const PER_SPACE_READINGS: Record<
  PerSpaceReading,
  Pick<Limits, 'perSpaceWrites' | 'perSpaceWindowMs'>
> = {
  /** The webhook guide: one write a second per space. */
  interval: { perSpaceWrites: 1, perSpaceWindowMs: 1000 },
  /** The limits page: 60 writes per 60 seconds per space (bursts allowed within the minute). */
  window: { perSpaceWrites: 60, perSpaceWindowMs: 60_000 },
};

/** Reads a reading from outside (an environment variable, a command-line flag); empty means the default. */
export function perSpaceReading(value: string | undefined): PerSpaceReading {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return 'interval';
  if (v === 'interval' || v === 'window') return v;
  throw new Error(`per-space reading must be "interval" or "window", not ${JSON.stringify(value)}`);
}

export const DEFAULT_LIMITS: Limits = {
  ...PER_SPACE_READINGS.interval,
  perSpaceReads: 15,
  perSpaceReadWindowMs: 1000,
  messageWritesPerMinute: 3000,
  membershipWritesPerMinute: 300,
  spaceWritesPerMinute: 60,
  messageReadsPerMinute: 3000,
  membershipReadsPerMinute: 3000,
  spaceReadsPerMinute: 3000,
  attachmentWritesPerMinute: 600,
  attachmentReadsPerMinute: 3000,
  reactionWritesPerMinute: 600,
  reactionReadsPerMinute: 3000,
  spaceCreationsPerMinute: 34,
};

export type WriteKind = 'message' | 'membership' | 'space' | 'attachment' | 'reaction';
export type ReadKind = WriteKind;

/** Every quota kind, for counters keyed by kind. */
export const WRITE_KINDS: readonly WriteKind[] = ['message', 'membership', 'space', 'attachment', 'reaction'];

const WRITES_PER_MINUTE: Record<WriteKind, keyof Limits> = {
  message: 'messageWritesPerMinute',
  membership: 'membershipWritesPerMinute',
  space: 'spaceWritesPerMinute',
  attachment: 'attachmentWritesPerMinute',
  reaction: 'reactionWritesPerMinute',
};
const READS_PER_MINUTE: Record<ReadKind, keyof Limits> = {
  message: 'messageReadsPerMinute',
  membership: 'membershipReadsPerMinute',
  space: 'spaceReadsPerMinute',
  attachment: 'attachmentReadsPerMinute',
  reaction: 'reactionReadsPerMinute',
};

const MINUTE = 60_000;

type Check = [key: string, max: number, spanMs: number];

export class RateLimiter {
  constructor(
    readonly limits: Limits,
    private readonly windows: Record<string, number[]>,
  ) {}

  /** Records one write of `kind` (into `spaceId`'s window too, when given, and the creations' window for a
   *  new space) or throws 429 without recording. Membership writes take no `spaceId`: they have no per-space
   *  quota. */
  take(now: number, kind: WriteKind, spaceId?: string, creation = false): void {
    const l = this.limits;
    const checks: Check[] = [[`project:${kind}`, l[WRITES_PER_MINUTE[kind]], MINUTE]];
    if (spaceId) checks.push([`space:${spaceId}`, l.perSpaceWrites, l.perSpaceWindowMs]);
    if (creation) checks.push(['project:creation', l.spaceCreationsPerMinute, MINUTE]);
    this.admit(now, checks);
  }

  /** Records one read of `kind` (into `spaceId`'s read window too, when given) or throws 429. */
  read(now: number, kind: ReadKind, spaceId?: string): void {
    const l = this.limits;
    const checks: Check[] = [[`project:read:${kind}`, l[READS_PER_MINUTE[kind]], MINUTE]];
    if (spaceId) checks.push([`space-read:${spaceId}`, l.perSpaceReads, l.perSpaceReadWindowMs]);
    this.admit(now, checks);
  }

  private admit(now: number, checks: Check[]): void {
    for (const [key, max, span] of checks) {
      const w = (this.windows[key] = (this.windows[key] ?? []).filter((t) => t > now - span));
      if (w.length >= max) throw new ChatError(429);
    }
    for (const [key] of checks) this.windows[key].push(now);
  }
}
