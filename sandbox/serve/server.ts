// `npm start -- --serve`: the sandbox on localhost. `/` is the viewer (emulated Chat, the Messages tab,
// the Chat menu); `/sidebar?row=N` is the Preview message sidebar exactly as the bundle made it (one run
// of previewMessage with row N selected), with google.script.run bridged to `/api/run/<function>`: each
// call is one execution of that global function on the sandbox, as in Apps Script. Loopback only.
import * as http from 'node:http';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { ChatEmulator } from '../chat/emulator';
import type { Sandbox } from '../runtime';
import { snapshot } from './snapshot';

export interface ServeOptions {
  sb: Sandbox;
  chat: ChatEmulator;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** A browser script from client/, bundled with what it imports (the shared renderer). */
function clientScript(name: string): string {
  const built = buildSync({
    entryPoints: [path.join(__dirname, 'client', `${name}.ts`)],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    charset: 'utf8',
    write: false,
  });
  return built.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
}

const FUNCTION_NAME = /^[A-Za-z_$][\w$]*$/;

/** A server listening on the port, that answers once a sandbox is attached (503 until then). */
export interface Listening extends Served {
  attach(sb: Sandbox, chat: ChatEmulator): void;
}

/** Serves a sandbox on localhost (`opts.port`, or a free port). */
export async function serve(opts: ServeOptions): Promise<Served> {
  const listening = await listen(opts.port ?? 0);
  listening.attach(opts.sb, opts.chat);
  return listening;
}

/** Takes the port first (the CLI does this before running anything, so a port in use is known at once). */
export function listen(port = 0): Promise<Listening> {
  let handle: ((req: http.IncomingMessage, url: URL, body: unknown) => Answer) | null = null;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let answer: Answer;
      try {
        const body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown)
          : undefined;
        answer = handle
          ? handle(req, url, body)
          : { status: 503, type: 'text/plain', body: 'The sandbox is starting.' };
      } catch (e) {
        answer = { status: 500, type: 'text/plain', body: String((e as Error)?.message ?? e) };
      }
      res.writeHead(answer.status, { 'content-type': answer.type, 'cache-control': 'no-store' });
      res.end(answer.body);
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${bound}/`,
        attach: (sb, chat) => {
          handle = handler(sb, chat);
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function handler(
  sb: Sandbox,
  chat: ChatEmulator,
): (req: http.IncomingMessage, url: URL, body: unknown) => Answer {
  const bridge = clientScript('bridge');
  const viewer =
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>sheets-to-chat sandbox</title></head>' +
    `<body><div id="viewer"></div><aside id="sidebar"></aside><script>${clientScript('viewer')}</script></body></html>`;

  const routes: Record<string, (req: http.IncomingMessage, url: URL, body: unknown) => Answer> = {
    'GET /': () => html(viewer),
    'GET /api/state': () => json(snapshot(sb, chat)),
    'GET /favicon.ico': () => ({ status: 204, type: 'image/x-icon', body: '' }),
    'GET /sidebar': (_req, url) => {
      // Without ?row= the sidebar previews the selection (as the menu item does); with it, that row.
      const asked = url.searchParams.get('row');
      if (asked !== null) {
        if (!/^\d+$/.test(asked) || Number(asked) < 2)
          return page(
            400,
            `Row “${asked}” is not a row of the Messages tab: use /sidebar?row=N with N = 2 or more ` +
              '(row 1 is the header row), or /sidebar for the selected row.',
          );
        if (!sb.workbook.sheets.some((s) => s.name === 'Messages'))
          return page(404, 'There is no Messages tab yet: run Set up sheets first.');
        const rows = sb.workbook.sheet('Messages').maxRows;
        if (Number(asked) > rows)
          return page(400, `Row ${asked} is past the end of the Messages tab: it has ${rows} rows.`);
        sb.selectRange('Messages', `A${Number(asked)}`);
      }
      const before = sb.ui.sidebars.length;
      const r = sb.run('previewMessage');
      const shown = sb.ui.sidebars[sb.ui.sidebars.length - 1];
      if (r.outcome !== 'ok' || sb.ui.sidebars.length === before)
        return html(`<pre>${escape(r.error ?? 'previewMessage showed no sidebar')}</pre>`, 500);
      // The bridge goes first in <head>, so google.script.run exists before the page's own script runs.
      return html(shown.html.replace('<head>', () => `<head><script>${bridge}</script>`));
    },
    'POST /api/advance': (_req, _url, body) => {
      sb.advance(Math.max(0, Number((body as { minutes?: number })?.minutes ?? 0)) * 60_000);
      return json({ fired: sb.runDueTriggers().map((r) => `${r.fn} (${r.outcome})`) });
    },
  };

  return (req, url, body) => {
    const run = /^\/api\/run\/([^/]+)$/.exec(url.pathname);
    const route = routes[`${req.method} ${url.pathname}`];
    if (run && req.method === 'POST') return runFunction(sb, decodeURIComponent(run[1]), body);
    if (route) return route(req, url, body);
    return { status: 404, type: 'text/plain', body: 'Not found' };
  };
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

/** One google.script.run call, or a menu click in the viewer: one execution of a global function. */
function runFunction(sb: Sandbox, fn: string, body: unknown): Answer {
  if (!FUNCTION_NAME.test(fn)) return json({ ok: false, error: `Not a function name: ${fn}` }, 400);
  const args = (body as { args?: unknown[] } | undefined)?.args ?? [];
  // The sandbox passes one argument (Apps Script's event slot); the sidebar's functions take one.
  if (args.length > 1)
    return json({ ok: false, error: 'The sandbox bridge passes at most one argument.' }, 400);
  const toasts = sb.ui.toasts.length;
  const alerts = sb.ui.alerts.length;
  const sidebars = sb.ui.sidebars.length;
  const r = sb.run(fn, args.length ? { event: args[0] as Record<string, unknown> } : {});
  return json({
    ok: r.outcome === 'ok',
    outcome: r.outcome,
    ...(r.error ? { error: r.error } : {}),
    // Through JSON, as google.script.run passes values: the script realm's objects become plain data.
    returned: r.returned === undefined ? null : JSON.parse(JSON.stringify(r.returned)),
    toasts: sb.ui.toasts.slice(toasts).map((t) => t.message),
    alerts: sb.ui.alerts.slice(alerts).map((a) => `${a.title}: ${a.prompt}`),
    // A menu item that opens a sidebar (Preview message): the viewer then shows /sidebar beside it.
    sidebar: sb.ui.sidebars.length > sidebars,
  });
}

const html = (body: string, status = 200): Answer => ({ status, type: 'text/html; charset=utf-8', body });
const json = (value: unknown, status = 200): Answer => ({
  status,
  type: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});
/** A plain page saying what is wrong with the request. */
const page = (status: number, text: string): Answer =>
  html(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${status}</title></head>` +
      `<body><p>${escape(text)}</p></body></html>`,
    status,
  );
const escape = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
