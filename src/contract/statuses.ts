/** Row statuses, as PRODUCT.md names them. Blank means pending. */
export const Status = {
  PENDING: '',
  WAITING: 'WAITING',
  SCHEDULED: 'SCHEDULED',
  RETRY: 'RETRY',
  INVALID: 'INVALID',
  SENDING: 'SENDING',
  DONE: 'DONE',
  ERROR: 'ERROR',
  UNCERTAIN: 'UNCERTAIN',
} as const;

export type StatusValue = (typeof Status)[keyof typeof Status];

/** What a row's work ends with (a task's Outcome): every status but pending, scheduled and in flight. */
export type OutcomeStatus = Exclude<
  StatusValue,
  typeof Status.PENDING | typeof Status.SCHEDULED | typeof Status.SENDING
>;

/** Statuses a run picks up again (SCHEDULED only when due, which the Messages tab decides). */
const PICKED_UP: ReadonlySet<string> = new Set([
  Status.PENDING,
  Status.WAITING,
  Status.RETRY,
  Status.INVALID,
]);

export function isPending(status: string): boolean {
  return PICKED_UP.has(status);
}

const KNOWN: ReadonlySet<string> = new Set(Object.values(Status));

/**
 * Rows a run takes when it is not told which statuses to take: pending ones, scheduled ones (the
 * Messages tab decides whether they are due) and any Status the tool does not know — something a person
 * typed, taken as pending; the row's Detail then says what became of it.
 */
export function takenByDefault(status: string): boolean {
  return isPending(status) || status === Status.SCHEDULED || !KNOWN.has(status);
}

/** A Status cell as the tool compares it: trimmed, in capitals (see takenByDefault for unknown ones). */
export function normaliseStatus(raw: unknown): string {
  return String(raw ?? '')
    .trim()
    .toUpperCase();
}
