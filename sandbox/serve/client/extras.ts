// What the viewer draws around a message besides the sidebar's own renderer: a private note's label, its
// attachments and its reaction chips, from the Message JSON the emulator answers (privateMessageViewer,
// attachment, emojiReactionSummaries).
import { escapeHtml } from '../../../src/preview/render';

type Json = Record<string, unknown>;
const asList = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

export const EXTRAS_CSS = `
.v-private{color:#5f6368;font-size:11px;font-style:italic;margin-top:4px}
.v-extras{display:flex;flex-wrap:wrap;gap:4px;margin:2px 0 6px}
.v-attach{border:1px solid #c4c7c5;border-radius:8px;padding:2px 8px;font-size:12px}
.v-chip{background:#e8f0fe;border-radius:12px;padding:0 8px;font-size:12px}
`;

/** What Chat draws around a message that the sidebar's renderer doesn't: a private note's label, its
 *  attachments and its reaction chips. */
export function extras(message: Json, names: Record<string, string>): string {
  const viewer = (message.privateMessageViewer as Json | undefined)?.name;
  const label = viewer
    ? `<div class="v-private" data-private="${escapeHtml(viewer)}">Only visible to ${escapeHtml(names[String(viewer)] ?? viewer)}</div>`
    : '';
  const files = asList(message.attachment).map(
    (a) =>
      `<span class="v-attach" data-attachment="${escapeHtml(a.contentName)}">📎 ${escapeHtml(a.contentName)}</span>`,
  );
  const chips = asList(message.emojiReactionSummaries).map((r) => {
    const e = (r.emoji ?? {}) as Json;
    const glyph = e.unicode ?? (e.customEmoji as Json | undefined)?.emojiName ?? '?';
    return `<span class="v-chip" data-reaction="${escapeHtml(glyph)}">${escapeHtml(glyph)} ${escapeHtml(r.reactionCount)}</span>`;
  });
  const row = [...files, ...chips];
  return label + (row.length ? `<div class="v-extras">${row.join('')}</div>` : '');
}
