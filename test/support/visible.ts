// Everything a person (or a log reader) can see after runs: where a secret must never show up.
import type { World } from './world';

/** Every cell, note, formula, log line, toast, alert and execution error the sandbox holds, as one text. */
export function everythingVisible(w: World): string {
  const parts: string[] = [];
  for (const s of w.sb.workbook.sheets) {
    const v = w.sb.workbook.sheet(s.name);
    parts.push(
      JSON.stringify(v.values),
      JSON.stringify(v.display),
      JSON.stringify(v.notes),
      JSON.stringify(v.formulas),
    );
  }
  parts.push(JSON.stringify(w.sb.logs), JSON.stringify(w.sb.executions.map((e) => [e.error, e.logs])));
  parts.push(JSON.stringify(w.sb.ui.toasts), JSON.stringify(w.sb.ui.alerts));
  return parts.join('\n');
}

/** The key and token of a webhook URL (and the token as it looks URL-encoded). */
export function secretsOf(url: string): string[] {
  const q = new URL(url).searchParams;
  return [q.get('key')!, q.get('token')!, encodeURIComponent(q.get('token')!)];
}

/** Why a Detail is not the one readable line PRODUCT.md promises, or null when it is. */
export function unreadable(detail: string): string | null {
  if (/\p{Cc}/u.test(detail)) return 'has line breaks or control characters';
  if (detail.length > 500) return `is ${detail.length} characters long`;
  if (/\bat [\w$.<>]+ \(|\.[jt]s:\d+:\d+|^\w*Error: /.test(detail)) return 'looks like a stack trace';
  if (/\{\s*"error"|"(code|status|message|details)"\s*:/.test(detail)) return 'holds raw JSON';
  if (/\bundefined\b|\[object \w+\]|\bNaN\b/.test(detail)) return 'shows a programming value';
  return null;
}
