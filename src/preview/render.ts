// One renderer for the spreadsheet's sidebar and the sandbox's Chat viewer: a Chat message (text with
// Chat's formatting, cardsV2) as an HTML string. Plain TypeScript, no DOM, so it is tested as strings.
// Everything in a message is user text and treated as hostile: every value is escaped, only http(s) and
// mailto links survive, and the few tags Chat allows in card text are rebuilt, never passed through.
// Values are read defensively (a card that failed the schema check is still previewed).

type Json = Record<string, unknown>;

export interface MessageView {
  /** Who sends it, as Chat shows it above the message. */
  sender?: { name: string; kind?: 'human' | 'app' | 'webhook' };
  /** Shown beside the sender (already formatted). */
  time?: string;
  edited?: boolean;
  /** Display names for `<users/…>` mentions. */
  names?: Record<string, string>;
  /** Files attached to it: the name, and the size in words ('' when not known). */
  attachments?: { name: string; size: string }[];
  /** A private note: who alone will see it (privateMessageViewer). */
  privateTo?: string;
  /** Its reactions as Chat counts them. */
  reactions?: { emoji: string; count: number }[];
}

export interface RenderOptions {
  names?: Record<string, string>;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown): Json => (isObject(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A link target Chat would open, or null: scripts, data and relative URLs never become links. */
export function safeUrl(url: unknown): string | null {
  const u = str(url).trim();
  return /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)$/i.test(u) ? u : null;
}

/** A web image address, or null. */
function safeImage(url: unknown): string | null {
  const u = str(url).trim();
  return /^https?:\/\/[^\s<>"]+$/i.test(u) ? u : null;
}

function link(url: string, inner: string, cls = 'c-link'): string {
  return `<a class="${cls}" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${inner}</a>`;
}

// ---- message text: Chat's own markup -------------------------------------------------------------------

const CODE_BLOCK = /```([\s\S]*?)```/g;
// Inline code, <url|label>, <url>, <users/…> mentions, then bare web addresses.
const INLINE =
  /`([^`\n]+)`|<((?:https?:\/\/|mailto:)[^|<>\s]+)\|([^<>\n]*)>|<((?:https?:\/\/|mailto:)[^<>\s]+)>|<(users\/[^<>\s]+)>|(https?:\/\/[^\s<>]+)/gi;
// *bold*, _italic_, ~strike~: the marker must open after a non-word character and close before one, and
// the text inside must not start or end with a space (as in Chat: 2*3*4 stays as it is).
const EMPHASIS = /(^|[^\p{L}\p{N}])([*_~])(?!\s)([^\n]*?[^\s])\2(?![\p{L}\p{N}])/gu;
const EMPHASIS_TAG: Record<string, string> = { '*': 'b', _: 'i', '~': 's' };

/** Message text as Chat shows it: formatting applied, everything else literal (newlines kept by CSS). */
export function renderText(text: string, opts: RenderOptions = {}): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CODE_BLOCK)) {
    out += inline(text.slice(last, m.index), last === 0 || text[last - 1] === '\n', opts);
    out += `<pre class="c-pre">${escapeHtml(m[1].replace(/^\n/, ''))}</pre>`;
    last = m.index + m[0].length;
  }
  return out + inline(text.slice(last), last === 0 || text[last - 1] === '\n', opts);
}

function inline(text: string, atLineStart: boolean, opts: RenderOptions): string {
  let out = '';
  let last = 0;
  const plain = (end: number) =>
    lines(text.slice(last, end), last === 0 ? atLineStart : text[last - 1] === '\n');
  for (const m of text.matchAll(INLINE)) {
    out += plain(m.index);
    last = m.index + m[0].length;
    const [, code, labelled, label, angled, mention, bare] = m;
    if (code !== undefined) out += `<code class="c-code">${escapeHtml(code)}</code>`;
    else if (labelled !== undefined) out += link(labelled, escapeHtml(label || labelled));
    else if (angled !== undefined) out += link(angled, escapeHtml(angled));
    else if (mention !== undefined) out += mentionHtml(mention, opts.names);
    else {
      const url = trimUrl(bare);
      out += link(url, escapeHtml(url));
      last -= bare.length - url.length; // the punctuation left over is text
    }
  }
  return out + plain(text.length);
}

/** A sentence's closing punctuation is not part of a bare address; a closing bracket is when it pairs. */
function trimUrl(url: string): string {
  const count = (s: string, c: string) => s.split(c).length - 1;
  let u = url;
  while (/[.,;:!?'"]$/.test(u) || (u.endsWith(')') && count(u, ')') > count(u, '('))) u = u.slice(0, -1);
  return u;
}

function mentionHtml(name: string, names: Record<string, string> = {}): string {
  const shown = name === 'users/all' ? 'all' : (names[name] ?? name);
  return `<span class="c-mention" data-user="${escapeHtml(name)}">@${escapeHtml(shown)}</span>`;
}

/** Lines starting with `* ` or `- ` are list items (Chat shows a bullet); the rest is emphasis. */
function lines(text: string, atLineStart: boolean): string {
  return text
    .split('\n')
    .map((line, i) => {
      const item = (i > 0 || atLineStart) && /^[*-] (?=\S)/.test(line);
      return item ? `<span class="c-bullet">•</span> ${emphasis(line.slice(2))}` : emphasis(line);
    })
    .join('\n');
}

function emphasis(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(EMPHASIS)) {
    const [whole, before, marker, inner] = m;
    out += escapeHtml(text.slice(last, m.index)) + escapeHtml(before);
    const tag = EMPHASIS_TAG[marker];
    out += `<${tag}>${emphasis(inner)}</${tag}>`;
    last = m.index + whole.length;
  }
  return out + escapeHtml(text.slice(last));
}

// ---- card text: the small HTML subset Chat allows -------------------------------------------------------

const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'br',
  'a',
  'font',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
]);
const VOID_TAGS = new Set(['br']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>/g;

function attr(attrs: string, name: string): string {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attrs);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&') : '';
}

/**
 * Card text: Chat's tags (<b>, <i>, <u>, <s>, <font color>, <a href>, <br>, lists, code) rebuilt without
 * any other attribute, every other tag shown as text, and every tag opened here closed here, so nothing
 * leaks into the rest of the page. `markdown` is the newer textSyntax MARKDOWN: Chat's message markup.
 */
export function renderCardText(text: unknown, markdown = false, opts: RenderOptions = {}): string {
  const raw = str(text);
  if (markdown) return renderText(raw, opts);
  const open: string[] = [];
  let out = '';
  let last = 0;
  for (const m of raw.matchAll(TAG)) {
    out += escapeHtml(raw.slice(last, m.index));
    last = m.index + m[0].length;
    const [whole, closing, rawName, attrs] = m;
    const name = rawName.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) {
      out += escapeHtml(whole);
      continue;
    }
    if (VOID_TAGS.has(name)) {
      if (!closing) out += '<br>';
      continue;
    }
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at < 0) continue; // a stray closing tag closes nothing
      while (open.length > at) out += close(open.pop()!);
      continue;
    }
    if (name === 'a') {
      const href = safeUrl(attr(attrs, 'href'));
      if (!href || open.includes('a')) continue;
      out += `<a class="c-link" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">`;
    } else if (name === 'font') {
      const color = attr(attrs, 'color');
      out += /^(#[0-9a-f]{3,8}|[a-z]{3,20})$/i.test(color) ? `<span style="color:${color}">` : '<span>';
    } else out += `<${name}>`;
    open.push(name);
  }
  out += escapeHtml(raw.slice(last));
  while (open.length) out += close(open.pop()!);
  return out;
}

