// The sidebar's server side: one Messages row as the Messages tab's own planner sees it (the same
// validation and message building as checkRows and a run), and the “Check this row” / “Send this row”
// buttons. Plain TypeScript on the Env, like the rest of the core.
import { errorText } from '../text/error-text';
import { normaliseStatus, takenByDefault } from '../contract/statuses';
import { MESSAGES } from '../contract/tabs';
import type { Env } from '../engine/env';
import { redact } from '../text/redact';
import { LOCK_WAIT_MS, Run } from '../engine/run';
import { describeCounts, processTab, runStep, type Plan } from '../engine/step';
import { sizeText } from '../messages/attachment';
import { normaliseCards } from '../messages/card';
import { fillCard, fillText, lookupFrom, type Lookup } from '../messages/template';
import type { UiPort } from '../platform/ports';
import type { Row } from '../sheet/table';
import { cellText } from '../tabs/fields';
import { messagesTab, type MessageRecord } from '../tabs/messages';
import { PASTED_WEBHOOKS } from '../tabs/steps';
import type { ActionResult, CheckKind, PreviewResult, RowPreview } from './model';

const SELECT_FIRST =
  'Select a row below the header on the Messages tab, then click “Preview the selected row”.';

/** The row asked for, or the first selected row of the Messages tab. */
export function previewRow(env: Env, row?: unknown): PreviewResult {
  let n = rowNumber(row);
  if (n === null) {
    const sel = env.workbook.selection();
    if (sel.sheet !== MESSAGES.name) return { ok: false, reason: SELECT_FIRST };
    n = sel.rows.find((r) => r > 1) ?? null;
    if (n === null) return { ok: false, reason: SELECT_FIRST };
  }
  return clean(preview(env, n));
}

function preview(env: Env, n: number): PreviewResult {
  const run = new Run(env);
  run.check = true; // read only: no Keys assigned, nothing written
  const table = run.table(MESSAGES);
  if (typeof table === 'string') return { ok: false, reason: table };
  const row = table.rows.find((r) => r.row === n);
  if (!row) return { ok: false, reason: `Messages row ${n} is empty: write a Text or a Card in it first.` };
  const tab = messagesTab.open(run, table);

  const status = normaliseStatus(row.get('Status'));
  const plan = tab.plan(row, status);
  let record = plan.kind === 'ready' ? plan.record : null;
  if (plan.kind === 'later') {
    // A scheduled row is valid: plan it as the test send would, to get the exact message.
    run.sendNow = true;
    const now = tab.plan(row, status);
    if (now.kind === 'ready') record = now.record;
  }
  const settled = !takenByDefault(status);
  const check = settled
    ? { kind: 'settled' as const, text: `${status}: ${cellText(row.get('Detail')) || 'no detail.'}` }
    : verdict(plan);
  return {
    ok: true,
    row: n,
    key: cellText(row.get('Key')),
    status,
    detail: cellText(row.get('Detail')),
    action: cellText(row.get('Action')).toUpperCase() || 'SEND',
    to: destination(row, record),
    sender: senderOf(row, env),
    threadKey: cellText(row.get('Thread key')),
    sendAt: row.display('Send at'),
    message: record ? messageOf(record) : bestEffort(row),
    exact: record !== null,
    check,
    send: settled
      ? {
          ok: false,
          why: `This row is ${status}: to send it again on purpose, clear its Status and Key.`,
        }
      : check.kind === 'invalid'
        ? { ok: false, why: 'Fix the row first (see above).' }
        : { ok: true, why: '' },
    attachment: attachmentOf(row, record),
    privateTo: cellText(row.get('Visible to')),
    reactions: status === 'DONE' ? reactionsOf(cellText(row.get('Reactions'))) : [],
  };
}

function attachmentOf(row: Row, record: MessageRecord | null): RowPreview['attachment'] {
  const a = record?.attachment;
  if (a) return { name: a.name, size: a.size ? sizeText(a.size) : 'as PDF' };
  const typed = cellText(row.get('Attachment'));
  return typed ? { name: typed, size: '' } : null;
}

/** `👍 12 · 🎉 3` (as Refresh messages writes Reactions) → chips; a part without a count is left out. */
export function reactionsOf(cell: string): RowPreview['reactions'] {
  const out: RowPreview['reactions'] = [];
  for (const part of cell.split('·')) {
    const m = /^(.+?)\s+(\d+)$/.exec(part.trim());
    if (m) out.push({ emoji: m[1], count: Number(m[2]) });
  }
  return out;
}

/** Where the row goes, as the person typed it and as it resolves. */
function destination(row: Row, record: MessageRecord | null): string {
  const alias = cellText(row.get('Webhook'));
  const spaceRaw = cellText(row.get('Space'));
  const target = record?.target;
  if (target?.kind === 'space')
    return target.space === spaceRaw ? target.space : `${spaceRaw} (${target.space})`;
  if (target) return `webhook ${target.alias} (${target.hook.space})`;
  return alias && !spaceRaw ? `webhook ${alias}` : spaceRaw || '(no space)';
}

