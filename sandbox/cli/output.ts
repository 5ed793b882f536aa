// What the sandbox CLI prints: each tab as a table (long cells cut) with its Detail column listed whole
// below it, dialogs as text, and the summary with Chat's own 429s apart from the injected faults.
import type { ChatStats } from '../chat/emulator';
import type { DialogRecord } from '../runtime';

/** Columns shown whole under the table instead of cut inside it. */
const WHOLE = ['detail'];

const letters = (n: number): string => {
  let s = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
};

/** Folds `text` to `width` columns at spaces; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.join(`\n${indent}`);
}

/**
 * A tab's displayed values as an aligned table with row numbers and column letters. Cells longer than
 * `maxWidth` are cut with “…”, except the Detail column: it is left out of the table and each row's Detail
 * is listed whole beneath it (folded to `width`), so the advice in it can be read.
 */
export function tabText(name: string, display: string[][], maxWidth = 36, width = 120): string {
  if (!display.length || display.every((r) => r.every((v) => !v))) return `${name} (empty)`;
  const cols = Math.max(...display.map((r) => r.length));
  const header = display[0] ?? [];
  const whole = new Set(
    header.flatMap((h, j) => (WHOLE.includes(h.replace(/\s+/g, '').toLowerCase()) ? [j] : [])),
  );
  const shownCols = Array.from({ length: cols }, (_, j) => j).filter((j) => !whole.has(j));
  const cut = (v: string) => {
    const one = v.replace(/\n/g, '⏎');
    return one.length > maxWidth ? one.slice(0, maxWidth - 1) + '…' : one;
  };
  const table = [
    ['', ...shownCols.map(letters)],
    ...display.map((r, i) => [String(i + 1), ...shownCols.map((j) => cut(r[j] ?? ''))]),
  ];
  const widths = table[0].map((_, j) => Math.max(...table.map((r) => r[j].length)));
  const lines = [
    name,
    ...table.map((r) =>
      r
        .map((v, j) => v.padEnd(widths[j]))
        .join(' │ ')
        .trimEnd(),
    ),
  ];
  for (const j of whole) {
    const rows = display.slice(1).flatMap((r, i) => (r[j] ? [{ row: i + 2, text: r[j] }] : []));
    if (!rows.length) continue;
    lines.push(`${header[j]} (column ${letters(j)}), whole:`);
    const pad = Math.max(...rows.map((r) => String(r.row).length));
    const indent = ' '.repeat(pad + 4);
    for (const r of rows)
      lines.push(
        `  ${String(r.row).padStart(pad)}  ${wrap(r.text, Math.max(40, width - indent.length), indent)}`,
      );
  }
  return lines.join('\n');
}

/** An alert or prompt the script showed, as a person would read it, with the scripted answer. */
export function dialogText(d: DialogRecord): string {
  const title = d.title ? `“${d.title}” ` : '';
  const said = d.prompt.replace(/\s*\n\s*/g, ' ').trim();
  const answer = d.answer.text !== undefined ? `${d.answer.button}, “${d.answer.text}”` : d.answer.button;
  return `${d.kind} ${title}— ${said} [answered ${answer}]`;
}

/** Chat's part of the summary: writes, the 429s its rate limits gave, and the faults --fault injected. */
export function chatSummary(stats: ChatStats): string {
  const injected = Object.entries(stats.injected)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, n]) => `${n} × ${status}`);
  return (
    `Chat: ${stats.writes} write${stats.writes === 1 ? '' : 's'}, ${stats.throttled} × 429 from its rate limits` +
    (injected.length ? `; injected by --fault: ${injected.join(', ')}` : '')
  );
}

/** "yyyy-MM-dd HH:mm" of a moment in a time zone: as a person reads (or types) it there. */
export function wallClock(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** A time as a person reads it: in the spreadsheet's zone, named, e.g. "2026-01-05 10:05 (Europe/Paris)". */
export function localTime(ms: number, timeZone: string): string {
  return `${wallClock(ms, timeZone)} (${timeZone})`;
}