const close = (name: string) => (name === 'font' ? '</span>' : `</${name}>`);

// ---- cards ----------------------------------------------------------------------------------------------

/** Keys of a widget that are not the widget itself. */
const WIDGET_META = new Set(['horizontalAlignment', 'id', 'visibility', 'eventActions']);

const KNOWN_ICONS: Record<string, string> = {
  AIRPLANE: '✈',
  BOOKMARK: '🔖',
  BUS: '🚌',
  CAR: '🚗',
  CLOCK: '🕒',
  CONFIRMATION_NUMBER_ICON: '🎫',
  DESCRIPTION: '📄',
  DOLLAR: '$',
  EMAIL: '✉',
  EVENT_SEAT: '💺',
  FLIGHT_ARRIVAL: '🛬',
  FLIGHT_DEPARTURE: '🛫',
  HOTEL: '🏨',
  HOTEL_ROOM_TYPE: '🛏',
  INVITE: '✉',
  MAP_PIN: '📍',
  MEMBERSHIP: '🪪',
  MULTIPLE_PEOPLE: '👥',
  PERSON: '👤',
  PHONE: '📞',
  RESTAURANT_ICON: '🍴',
  SHOPPING_CART: '🛒',
  STAR: '★',
  STORE: '🏬',
  TICKET: '🎟',
  TRAIN: '🚆',
  VIDEO_CAMERA: '🎥',
  VIDEO_PLAY: '▶',
};