/** Who the message will be from: the webhook, the Chat app, or the person running. */
function senderOf(row: Row, env: Env): RowPreview['sender'] {
  const alias = cellText(row.get('Webhook'));
  if (alias && !cellText(row.get('Space'))) return { name: alias, kind: 'webhook' };
  if (cellText(row.get('As')).toUpperCase() === 'APP') return { name: 'Chat app', kind: 'app' };
  return { name: env.userEmail() || 'You', kind: 'human' };
}

function verdict(plan: Plan<MessageRecord>): { kind: CheckKind; text: string } {
  if (plan.kind === 'invalid') return { kind: 'invalid', text: plan.reason };
  if (plan.kind === 'waiting') return { kind: 'waiting', text: plan.reason };
  if (plan.kind === 'later') return { kind: 'scheduled', text: plan.reason };
  if (plan.kind === 'ready') return { kind: 'ready', text: `Would ${plan.preview}` };
  if (plan.kind === 'done') return { kind: 'settled', text: plan.detail };
  return { kind: 'settled', text: 'Nothing to do for this row.' };
}

function messageOf(rec: MessageRecord): RowPreview['message'] {
  const m: RowPreview['message'] = {};
  if (rec.message.text !== undefined && rec.message.text !== null) m.text = rec.message.text;
  if (rec.message.cardsV2) m.cardsV2 = rec.message.cardsV2;
  return m;
}

/** For a row the planner refused: the same template filling, unknown placeholders left visible, and the
 *  card shown even when Chat's schema check failed (its unknown parts appear as labelled boxes). */
function bestEffort(row: Row): RowPreview['message'] {
  const lookup = lookupFrom(row.headers.map((h, i) => [h, row.displayAt(i)] as const));
  const lenient: Lookup = (h) => lookup(h) ?? `{{${h}}}`;
  const m: RowPreview['message'] = {};
  const text = cellText(row.get('Text'));
  if (text) {
    const filled = fillText(text, lenient);
    if (filled.ok) m.text = filled.text;
  }
  const card = cellText(row.get('Card'));
  if (card) {
    const shaped = normaliseCards(card, (i) => `card-${i + 1}`);
    const filled = shaped.ok ? fillCard(shaped.cardsV2, lenient) : null;
    if (filled?.ok) m.cardsV2 = filled.card;
  }
  return m;
}

/** “Check this row”: checkRows for this one row, written to its Status and Detail the same way. */
export function checkRow(env: Env, row: unknown): ActionResult {
  const n = requireRow(row);
  const { env: e, report } = reporting(env);
  if (!e.lock.tryLock(LOCK_WAIT_MS)) {
    report.push('Another Chat run is working on this spreadsheet. Try again in a minute.');
    return { report, preview: previewRow(env, n) };
  }
  try {
    const run = new Run(e);
    run.check = true;
    runStep(run, PASTED_WEBHOOKS, { check: true });
    const counts = processTab(run, messagesTab, { check: true, rows: new Set([n]) });
    run.flush();
    report.push(...run.problems, ...run.summary);
    if (counts && Object.keys(counts).length) report.push(describeCounts(MESSAGES.name, counts));
  } finally {
    e.lock.release();
  }
  return { report: report.map(redact), preview: previewRow(env, n) };
}

/** “Send this row”: Run selected rows on this one row (a scheduled message goes now: the test send).
 *  app.ts hands that job in, so the sidebar's side does not depend on the jobs. */
export function sendRow(
  env: Env,
  row: unknown,
  runSelectedMessages: (env: Env, rows: number[]) => void,
): ActionResult {
  const n = requireRow(row);
  const { env: e, report } = reporting(env);
  runSelectedMessages(e, [n]);
  return { report: report.map(redact), preview: previewRow(env, n) };
}

/** The Env with toasts and alerts collected for the sidebar to show, instead of popping up over it. */
function reporting(env: Env): { env: Env; report: string[] } {
  const report: string[] = [];
  const ui: UiPort | null = env.ui && {
    ...env.ui,
    toast: (message) => void report.push(message),
    alert: (title, message) => void report.push(`${title}: ${message}`),
  };
  return { env: { ...env, ui }, report };
}

/** A sidebar call: its error reaches the page (withFailureHandler) without secrets. */
export function sidebarCall<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    // A new error on purpose, without the original as its cause: the original's text may hold a secret.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(errorText(err));
  }
}

function rowNumber(row: unknown): number | null {
  return typeof row === 'number' && Number.isInteger(row) && row > 1 ? row : null;
}

function requireRow(row: unknown): number {
  const n = rowNumber(row);
  if (n === null)
    throw new Error(`Which row? Expected a Messages row number below the header, got ${String(row)}.`);
  return n;
}

/** Every text that leaves for the page goes through redact(), whatever produced it. */
function clean<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = clean(v);
    return out as T;
  }
  return value;
}
