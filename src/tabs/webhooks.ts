import { WEBHOOKS } from '../contract/tabs';
import { errorText } from '../text/error-text';
import { redact } from '../text/redact';
import type { Run } from '../engine/run';
import type { Plan, Tab } from '../engine/step';
import type { Row, Table } from '../sheet/table';
import { isRedacted, parseWebhookUrl, redactedUrl, WebhookStore } from '../webhooks/webhook-url';
import { cellText, Fields, isSheetError } from './fields';

/** Aliases name script properties: short names keep them well inside the store's limits. */
const MAX_ALIAS = 100;

/**
 * The Webhooks tab never calls Chat (it has no task): a pasted URL is checked, stored in the script's
 * properties and replaced by its redacted form — in checks too, since a secret must not stay in the
 * sheet. A row whose URL cell holds a real URL is taken whatever its Status.
 */
export const webhooksTab: Tab<never> = {
  spec: WEBHOOKS,
  stamp: null,

  open(run, table) {
    const aliasRows = new Map<string, number[]>();
    for (const r of table.rows) {
      const alias = cellText(r.get('Alias'));
      if (alias) aliasRows.set(alias, [...(aliasRows.get(alias) ?? []), r.row]);
    }
    return {
      always: (row) => {
        const url = cellText(row.get('URL'));
        return url !== '' && !isRedacted(url);
      },
      plan: (row) => planWebhook(row, run, table, aliasRows),
      finish(opts) {
        // Deleting a row forgets its webhook (only when the run went through the whole tab).
        if (opts.rows || opts.statuses || opts.freshOnly) return;
        const store = new WebhookStore(run.env.store);
        for (const alias of store.aliases()) if (!aliasRows.has(alias)) store.forget(alias);
      },
    };
  },
};

function planWebhook(row: Row, run: Run, table: Table, aliasRows: Map<string, number[]>): Plan<never> {
  const store = new WebhookStore(run.env.store);
  const f = new Fields(row);
  const alias = f.text('Alias', {
    required: 'Alias is empty: give the webhook a name for the Messages tab’s Webhook column.',
  });
  const url = f.text('URL');
  if (alias.length > MAX_ALIAS)
    f.errors.push(`Alias is ${alias.length} characters long: keep it to at most ${MAX_ALIAS}.`);
  const dupes = alias ? (aliasRows.get(alias) ?? []) : [];
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
    if (url && redact(url) !== url) table.set(row.row, { URL: redact(url) });
    return { kind: 'invalid', reason: f.reason };
  }
  try {
    store.set(alias, parsed.hook);
  } catch (e) {
    // The secret can't be kept outside the sheet, and must not stay in it: the user pastes it again.
    table.set(row.row, { URL: redactedUrl(parsed.hook.space) });
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
}
