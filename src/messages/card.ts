// The Card column: whichever of the four shapes PRODUCT.md allows, normalised to Chat's `cardsV2`, and
// checked field by field against the Chat API schema (generated from @googleapis/chat) so a typo is
// caught by checkRows in plain words instead of a 400 "Unknown name" from Chat at send time.
import { CARD_SCHEMA, CARD_SCHEMA_ROOT } from '../generated/card-schema';
import { findJsonProblem } from './json-error';

export type CardsResult = { ok: true; cardsV2: ChatV1.CardWithId[] } | { ok: false; reason: string };

/** schema name → field → code ("" scalar, "X" schema, "[X" list, "{X" map, "*" unchecked). */
export type CardSchemaTable = { readonly [schema: string]: { readonly [field: string]: string } };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Accepts a card object (`{"header":…, "sections":…}`), a cardsV2 entry (`{"cardId":…, "card":…}`), a
 * list of entries or of cards, or `{"cardsV2": […]}`, and returns the cardsV2 list with a cardId on every
 * entry (`makeCardId(i)` for the i-th, 0-based, when missing or blank). Field names are not checked here:
 * that is checkCardFields' job.
 */
export function normaliseCards(json: string, makeCardId: (i: number) => string): CardsResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, reason: jsonReason(json) };
  }
  return normaliseParsedCards(parsed, makeCardId);
}

/** normaliseCards for JSON already parsed (e.g. after fillCard). */
export function normaliseParsedCards(parsed: unknown, makeCardId: (i: number) => string): CardsResult {
  let items: unknown[];
  if (Array.isArray(parsed)) items = parsed;
  else if (isObject(parsed) && 'cardsV2' in parsed) {
    const others = Object.keys(parsed).filter((k) => k !== 'cardsV2');
    if (others.length)
      return bad(
        `Card JSON has fields besides cardsV2 (${others.slice(0, 3).join(', ')}): the Card column holds ` +
          'cards only; put message text in the Text column.',
      );
    if (!Array.isArray(parsed.cardsV2)) return bad('Card JSON: cardsV2 must be a list […] of cards.');
    items = parsed.cardsV2;
  } else if (isObject(parsed)) items = [parsed];
  else return bad('Card JSON must be a card object {…}, a list […] of cards, or {"cardsV2": […]}.');

  if (!items.length) return bad('Card JSON holds no card (the list is empty).');
  const cardsV2: ChatV1.CardWithId[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const where = items.length > 1 || Array.isArray(parsed) ? ` (card ${i + 1})` : '';
    if (!isObject(item)) return bad(`Card JSON${where}: each card must be an object {…}.`);
    let entry: ChatV1.CardWithId;
    if ('card' in item) {
      // A cardsV2 entry: {cardId?, card}. (No card field is called "card", so this can't be a card.)
      if (!isObject(item.card)) return bad(`Card JSON${where}: “card” must be an object {…}.`);
      if (item.cardId !== undefined && item.cardId !== null && typeof item.cardId !== 'string')
        return bad(`Card JSON${where}: cardId must be a text in quotes.`);
      entry = { ...item } as ChatV1.CardWithId;
    } else {
      if (!Object.keys(item).length) return bad(`Card JSON${where}: the card is empty.`);
      entry = { card: item as ChatV1.CardWithId['card'] };
    }
    const id = typeof entry.cardId === 'string' ? entry.cardId.trim() : '';
    entry.cardId = id || makeCardId(i);
    // Chat names each card by its id (e.g. in click events), so two with one id would be ambiguous.
    if (ids.has(entry.cardId)) return bad(`Card JSON: two cards have the cardId “${entry.cardId}”.`);
    ids.add(entry.cardId);
    cardsV2.push(entry);
  }
  return { ok: true, cardsV2 };
}

/** "Card is not valid JSON: expected ',' or '}' but found ']' at line 3, column 7 (position 41)." */
export function jsonReason(json: string): string {
  if (!json.trim()) return 'Card is empty: paste card JSON or clear the cell.';
  const p = findJsonProblem(json);
  if (!p) return 'Card is not valid JSON.';
  const where = json.includes('\n')
    ? `at line ${p.line}, column ${p.column} (position ${p.position})`
    : `at position ${p.position}`;
  // The usual mistake with templates: a placeholder used as a bare value, e.g. "columns": {{N}}.
  const hint = /\{\{[^{}]*\}\}/.test(json.slice(Math.max(0, p.position - 60), p.position + 60))
    ? ' Placeholders like {{Name}} must be inside a quoted string.'
    : '';
  return `Card is not valid JSON: ${p.message} ${where}.${hint}`;
}

/**
 * Unknown field names (with the nearest known name as a suggestion) and lists/objects in the wrong
 * place, with their path — e.g. `Card: unknown field “sectons” at cardsV2[0].card — did you mean
 * “sections”?`. Empty when every field is one the Chat API knows.
 */
export function checkCardFields(
  cardsV2: readonly ChatV1.CardWithId[],
  schema: CardSchemaTable = CARD_SCHEMA,
): string[] {
  const problems: string[] = [];
  cardsV2.forEach((entry, i) => checkValue(entry, CARD_SCHEMA_ROOT, `cardsV2[${i}]`, schema, problems));
  return problems;
}

function checkValue(
  value: unknown,
  code: string,
  path: string,
  schema: CardSchemaTable,
  out: string[],
): void {
  // null is how JSON says "absent"; "*" marks fields the declarations don't describe precisely.
  if (value === null || value === undefined || code === '*') return;
  const name = path.slice(path.lastIndexOf('.') + 1);
  if (code.startsWith('[')) {
    if (!Array.isArray(value)) return void out.push(`Card: “${name}” at ${path} must be a list […].`);
    value.forEach((v, j) => checkValue(v, code.slice(1), `${path}[${j}]`, schema, out));
    return;
  }
  if (code.startsWith('{')) {
    if (!isObject(value)) return void out.push(`Card: “${name}” at ${path} must be an object {…}.`);
    for (const [k, v] of Object.entries(value)) checkValue(v, code.slice(1), `${path}.${k}`, schema, out);
    return;
  }
  if (code === '') {
    if (typeof value === 'object')
      out.push(
        `Card: “${name}” at ${path} must be a single value, not ${Array.isArray(value) ? 'a list' : 'an object'}.`,
      );
    return;
  }
  const fields = schema[code];
  if (!fields) return; // a table from another package version: nothing to check against
  if (!isObject(value))
    return void out.push(
      `Card: “${name}” at ${path} must be an object {…}${Array.isArray(value) ? ', not a list' : ''}.`,
    );
  for (const [k, v] of Object.entries(value)) {
    const fieldCode = Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined;
    if (fieldCode === undefined) {
      const near = nearest(k, Object.keys(fields));
      out.push(`Card: unknown field “${k}” at ${path}${near ? ` — did you mean “${near}”?` : '.'}`);
      continue;
    }
    checkValue(v, fieldCode, `${path}.${k}`, schema, out);
  }
}

/** The known name closest to a misspelt one: same letters in another case, or at most 2 edits away
 *  (1 for short names, where 2 edits would suggest nonsense). */
export function nearest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameLetters = known.find((k) => k.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

function bad(reason: string): CardsResult {
  return { ok: false, reason };
}
