// The Import spaces prompt's search words → a spaces.search query (admin access). Chat's grammar (the
// spaces.search reference): `customer = "customers/my_customer"` and `space_type = "SPACE"` are required;
// create_time and last_active_time take RFC-3339 times with =, <, >, <=, >=; display_name takes `:`
// (each word prefix-matched); external_user_allowed and space_history_state take their values; across
// fields only AND. People type the friendlier words below, or Chat's own syntax.
import { parseSendAt, type OffsetMinutes } from '../messages/send-at';

export const CUSTOMER = 'customer = "customers/my_customer"';
export const NAMED_SPACES = 'space_type = "SPACE"';

export const SEARCH_WORDS =
  'inactive since YYYY-MM-DD, created before|after YYYY-MM-DD, external, name:word, type:SPACE';

export type SearchQuery = { ok: true; query: string } | { ok: false; reason: string };

const FIELDS =
  /\b(customer|create_time|last_active_time|display_name|external_user_allowed|space_history_state|space_type)\b/;

/** The query for the prompt's text: Chat's own syntax (given a customer and a type if it has none), or
 *  the words, ANDed; a word not understood is named. */
export function searchQuery(text: string, timeZone: string, offsetMinutes: OffsetMinutes): SearchQuery {
  const raw = text.trim();
  if (FIELDS.test(raw)) {
    const parts = [/\bcustomer\b/.test(raw) ? '' : CUSTOMER, /\bspace_type\b/.test(raw) ? '' : NAMED_SPACES];
    return { ok: true, query: [...parts.filter(Boolean), `(${raw})`].join(' AND ') };
  }
  const clauses: string[] = [CUSTOMER, NAMED_SPACES];
  const words = raw.split(/\s+/);
  let bad: string | null = null;
  const day = (at: number, what: string): string | null => {
    const w = words[at] ?? '';
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(w) ? parseSendAt(w, timeZone, offsetMinutes) : null;
    if (!parsed?.ok || !parsed.at) {
      bad = `“${what}” needs a day after it, like 2026-03-02 (found “${w.slice(0, 20)}”)`;
      return null;
    }
    return `"${parsed.at.toISOString()}"`;
  };
  for (let i = 0; i < words.length && !bad; i++) {
    const w = words[i];
    const lower = w.toLowerCase();
    if (lower === 'inactive' && words[i + 1]?.toLowerCase() === 'since') {
      const t = day(i + 2, 'inactive since');
      if (t) clauses.push(`last_active_time < ${t}`);
      i += 2;
    } else if (lower === 'created' && /^(before|after)$/i.test(words[i + 1] ?? '')) {
      const before = words[i + 1].toLowerCase() === 'before';
      const t = day(i + 2, `created ${before ? 'before' : 'after'}`);
      if (t) clauses.push(`create_time ${before ? '<' : '>'} ${t}`);
      i += 2;
    } else if (lower === 'external') clauses.push('external_user_allowed = true');
    else if (lower.startsWith('name:') && w.length > 5)
      clauses.push(`display_name:"${w.slice(5).replace(/["\\]/g, '')}"`);
    else if (lower === 'type:space') continue;
    else if (lower.startsWith('type:'))
      bad = `“${w.slice(0, 30)}”: Chat’s search finds only spaces of type SPACE (not group chats or direct messages)`;
    else bad = `“${w.slice(0, 30)}” is not a search word`;
  }
  if (bad)
    return {
      ok: false,
      reason: `Import spaces: ${bad}. Use ${SEARCH_WORDS}, or Chat’s spaces.search syntax.`,
    };
  return { ok: true, query: clauses.join(' AND ') };
}
