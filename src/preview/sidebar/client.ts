// The sidebar page's script (browser code, bundled into the page by webpack.config.js with esbuild). It
// shows the preview the server embedded, and calls the bundle's functions through google.script.run.
import { SIDEBAR_FUNCTIONS, type ActionResult, type PreviewResult, type RowPreview } from '../model';
import { escapeHtml, renderMessage } from '../render';
import { MESSAGE_CSS } from '../style';

// The few DOM members this page uses, declared here rather than through lib "dom", so that the server
// bundle's TypeScript program (which includes this file) keeps failing on any DOM use of its own.
interface Element {
  innerHTML: string;
  textContent: string | null;
  addEventListener(type: 'click', listener: () => void): void;
}
declare const document: {
  getElementById(id: string): Element | null;
  head: { insertAdjacentHTML(position: 'beforeend', html: string): void };
};
interface Runner {
  withSuccessHandler(f: (value: unknown) => void): Runner;
  withFailureHandler(f: (error: { message?: string }) => void): Runner;
  [fn: string]: unknown;
}
declare const google: { script: { run: Runner } };

const PAGE_CSS = `
body{margin:0;font:13px/18px Roboto,Arial,sans-serif;color:#1f1f1f;background:#fff}
#app{padding:12px}
.p-row{font-size:14px;font-weight:500;margin-bottom:8px;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.p-status{font-size:11px;font-weight:500;border-radius:4px;padding:0 5px;background:#e8eaed}
.p-status-DONE{background:#c4eed0;color:#0d652d}.p-status-INVALID,.p-status-ERROR{background:#fce8e6;color:#b3261e}
.p-meta{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:0 0 10px;color:#444746}
.p-meta dt{color:#5f6368}.p-meta dd{margin:0;overflow-wrap:anywhere}
.p-check{border-radius:8px;padding:8px 10px;margin-bottom:10px;overflow-wrap:anywhere}
.p-check-ready{background:#e6f4ea;color:#0d652d}.p-check-invalid{background:#fce8e6;color:#b3261e}
.p-check-waiting,.p-check-scheduled{background:#fef7e0;color:#7a5900}.p-check-settled{background:#f1f3f4;color:#444746}
.p-note{font-size:12px;color:#7a5900;margin-bottom:6px}
.p-chat{background:#f8fafd;border:1px solid #e0e0e0;border-radius:12px;padding:6px 10px;margin-bottom:12px}
.p-actions{display:flex;gap:8px;margin-bottom:6px}
button{font:500 13px Roboto,Arial,sans-serif;border-radius:18px;padding:7px 14px;border:1px solid #747775;background:#fff;color:#0b57d0;cursor:pointer}
button.p-primary{background:#0b57d0;border-color:#0b57d0;color:#fff}
button:disabled{opacity:.5;cursor:default}
button.p-link{border:0;padding:4px 0;background:none}
.p-why{font-size:12px;color:#5f6368;margin-bottom:6px}
.p-report{margin:6px 0;padding:8px 10px 8px 24px;background:#e8f0fe;border-radius:8px}
.p-problem{background:#fef7e0;border-radius:8px;padding:10px;margin-bottom:10px}
`;

const ICONS: Record<string, string> = {
  ready: '✓',
  invalid: '✗',
  waiting: '…',
  // A clock drawn in SVG: the ⏱ character needs an emoji font, which many systems lack.
  scheduled:
    '<svg viewBox="0 0 16 16" width="14" height="14" role="img" aria-label="scheduled" style="vertical-align:-2px">' +
    '<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/>' +
    '<path d="M8 4.5V8l2.5 2" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/></svg>',
  settled: '•',
};

let busy = false;
let shown: PreviewResult = { ok: false, reason: 'Loading…' };

function call<T>(fn: string, arg?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as T))
      .withFailureHandler((e) => reject(new Error(e?.message ?? String(e))));
    (runner[fn] as (a?: unknown) => void)(arg);
  });
}

function meta(p: RowPreview): string {
  const rows: [string, string][] = [
    ['To', p.to],
    ['As', p.sender.kind === 'webhook' ? 'the webhook' : p.sender.kind === 'app' ? 'the Chat app' : 'you'],
  ];
  if (p.action !== 'SEND') rows.push(['Action', p.action]);
  if (p.privateTo) rows.push(['Visible to', `${p.privateTo} only (a private note)`]);
  if (p.attachment)
    rows.push(['File', p.attachment.size ? `${p.attachment.name}, ${p.attachment.size}` : p.attachment.name]);
  if (p.threadKey) rows.push(['Thread', p.threadKey]);
  if (p.sendAt) rows.push(['Send at', p.sendAt]);
  return `<dl class="p-meta">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function page(p: PreviewResult, report: string[]): string {
  const reportHtml = report.length
    ? `<ul class="p-report" id="report">${report.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
    : '';
  const reload = `<button class="p-link" id="reload-btn">Preview the selected row</button>`;
  if (!p.ok) return `<div class="p-problem" id="problem">${escapeHtml(p.reason)}</div>${reportHtml}${reload}`;
  const status = p.status
    ? `<span class="p-status p-status-${escapeHtml(p.status)}" id="status">${escapeHtml(p.status)}</span>`
    : '';
  return (
    `<div class="p-row">Messages row ${p.row}${p.key ? ` · ${escapeHtml(p.key)}` : ''} ${status}</div>` +
    meta(p) +
    `<div class="p-check p-check-${p.check.kind}" id="check-result">${ICONS[p.check.kind]} ${escapeHtml(p.check.text)}</div>` +
    (p.exact ? '' : `<div class="p-note">Shown as far as the row allows: it can’t be sent like this.</div>`) +
    `<div class="p-chat" id="message">${renderMessage(p.message, {
      sender: p.sender,
      time: 'Preview',
      attachments: p.attachment ? [p.attachment] : [],
      privateTo: p.privateTo,
      reactions: p.reactions,
    })}</div>` +
    `<div class="p-actions"><button id="check-btn">Check this row</button>` +
    `<button class="p-primary" id="send-btn"${p.send.ok ? '' : ' disabled'}>Send this row</button></div>` +
    (p.send.why ? `<div class="p-why">${escapeHtml(p.send.why)}</div>` : '') +
    reportHtml +
    reload
  );
}

function show(p: PreviewResult, report: string[] = []): void {
  shown = p;
  document.getElementById('app')!.innerHTML = page(p, report);
  on('reload-btn', 'Reading the selection…', () =>
    call<PreviewResult>(SIDEBAR_FUNCTIONS.preview).then((r) => show(r)),
  );
  if (!p.ok) return;
  const act = (fn: string) => () => call<ActionResult>(fn, p.row).then((r) => show(r.preview, r.report));
  on('check-btn', 'Checking…', act(SIDEBAR_FUNCTIONS.check));
  on('send-btn', 'Sending…', act(SIDEBAR_FUNCTIONS.send));
}

/** One request at a time; a failure is shown in the page, never swallowed. */
function on(id: string, working: string, action: () => Promise<void>): void {
  const el = document.getElementById(id);
  el?.addEventListener('click', () => {
    if (busy) return;
    busy = true;
    el.textContent = working;
    action()
      .catch((e: Error) => show(shown, [`That did not work: ${e.message}`]))
      .finally(() => {
        busy = false;
      });
  });
}

document.head.insertAdjacentHTML('beforeend', `<style>${MESSAGE_CSS}${PAGE_CSS}</style>`);
show(JSON.parse(document.getElementById('preview-data')?.textContent ?? 'null') as PreviewResult);