function icon(value: unknown): string {
  const i = obj(value);
  const alt = escapeHtml(str(i.altText));
  const url = safeImage(i.iconUrl);
  if (url)
    return `<img class="c-icon${str(i.imageType) === 'CIRCLE' ? ' c-circle' : ''}" src="${escapeHtml(url)}" alt="${alt}">`;
  const known = str(i.knownIcon);
  if (known)
    return `<span class="c-icon" title="${escapeHtml(known)}">${escapeHtml(KNOWN_ICONS[known] ?? '◆')}</span>`;
  const material = str(obj(i.materialIcon).name);
  if (material) return `<span class="c-icon c-material" title="${escapeHtml(material)}">◆</span>`;
  return '';
}

/** Chat's Color (0–1 floats) as CSS; anything else is no colour at all. */
function color(value: unknown): string | null {
  const c = obj(value);
  const part = (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 1 ? Math.round(v * 255) : 0);
  if (!['red', 'green', 'blue'].some((k) => typeof c[k] === 'number')) return null;
  const alpha = typeof c.alpha === 'number' && c.alpha >= 0 && c.alpha <= 1 ? c.alpha : 1;
  return `rgba(${part(c.red)}, ${part(c.green)}, ${part(c.blue)}, ${alpha})`;
}

function button(value: unknown, cls = 'c-button'): string {
  const b = obj(value);
  const kind = str(b.type).toUpperCase();
  const variant = kind === 'OUTLINED' ? ' c-outlined' : kind === 'BORDERLESS' ? ' c-borderless' : ' c-filled';
  const bg = kind === 'OUTLINED' || kind === 'BORDERLESS' ? null : color(b.color);
  const style = bg ? ` style="background:${bg}"` : '';
  const label = `${icon(b.icon)}${escapeHtml(str(b.text) || str(b.altText) || (b.icon ? '' : 'Button'))}`;
  const url = safeUrl(obj(obj(b.onClick).openLink).url);
  const disabled = b.disabled === true ? ' c-disabled' : '';
  const c = `${cls}${variant}${disabled}`;
  if (url && !disabled) return link(url, label, c).replace('<a ', `<a${style} `);
  return `<span class="${c}"${style}>${label}</span>`;
}

function image(value: unknown): string {
  const i = obj(value);
  const url = safeImage(i.imageUrl ?? i.imageUri);
  const alt = escapeHtml(str(i.altText));
  if (!url) return `<div class="c-image c-missing">${alt || 'image'}</div>`;
  return `<img class="c-image" src="${escapeHtml(url)}" alt="${alt}">`;
}

