// Who the person running is, as Chat names people (users/{id}): Chat gives message senders by id, never
// by e-mail, so telling your own imported messages from others' takes one lookup, kept afterwards.
import { call, op } from '../chat/ops';
import type { Run } from '../engine/run';
import { done } from '../tabs/outcomes';

const KEY = 'sheets-to-chat.user-ids';

function saved(run: Run): Record<string, string> {
  try {
    return JSON.parse(run.env.store.get(KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * users/{id} of the person running, looked up once (members.get of `spaces/S/members/<e-mail>`, a space
 * they are in) and kept in the script's properties by e-mail; null when it can't be known.
 */
export function whoAmI(run: Run, space: string): string | null {
  const email = run.env.userEmail();
  if (!email) return null;
  const known = saved(run)[email];
  if (known) return known;
  let id: string | null = null;
  run.executor.run(
    (function* () {
      const got = yield* call(op.getMember(`${space}/members/${email}`));
      if (got.ok) id = got.body.member?.name ?? null;
      return done('');
    })(),
    { tab: 'Messages', row: '' },
  );
  if (id) run.env.store.set(KEY, JSON.stringify({ ...saved(run), [email]: id }));
  return id;
}
