// The sandbox's viewer page (browser code): the emulated Chat rendered with the sidebar's renderer, the
// Spaces and Members tabs' statuses, the Messages tab with a Preview button per row (opens the real
// sidebar beside it), and the Chat menu the bundle built, each item one execution on the sandbox. Polls
// the server and redraws on change.
import { escapeHtml, renderMessage } from '../../../src/preview/render';
import { MESSAGE_CSS } from '../../../src/preview/style';
import type { ViewerSnapshot, ViewerSpace, ViewerTabRow } from '../snapshot';
import { EXTRAS_CSS, extras } from './extras';

// The few DOM members used here (the project's TypeScript has no lib "dom").
interface Element {
  innerHTML: string;
  getAttribute(name: string): string | null;
  closest(selector: string): Element | null;
}
declare const document: {
  getElementById(id: string): Element | null;
  addEventListener(type: 'click', listener: (event: { target: unknown }) => void): void;
  head: { insertAdjacentHTML(position: 'beforeend', html: string): void };
};

const CSS = `
body{margin:0;font:13px/18px Roboto,Arial,sans-serif;color:#1f1f1f;background:#f0f4f9;display:flex;height:100vh}
#viewer{flex:1;overflow:auto;padding:0 16px 16px}
.v-top{position:sticky;top:0;z-index:1;background:#f0f4f9;display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:10px 0}
.v-top h1{font-size:16px;margin:0 12px 0 0}
.v-time{color:#444746;margin-right:12px}
button{font:500 12px Roboto,Arial,sans-serif;border-radius:14px;padding:4px 10px;border:1px solid #c4c7c5;background:#fff;color:#0b57d0;cursor:pointer}
.v-status{width:100%;color:#444746;font-size:12px;min-height:16px}
.v-main{display:grid;grid-template-columns:minmax(320px,2fr) minmax(380px,3fr);gap:16px;align-items:start}
h2{font-size:14px;margin:8px 0}
.v-panel{background:#fff;border-radius:12px;padding:8px 12px;margin-bottom:12px}
table{border-collapse:collapse;width:100%;table-layout:fixed}
td,th{text-align:left;vertical-align:top;padding:4px 6px;border-top:1px solid #e0e0e0;font-size:12px;overflow-wrap:anywhere}
th{border-top:0}th:nth-child(1){width:28px}th:nth-child(3){width:76px}th:nth-child(4){width:68px}
th{color:#5f6368;font-weight:500;border-top:0}
.v-st-DONE{color:#0d652d}.v-st-INVALID,.v-st-ERROR{color:#b3261e}
.v-space{background:#fff;border-radius:12px;padding:10px 14px;margin-bottom:12px}
.v-space-head{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.v-space-name{font-size:15px;font-weight:500}
.v-muted{color:#5f6368;font-size:12px}
.v-members{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0}
.v-member{background:#f1f3f4;border-radius:10px;padding:0 8px;font-size:12px}
.v-thread{border-left:3px solid #d3e3fd;padding-left:10px;margin:8px 0}
.v-runs{margin:0;padding-left:18px;font-size:12px}
#sidebar{width:300px;flex:none;background:#fff;border-left:1px solid #dadce0;display:flex;flex-direction:column}
#sidebar:empty{display:none}
.v-sidebar-title{display:flex;justify-content:space-between;align-items:center;padding:12px;font-size:16px;border-bottom:1px solid #e0e0e0}
#sidebar iframe{flex:1;border:0;width:100%}
`;

let shown = '';
let status = '';
let snap: ViewerSnapshot | null = null;

async function post<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await r.json()) as T;
}

function space(s: ViewerSpace, names: Record<string, string>): string {
  const threads = s.threads.length
    ? s.threads
        .map(
          (t) =>
            `<div class="v-thread" data-thread="${escapeHtml(t.name)}">` +
            (t.key ? `<div class="v-muted">thread “${escapeHtml(t.key)}”</div>` : '') +
            t.messages
              .map(
                (m) =>
                  renderMessage(m.message, { sender: m.sender, time: m.time, edited: m.edited, names }) +
                  extras(m.message, names),
              )
              .join('') +
            `</div>`,
        )
        .join('')
    : '<div class="v-muted">No messages yet.</div>';
  return (
    `<div class="v-space" data-space="${escapeHtml(s.name)}">` +
    `<div class="v-space-head"><span class="v-space-name">${escapeHtml(s.displayName)}</span>` +
    `<span class="v-muted">${escapeHtml(s.type)} · ${escapeHtml(s.name)}</span></div>` +
    `<div class="v-members">${s.members
      .map(
        (m) =>
          `<span class="v-member">${escapeHtml(m.who)}${m.role && m.role !== 'Member' ? ` · ${escapeHtml(m.role)}` : ''}` +
          `${m.state && m.state !== 'JOINED' ? ` · ${escapeHtml(m.state.toLowerCase())}` : ''}</span>`,
      )
      .join('')}</div>` +
    threads +
    `</div>`
  );
}