function boxed(kind: string, label: string, known: boolean): string {
  const title = known ? kind : `Unknown widget “${kind}”`;
  return (
    `<div class="c-box${known ? '' : ' c-unknown'}" data-widget="${escapeHtml(kind)}">` +
    `<span class="c-box-kind">${escapeHtml(title)}</span>` +
    (label ? `<span class="c-box-label">${escapeHtml(label)}</span>` : '') +
    `</div>`
  );
}

type WidgetRenderer = (value: Json, opts: RenderOptions) => string;

const WIDGETS: Record<string, WidgetRenderer> = {
  textParagraph: (w, o) => {
    const lines = typeof w.maxLines === 'number' && w.maxLines > 0 ? Math.floor(w.maxLines) : 0;
    const clamp = lines ? ` c-clamp" style="-webkit-line-clamp:${lines}` : '';
    return `<div class="c-text${clamp}">${renderCardText(w.text, str(w.textSyntax) === 'MARKDOWN', o)}</div>`;
  },
  decoratedText: (w, o) => {
    const label = (plain: unknown, rich: unknown) => {
      const r = obj(rich);
      return r.text !== undefined
        ? renderCardText(r.text, str(r.textSyntax) === 'MARKDOWN', o)
        : renderCardText(plain);
    };
    const top = w.topLabel !== undefined || w.topLabelText !== undefined;
    const bottom = w.bottomLabel !== undefined || w.bottomLabelText !== undefined;
    const end = w.button
      ? button(w.button)
      : w.switchControl
        ? switchControl(w.switchControl)
        : w.endIcon
          ? icon(w.endIcon)
          : '';
    return (
      `<div class="c-deco">` +
      (w.startIcon || w.icon ? `<div class="c-deco-icon">${icon(w.startIcon ?? w.icon)}</div>` : '') +
      `<div class="c-deco-body">` +
      (top ? `<div class="c-label">${label(w.topLabel, w.topLabelText)}</div>` : '') +
      `<div class="c-deco-text${w.wrapText === false ? ' c-nowrap' : ''}">${label(w.text, w.contentText)}</div>` +
      (bottom ? `<div class="c-label">${label(w.bottomLabel, w.bottomLabelText)}</div>` : '') +
      `</div>` +
      (end ? `<div class="c-deco-end">${end}</div>` : '') +
      `</div>`
    );
  },
  buttonList: (w) =>
    `<div class="c-buttons">${list(w.buttons)
      .map((b) => button(b))
      .join('')}</div>`,
  chipList: (w) =>
    `<div class="c-buttons">${list(w.chips)
      .map((c) => button({ ...obj(c), text: obj(c).label, type: 'OUTLINED' }, 'c-chip'))
      .join('')}</div>`,
  image: (w) => image(w),
  divider: () => '<hr class="c-divider">',
  columns: (w, o) =>
    `<div class="c-columns">${list(w.columnItems)
      .map((c) => `<div class="c-column">${widgets(obj(c).widgets, o)}</div>`)
      .join('')}</div>`,
  grid: (w) => {
    const n =
      typeof w.columnCount === 'number' && w.columnCount >= 1 ? Math.min(Math.floor(w.columnCount), 6) : 2;
    const items = list(w.items).map((v) => {
      const it = obj(v);
      return (
        `<div class="c-grid-item">` +
        (it.image ? image(obj(it.image)) : '') +
        (it.title !== undefined ? `<div class="c-grid-title">${escapeHtml(str(it.title))}</div>` : '') +
        (it.subtitle !== undefined ? `<div class="c-label">${escapeHtml(str(it.subtitle))}</div>` : '') +
        `</div>`
      );
    });
    return (
      `<div class="c-grid">` +
      (w.title !== undefined ? `<div class="c-grid-heading">${escapeHtml(str(w.title))}</div>` : '') +
      `<div class="c-grid-items" style="grid-template-columns:repeat(${n},minmax(0,1fr))">${items.join('')}</div>` +
      `</div>`
    );
  },
  // Inputs only do something in a card an app answers; shown as what they ask for.
  textInput: (w) => boxed('textInput', str(w.label) || str(w.hintText), true),
  selectionInput: (w) =>
    boxed(
      'selectionInput',
      [
        str(w.label),
        list(w.items)
          .map((i) => str(obj(i).text))
          .join(' · '),
      ]
        .filter(Boolean)
        .join(': '),
      true,
    ),
  dateTimePicker: (w) => boxed('dateTimePicker', str(w.label), true),
  carousel: (w) => boxed('carousel', `${list(w.carouselCards).length} card(s)`, true),
};

