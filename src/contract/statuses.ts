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

/** Anything a user typed that is not a known status is treated as pending, with a warning in Detail. */
export function normaliseStatus(raw: unknown): string {
  return String(raw ?? '')
    .trim()
    .toUpperCase();
}