/** The Spaces or Members tab: each row's number, what it asks for and its Detail, and its Status. */
function tab(name: string, rows: ViewerTabRow[]): string {
  const body = rows.length
    ? `<table><tr><th>Row</th><th>Row asks for · Detail</th><th>Status</th></tr>${rows
        .map(
          (r) =>
            `<tr data-tab-row="${r.row}"><td>${r.row}</td><td><div>${escapeHtml(r.what)}</div>` +
            `<div class="v-muted">${escapeHtml(r.detail)}</div></td>` +
            `<td class="v-st-${escapeHtml(r.status)}">${escapeHtml(r.status)}</td></tr>`,
        )
        .join('')}</table>`
    : `<div class="v-muted">No ${escapeHtml(name)} rows yet.</div>`;
  return `<div class="v-panel" data-tab="${escapeHtml(name)}"><h2>${escapeHtml(name)} tab</h2>${body}</div>`;
}

function page(s: ViewerSnapshot): string {
  const menu = s.menu
    .map((i) =>
      i === 'separator' ? '' : `<button data-run="${escapeHtml(i.fn)}">${escapeHtml(i.caption)}</button>`,
    )
    .join('');
  const rows = s.rows.length
    ? `<table><tr><th>Row</th><th>Key → where · Detail</th><th>Status</th><th></th></tr>${s.rows
        .map(
          (r) =>
            `<tr data-row="${r.row}"><td>${r.row}</td><td><div>${escapeHtml(r.key)} → ${escapeHtml(r.to)}</div>` +
            `<div class="v-muted">${escapeHtml(r.detail)}</div></td>` +
            `<td class="v-st-${escapeHtml(r.status)}">${escapeHtml(r.status)}</td>` +
            `<td><button data-preview="${r.row}">Preview</button></td></tr>`,
        )
        .join('')}</table>`
    : '<div class="v-muted">No Messages tab yet: run Set up sheets.</div>';
  const runs = s.runs
    .map(
      (r) =>
        `<li>${escapeHtml(r.fn)} (${escapeHtml(r.trigger)}) — ${escapeHtml(r.outcome)}${r.error ? `: ${escapeHtml(r.error)}` : ''}</li>`,
    )
    .join('');
  return (
    `<div class="v-top"><h1>sheets-to-chat sandbox</h1><span class="v-time">${escapeHtml(s.time)}</span>` +
    `${menu}<button data-advance="5">+5 minutes</button><div class="v-status" id="status">${escapeHtml(status)}</div></div>` +
    `<div class="v-main"><div>${tab('Spaces', s.tabs.Spaces)}${tab('Members', s.tabs.Members)}` +
    `<div class="v-panel" data-tab="Messages"><h2>Messages tab</h2>${rows}</div>` +
    `<div class="v-panel"><h2>Recent executions</h2><ul class="v-runs">${runs}</ul></div></div>` +
    `<div id="chat"><h2>Google Chat (emulated)</h2>${
      s.spaces.map((x) => space(x, s.names)).join('') || '<div class="v-muted">No spaces yet.</div>'
    }</div></div>`
  );
}

function draw(): void {
  if (snap) document.getElementById('viewer')!.innerHTML = page(snap);
}

async function poll(): Promise<void> {
  try {
    const text = await (await fetch('/api/state')).text();
    if (text === shown) return;
    shown = text;
    snap = JSON.parse(text) as ViewerSnapshot;
    draw();
  } catch {
    // The sandbox stopped: keep the last picture.
  }
}

function say(line: string): void {
  status = line;
  draw();
}

document.addEventListener('click', (event) => {
  const el = (event.target as Element).closest('[data-run],[data-preview],[data-advance],[data-close]');
  if (!el) return;
  const fn = el.getAttribute('data-run');
  const row = el.getAttribute('data-preview');
  const minutes = el.getAttribute('data-advance');
  if (fn) {
    say(`Running ${fn}…`);
    void post<{ outcome: string; error?: string; toasts: string[]; sidebar: boolean }>(
      `/api/run/${encodeURIComponent(fn)}`,
      { args: [] },
    ).then((r) => {
      say([`${fn}: ${r.outcome}`, r.error ?? '', ...r.toasts].filter(Boolean).join(' · '));
      if (r.sidebar) openSidebar('');
      return poll();
    });
  } else if (minutes) {
    void post<{ fired: string[] }>('/api/advance', { minutes: Number(minutes) }).then((r) => {
      say(`+${minutes} minutes${r.fired.length ? `: ran ${r.fired.join(', ')}` : ': no trigger due'}`);
      return poll();
    });
  } else if (row) openSidebar(row);
  else document.getElementById('sidebar')!.innerHTML = '';
});

/** The sidebar as Sheets shows it: a titled panel on the right, the page in a frame. */
function openSidebar(row: string): void {
  document.getElementById('sidebar')!.innerHTML =
    `<div class="v-sidebar-title">Preview message <button data-close="1">×</button></div>` +
    `<iframe title="Preview message" src="/sidebar${row ? `?row=${encodeURIComponent(row)}` : ''}"></iframe>`;
}

document.head.insertAdjacentHTML('beforeend', `<style>${MESSAGE_CSS}${CSS}${EXTRAS_CSS}</style>`);
void poll();
setInterval(() => void poll(), 500);
