// References users type into cells: spaces (a key, spaces/…, or a Chat URL) and members.

export type SpaceRef =
  { kind: 'name'; name: string } | { kind: 'key'; key: string } | { kind: 'bad'; reason: string };

const SPACE_ID = '([A-Za-z0-9_-]{5,})';
const URL_PATTERNS = [
  new RegExp(`^https://chat\\.google\\.com/(?:u/\\d+/)?(?:room|space|dm)/${SPACE_ID}`),
  new RegExp(`^https://mail\\.google\\.com/(?:mail|chat)/u/\\d+/?#chat/(?:space|dm|room)/${SPACE_ID}`),
  new RegExp(`^https://chat\\.googleapis\\.com/v1/spaces/${SPACE_ID}`),
];

export function parseSpaceRef(raw: string): SpaceRef {
  const text = raw.trim();
  if (!text)
    return { kind: 'bad', reason: 'Space is empty: give a Spaces key, spaces/… or the space’s Chat URL.' };
  const direct = /^spaces\/([A-Za-z0-9_-]+)$/.exec(text);
  if (direct) return { kind: 'name', name: `spaces/${direct[1]}` };
  if (/^https?:\/\//i.test(text)) {
    for (const re of URL_PATTERNS) {
      const m = re.exec(text);
      if (m) return { kind: 'name', name: `spaces/${m[1]}` };
    }
    return {
      kind: 'bad',
      reason: `Space “${short(text)}” is not a Chat space URL: copy the link of the space from Chat, or use spaces/….`,
    };
  }
  if (text.startsWith('spaces/'))
    return {
      kind: 'bad',
      reason: `Space “${short(text)}” is not a valid resource name: it looks like spaces/AAAAxxxx.`,
    };
  return { kind: 'key', key: text };
}

export type MemberRef =
  | { kind: 'user'; name: string; alias: string; email: string | null }
  | { kind: 'group'; name: string }
  | { kind: 'app'; name: 'users/app'; alias: 'app' }
  | { kind: 'bad'; reason: string };

const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function parseMemberRef(raw: string): MemberRef {
  const text = raw.trim();
  if (!text) return { kind: 'bad', reason: 'Member is empty: give an e-mail, users/…, groups/<id> or app.' };
  if (text.toLowerCase() === 'app' || text.toLowerCase() === 'users/app')
    return { kind: 'app', name: 'users/app', alias: 'app' };
  if (text.startsWith('groups/')) {
    const id = text.slice('groups/'.length);
    if (id.includes('@'))
      return {
        kind: 'bad',
        reason: `Group e-mails are not accepted by Chat: use groups/<id> (the group’s id), not ${short(text)}.`,
      };
    if (!/^[A-Za-z0-9_-]+$/.test(id))
      return { kind: 'bad', reason: `Member “${short(text)}” is not a valid group: use groups/<id>.` };
    return { kind: 'group', name: text };
  }
  if (text.startsWith('users/')) {
    const id = text.slice('users/'.length);
    if (EMAIL.test(id))
      return {
        kind: 'user',
        name: `users/${id.toLowerCase()}`,
        alias: id.toLowerCase(),
        email: id.toLowerCase(),
      };
    if (!/^[A-Za-z0-9_-]+$/.test(id))
      return {
        kind: 'bad',
        reason: `Member “${short(text)}” is not a valid user: use users/<id> or an e-mail.`,
      };
    return { kind: 'user', name: text, alias: id, email: null };
  }
  if (EMAIL.test(text)) {
    const email = text.toLowerCase();
    return { kind: 'user', name: `users/${email}`, alias: email, email };
  }
  return { kind: 'bad', reason: `Member “${short(text)}” is not an e-mail, users/…, groups/<id> or app.` };
}

export function short(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
