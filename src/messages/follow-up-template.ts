// The text of a Follow up row: a template the user can change in the script's properties
// (FOLLOW_UP_TEMPLATE, README: Follow up), with {mentions} where the people who have not acknowledged go.
import type { StorePort } from '../platform/ports';

export const FOLLOW_UP_PROPERTY = 'FOLLOW_UP_TEMPLATE';
export const MENTIONS = '{mentions}';
export const DEFAULT_FOLLOW_UP = `Friendly reminder ${MENTIONS}: please read the message above and react or reply to show you have seen it.`;
/** Room for the mentions: a message holds 32,000 bytes, and 200 mentions take about 6,000. */
const MAX_TEMPLATE = 4000;

export function followUpTemplate(
  store: Pick<StorePort, 'get'>,
): { ok: true; text: string } | { ok: false; reason: string } {
  const set = store.get(FOLLOW_UP_PROPERTY);
  if (set === null || set.trim() === '') return { ok: true, text: DEFAULT_FOLLOW_UP };
  if (!set.includes(MENTIONS))
    return {
      ok: false,
      reason: `The follow-up template (script property ${FOLLOW_UP_PROPERTY}) has no ${MENTIONS}: add it where the people to remind go, or delete the property to use the default.`,
    };
  if (set.length > MAX_TEMPLATE)
    return {
      ok: false,
      reason: `The follow-up template (script property ${FOLLOW_UP_PROPERTY}) is ${set.length} characters long: keep it under ${MAX_TEMPLATE}.`,
    };
  return { ok: true, text: set };
}

/** The template with each person mentioned as Chat writes a mention, `<users/…>`. */
export function followUpText(template: string, people: readonly string[]): string {
  return template.split(MENTIONS).join(people.map((p) => `<${p}>`).join(' '));
}
