// Client-assigned message ids (`client-…`): the row's Key names its message in Chat, so a re-run finds
// the message it already sent (409 ALREADY_EXISTS / messages.get) instead of posting it twice.

const PREFIX = 'client-';
/** Chat's limit for the whole id, prefix included. */
export const MAX_MESSAGE_ID = 63;
/** Hex digits of the original key's SHA-256 appended when the key had to change: 40 bits, so two
 *  different keys of one tab sharing an id is a one-in-a-trillion accident, not a real risk. */
const HASH_CHARS = 10;
const VALID = /^[a-z0-9-]*[a-z0-9]$/;

/**
 * The `client-…` id for a row's Key. A key already valid (lowercase `[a-z0-9-]`, not ending in '-',
 * short enough) maps to `client-<key>` exactly, so users can predict it. Any other key is slugged and
 * gets `-<hash of the original key>`: 'A_b' and 'a-b' slug alike, and the hash keeps their ids apart.
 */
export function messageIdFor(key: string, sha256Hex: (s: string) => string): string {
  if (VALID.test(key) && PREFIX.length + key.length <= MAX_MESSAGE_ID) return PREFIX + key;
  const hash = sha256Hex(key).toLowerCase().slice(0, HASH_CHARS);
  const room = MAX_MESSAGE_ID - PREFIX.length - 1 - HASH_CHARS;
  const slug = slugOf(key).slice(0, room).replace(/-+$/, '');
  return PREFIX + (slug ? `${slug}-${hash}` : hash);
}

/** Lowercase ASCII letters, digits and single hyphens; accents dropped (é → e) so ids stay readable. */
function slugOf(key: string): string {
  return key
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A Key for a row whose Key is blank, written to the sheet before sending: short, readable (the UTC day
 * it was made) and unique (32 bits of a fresh UUID — enough within one tab), e.g. 'm-20260302-4f9a1c2e'.
 * Already a valid id, so its message id is simply `client-<key>`.
 */
export function generatedKey(uuid: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const random = uuid
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .slice(0, 8);
  return `m-${day}-${random}`;
}