function switchControl(value: unknown): string {
  const s = obj(value);
  const on = s.selected === true;
  const box = str(s.controlType) === 'CHECKBOX' || str(s.controlType) === 'CHECK_BOX';
  return `<span class="c-switch${box ? ' c-checkbox' : ''}${on ? ' c-on' : ''}" role="switch" aria-checked="${on}"></span>`;
}

/** One widget; an unknown one (or one with nothing in it) is a labelled box, never nothing. */
export function renderWidget(value: unknown, opts: RenderOptions = {}): string {
  const w = obj(value);
  const kinds = Object.keys(w).filter((k) => !WIDGET_META.has(k));
  if (!kinds.length) return boxed('empty widget', '', false);
  const kind = kinds[0];
  const render = Object.prototype.hasOwnProperty.call(WIDGETS, kind) ? WIDGETS[kind] : undefined;
  if (!render) return boxed(kind, '', false);
  const align = str(w.horizontalAlignment);
  const html = render(obj(w[kind]), opts);
  return align === 'CENTER' || align === 'END'
    ? `<div class="c-align-${align === 'CENTER' ? 'center' : 'end'}">${html}</div>`
    : html;
}

function widgets(value: unknown, opts: RenderOptions): string {
  return list(value)
    .map((w) => renderWidget(w, opts))
    .join('');
}

function section(value: unknown, opts: RenderOptions): string {
  const s = obj(value);
  const all = list(s.widgets);
  const keep =
    s.collapsible === true
      ? Math.max(0, typeof s.uncollapsibleWidgetsCount === 'number' ? s.uncollapsibleWidgetsCount : 0)
      : all.length;
  const shown = widgets(all.slice(0, keep), opts);
  const more =
    all.length > keep
      ? `<details class="c-more"><summary>Show more</summary>${widgets(all.slice(keep), opts)}</details>`
      : '';
  return (
    `<div class="c-section">` +
    (s.header !== undefined ? `<div class="c-section-header">${renderCardText(s.header)}</div>` : '') +
    shown +
    more +
    `</div>`
  );
}

/** One card (the `card` of a cardsV2 entry). */
export function renderCard(value: unknown, opts: RenderOptions = {}): string {
  const c = obj(value);
  const h = obj(c.header);
  const avatar = safeImage(h.imageUrl);
  const header =
    h.title !== undefined || h.subtitle !== undefined || avatar
      ? `<div class="c-card-header">` +
        (avatar
          ? `<img class="c-avatar${str(h.imageType) === 'CIRCLE' ? ' c-circle' : ''}" src="${escapeHtml(avatar)}" alt="${escapeHtml(str(h.imageAltText))}">`
          : '') +
        `<div><div class="c-card-title">${escapeHtml(str(h.title))}</div>` +
        (h.subtitle !== undefined
          ? `<div class="c-card-subtitle">${escapeHtml(str(h.subtitle))}</div>`
          : '') +
        `</div></div>`
      : '';
  const sections = list(c.sections).map((s) => section(s, opts));
  const footer = obj(c.fixedFooter);
  const foot =
    footer.primaryButton || footer.secondaryButton
      ? `<div class="c-footer">${footer.secondaryButton ? button(footer.secondaryButton) : ''}${footer.primaryButton ? button(footer.primaryButton) : ''}</div>`
      : '';
  const body = header + sections.join('<hr class="c-section-divider">') + foot;
  return `<div class="c-card">${body || boxed('empty card', '', false)}</div>`;
}

