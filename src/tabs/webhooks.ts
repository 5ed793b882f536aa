import { WEBHOOKS } from '../contract/tabs';
import { errorText } from '../text/error-text';
import { redact } from '../text/redact';
import type { Run } from '../engine/run';
import type { Plan, TabHandler } from '../engine/step';
import type { Row } from '../sheet/table';
import { isRedacted, parseWebhookUrl, redactedUrl, WebhookStore } from '../webhooks/webhook-url';
import { cellText, Fields, isSheetError } from './fields';

const aliasRows = new WeakMap<Run, Map<string, number[]>>();
/** Aliases name script properties: short names keep them well inside the store's limits. */
const MAX_ALIAS = 100;

/**
 * The Webhooks tab never calls Chat: a pasted URL is checked, stored in the script's properties and
 * replaced by its redacted form — in checks too, since a secret must not stay in the sheet. A row whose
 * URL cell holds a real URL is taken whatever its Status.
 */
export const webhooksTab: TabHandler<never> = {
  spec: WEBHOOKS,
  stamp: null,

  prepare(run, table) {
    const rows = new Map<string, number[]>();
    for (const r of table.rows) {
      const alias = cellText(r.get('Alias'));
      if (alias) rows.set(alias, [...(rows.get(alias) ?? []), r.row]);
    }
    aliasRows.set(run, rows);
    return null;
  },

  always: (row: Row) => {
    const url = cellText(row.get('URL'));
    return url !== '' && !isRedacted(url);
  },

  plan(row, _status, run): Plan<never> {
    const store = new WebhookStore(run.env.store);
    const f = new Fields(row);
    const alias = f.text('Alias', {
      required: 'Alias is empty: give the webhook a name for the Messages tab’s Webhook column.',
    });
    const url = f.text('URL');
    if (alias.length > MAX_ALIAS)
      f.errors.push(`Alias is ${alias.length} characters long: keep it to at most ${MAX_ALIAS}.`);
    const dupes = alias ? (aliasRows.get(run)!.get(alias) ?? []) : [];
    if (dupes.length > 1)
      f.errors.push(`Alias “${alias.slice(0, 40)}” is on rows ${dupes.join(', ')}: aliases must be unique.`);
    if (!url && !isSheetError(row.get('URL')))
      f.errors.push(
        'URL is empty: paste the incoming-webhook URL from the space’s Apps & integrations → Webhooks.',
      );
    if (url && isRedacted(url)) {
      if (f.ok && store.get(alias))
        return { kind: 'done', detail: 'Stored outside the sheet (script properties).' };
      f.errors.push(
        'URL shows only a redacted webhook and none is stored for this alias: paste the full URL again.',
      );
      return { kind: 'invalid', reason: f.reason };
    }
    const parsed = url ? parseWebhookUrl(url) : null;
    if (parsed && !parsed.ok) f.errors.push(parsed.reason);
    if (!f.ok || !parsed?.ok) {
      // Whatever was pasted may hold a key or token: keep only its redacted form in the sheet.
      if (url && redact(url) !== url) run.tableOf(WEBHOOKS)?.set(row.row, { URL: redact(url) });
      return { kind: 'invalid', reason: f.reason };
    }
    try {
      store.set(alias, parsed.hook);
    } catch (e) {
      // The secret can't be kept outside the sheet, and must not stay in it: the user pastes it again.
      run.tableOf(WEBHOOKS)?.set(row.row, { URL: redactedUrl(parsed.hook.space) });
      return {
        kind: 'invalid',
        reason: `URL could not be stored in the script’s properties (${errorText(e)}): remove Webhooks rows you no longer use, then paste the URL again.`,
      };
    }
    return {
      kind: 'done',
      detail: `Stored outside the sheet (script properties); posts go to ${parsed.hook.space}.`,
      outputs: { URL: redactedUrl(parsed.hook.space) },
    };
  },

  task() {
    throw new Error('the Webhooks tab plans no Chat calls');
  },

  finish(run, opts) {
    // Deleting a row forgets its webhook (only when the whole tab was read, not a selection).
    if (opts.rows || opts.statuses) return;
    const store = new WebhookStore(run.env.store);
    const listed = aliasRows.get(run)!;
    for (const alias of store.aliases()) if (!listed.has(alias)) store.forget(alias);
  },
};
