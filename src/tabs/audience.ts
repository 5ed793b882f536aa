// Who a message is for, as Not yet counts them: the space's people who joined (direct memberships — not
// groups' members, not apps), listed for spaces up to MAX_AUDIENCE people; and the Not yet cell made of
// them.
import { explain } from '../chat/errors';
import { call, op, type ChatOp, type ChatResult } from '../chat/ops';

/** PRODUCT.md: Not yet is listed for spaces up to 200 members. */
export const MAX_AUDIENCE = 200;

/** The people of a space (users/{id}), or why they are not listed (the Not yet cell says it). */
export type Audience = { kind: 'people'; people: string[] } | { kind: 'unlisted'; why: string };

/** Not yet when everyone in the audience has acknowledged (a blank cell would read as “not refreshed”). */
export const NOBODY = 'none';

/**
 * The space's joined people, page by page. Pages of MAX_AUDIENCE + 1 memberships: a space of up to
 * MAX_AUDIENCE people is listed in one call, and a larger one is known as such from its first page, however
 * many thousands it has.
 */
export function* audienceOf(space: string): Generator<ChatOp, Audience, ChatResult> {
  const people: string[] = [];
  let token: string | undefined;
  do {
    const got = yield* call(op.listMembers(space, token, { humans: true, pageSize: MAX_AUDIENCE + 1 }));
    if (!got.ok)
      return {
        kind: 'unlisted',
        why: `Not listed: the space’s members could not be read (${explain(got.error, 'spaces.members.list')})`,
      };
    for (const m of got.body.memberships ?? [])
      if ((m.state ?? 'JOINED') === 'JOINED' && m.member?.type === 'HUMAN' && m.member.name)
        people.push(m.member.name);
    if (people.length > MAX_AUDIENCE)
      return {
        kind: 'unlisted',
        why: `Not listed: the space has more than ${MAX_AUDIENCE} members (Not yet is listed for spaces up to ${MAX_AUDIENCE}).`,
      };
    token = got.body.nextPageToken ?? undefined;
  } while (token);
  return { kind: 'people', people };
}

/** The Not yet cell: the audience's people who neither reacted nor replied (users/…, comma-separated),
 *  the sender left out; NOBODY when that is no one; the reason when the audience is not listed. */
export function notYetCell(audience: Audience, acknowledged: ReadonlySet<string>, sender: string): string {
  if (audience.kind === 'unlisted') return audience.why;
  const left = audience.people.filter((p) => p !== sender && !acknowledged.has(p));
  return left.length ? left.join(', ') : NOBODY;
}

/** The people a Not yet cell names (users/…); none for NOBODY, a reason, or anything else. */
export function peopleIn(cell: string): string[] {
  const parts = cell
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length && parts.every((p) => /^users\/[^\s<>]+$/.test(p)) ? parts : [];
}