/** cardsV2: each entry's card, named by its cardId. */
export function renderCards(cardsV2: unknown, opts: RenderOptions = {}): string {
  return list(cardsV2)
    .map((entry) => {
      const e = obj(entry);
      return `<div class="c-card-wrap" data-card-id="${escapeHtml(str(e.cardId))}">${renderCard(e.card, opts)}</div>`;
    })
    .join('');
}

// Drawn in SVG: 📎 and 👁 need an emoji font, which many systems lack.
const PAPERCLIP =
  '<svg viewBox="0 0 16 16" width="16" height="16" role="img" aria-label="file" style="vertical-align:-3px">' +
  '<path d="M10.5 4.5 5.6 9.4a1.4 1.4 0 0 0 2 2l5-5a2.8 2.8 0 0 0-4-4l-5 5a4.2 4.2 0 0 0 6 6l4.4-4.4" ' +
  'fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round"/></svg>';
const EYE =
  '<svg viewBox="0 0 16 16" width="13" height="13" role="img" aria-label="private" style="vertical-align:-2px">' +
  '<path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8Z" fill="none" stroke="currentColor" ' +
  'stroke-width="1.3"/><circle cx="8" cy="8" r="2" fill="currentColor"/></svg>';

/** A whole message: sender line, text, cards and accessory buttons. */
export function renderMessage(message: unknown, view: MessageView = {}): string {
  const m = obj(message);
  const opts: RenderOptions = { names: view.names };
  const head = view.sender
    ? `<div class="c-msg-head"><span class="c-sender">${escapeHtml(view.sender.name)}</span>` +
      (view.sender.kind === 'app' ? '<span class="c-badge">App</span>' : '') +
      (view.sender.kind === 'webhook' ? '<span class="c-badge">Webhook</span>' : '') +
      (view.time ? `<span class="c-time">${escapeHtml(view.time)}</span>` : '') +
      (view.edited ? '<span class="c-time">Edited</span>' : '') +
      `</div>`
    : '';
  const text =
    typeof m.text === 'string' && m.text ? `<div class="c-msg-text">${renderText(m.text, opts)}</div>` : '';
  const cards = list(m.cardsV2).length ? renderCards(m.cardsV2, opts) : '';
  const accessory = list(m.accessoryWidgets).length
    ? `<div class="c-accessory">${widgets(m.accessoryWidgets, opts)}</div>`
    : '';
  const files = (view.attachments ?? []).map(
    (a) =>
      `<span class="c-file" data-attachment="${escapeHtml(a.name)}"><span class="c-file-icon">${PAPERCLIP}</span>` +
      `<span class="c-file-name">${escapeHtml(a.name)}</span>` +
      (a.size ? `<span class="c-file-size">${escapeHtml(a.size)}</span>` : '') +
      `</span>`,
  );
  const attached = files.length ? `<div class="c-files">${files.join('')}</div>` : '';
  const body = text + cards + accessory + attached || '<div class="c-msg-empty">(no text and no card)</div>';
  const only = view.privateTo
    ? `<div class="c-private" data-private="${escapeHtml(view.privateTo)}">` +
      `<span class="c-private-eye">${EYE}</span> Only visible to ${escapeHtml(view.privateTo)}</div>`
    : '';
  const chips = (view.reactions ?? []).map(
    (r) =>
      `<span class="c-reaction" data-reaction="${escapeHtml(r.emoji)}">${escapeHtml(r.emoji)} ` +
      `<span class="c-reaction-count">${escapeHtml(r.count)}</span></span>`,
  );
  const reactions = chips.length ? `<div class="c-reactions">${chips.join('')}</div>` : '';
  return `<div class="c-msg${view.privateTo ? ' c-msg-private' : ''}">${head}${body}${only}${reactions}</div>`;
}
