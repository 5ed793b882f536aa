import type { HttpRequest, HttpResponse } from '../../chat/contract';
import { ScriptError, noPermission } from '../errors';
import { Fake } from '../realm';
import type { ServiceContext } from './context';
import { FakeBlob, signedBytes } from './utilities';

export type HttpHandler = (request: HttpRequest) => HttpResponse;

export interface HttpFault {
  /** Requests whose URL starts with this are affected. */
  prefix: string;
  /** How many of the next matching requests time out. */
  count: number;
  /** The request reached the server before the answer was lost (e.g. a webhook post that did post). */
  delivered?: boolean;
}

const TIMEOUT_MS = 60_000;
/** "URL Fetch URL length: 2 kB / URL" (https://developers.google.com/apps-script/guides/services/quotas,
 *  "Current limitations"); a longer one throws Apps Script's "Limit Exceeded: URLFetch URL Length." */
export const MAX_URL_BYTES = 2 * 1024;

/** Test-registered HTTP endpoints, fault injection and a record of every request made. */
export class HttpRegistry {
  private readonly handlers: [string, HttpHandler][] = [];
  readonly faults: HttpFault[] = [];
  readonly requests: (HttpRequest & { at: number })[] = [];

  register(prefix: string, handler: HttpHandler): void {
    this.handlers.push([prefix, handler]);
    this.handlers.sort((a, b) => b[0].length - a[0].length);
  }

  handler(url: string): HttpHandler | undefined {
    return this.handlers.find(([p]) => url.startsWith(p))?.[1];
  }

  /** Consumes one matching fault, if any. */
  takeFault(url: string): HttpFault | undefined {
    const f = this.faults.find((x) => x.count > 0 && url.startsWith(x.prefix));
    if (f) f.count--;
    return f;
  }
}

interface FetchParams {
  url?: string;
  method?: string;
  contentType?: string;
  payload?: unknown;
  headers?: Record<string, string>;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

/** One request's outcome, before the unmuted-failure rule is applied. */
type Outcome =
  | { ok: true; request: HttpRequest; response: HttpResponse; mute: boolean; latency: number }
  | { ok: false; error: ScriptError; latency: number };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export class FakeUrlFetchApp extends Fake {
  readonly className = 'UrlFetchApp';
  constructor(private readonly ctx: ServiceContext) {
    super();
  }

  fetch(url: string, params: FetchParams = {}): FakeHttpResponse {
    this.authorised();
    return this.ctx.exec.call('UrlFetchApp.fetch', () => {
      this.admit([String(url)]);
      const out = this.send(String(url), params ?? {});
      // fetch's own latency is charged by Execution.call; a timeout waits longer.
      if (out.latency > this.ctx.exec.latency.fetch)
        this.ctx.exec.spend(out.latency - this.ctx.exec.latency.fetch);
      return this.answer(out);
    });
  }

  /** Requests run in parallel: all reach their servers at the same instant; the call lasts as long as the slowest. */
  fetchAll(requests: (string | FetchParams)[]): FakeHttpResponse[] {
    this.authorised();
    return this.ctx.exec.call('UrlFetchApp.fetchAll', () => {
      const list = Array.from(requests);
      this.admit(list.map((r) => (typeof r === 'string' ? r : String(r.url))));
      const outs = list.map((r) => (typeof r === 'string' ? this.send(r, {}) : this.send(String(r.url), r)));
      this.ctx.exec.spend(
        Math.max(0, ...outs.map((o) => o.latency)) + this.ctx.exec.latency.fetchAllOverhead,
      );
      return outs.map((o) => this.answer(o));
    });
  }

  getRequest(url: string, params: FetchParams = {}): Record<string, unknown> {
    const r = buildRequest(String(url), this.unwrapped(params));
    return { url: r.url, method: r.method.toLowerCase(), headers: r.headers, payload: r.body };
  }

  /** A Blob payload arrives as the script's proxy of it: the fake itself carries the bytes. */
  private unwrapped(params: FetchParams): FetchParams {
    return params.payload instanceof FakeBlob
      ? { ...params, payload: this.ctx.membrane.unwrap(params.payload) }
      : params;
  }

  private authorised(): void {
    if (this.ctx.exec.mode === 'simple') {
      throw noPermission('UrlFetchApp.fetch', 'https://www.googleapis.com/auth/script.external_request');
    }
  }

  /** Apps Script's checks before anything is sent: every URL within 2 KB, and the day's URL Fetch calls
   *  quota (each request of a fetchAll counts) — a refused call sends nothing and uses no quota. */
  private admit(urls: string[]): void {
    if (urls.some((u) => Buffer.byteLength(u) > MAX_URL_BYTES))
      throw new ScriptError('Limit Exceeded: URLFetch URL Length.');
    this.ctx.host.usage.take('urlFetchCalls', urls.length);
  }

  private send(url: string, params: FetchParams): Outcome {
    const { host, exec } = this.ctx;
    const request = buildRequest(url, this.unwrapped(params));
    host.http.requests.push({ ...request, at: host.clock.now() });
    const fault = host.http.takeFault(url);
    if (fault) {
      if (fault.delivered) this.route(request);
      return { ok: false, error: new ScriptError(`Timeout: ${url}`), latency: TIMEOUT_MS };
    }
    const response = this.route(request);
    return { ok: true, request, response, mute: !!params.muteHttpExceptions, latency: exec.latency.fetch };
  }

  private route(request: HttpRequest): HttpResponse {
    const { chat, http } = this.ctx.host;
    if (chat?.handles(request.url)) return chat.http(request);
    const handler = http.handler(request.url);
    if (handler) return handler(request);
    if (!chat && /^https:\/\/(chat|oauth2)\.googleapis\.com\//.test(request.url)) {
      throw new Error(`sandbox: no Chat backend configured, so ${request.url} cannot be reached`);
    }
    throw new ScriptError(`Address unavailable: ${request.url}`);
  }

  private answer(out: Outcome): FakeHttpResponse {
    if (!out.ok) throw out.error;
    const { status, body } = out.response;
    if (status >= 400 && !out.mute) {
      const truncated = body.length > 100 ? `${body.slice(0, 100)}...` : body;
      throw new ScriptError(
        `Request failed for ${out.request.url} returned code ${status}. Truncated server response: ${truncated} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new FakeHttpResponse(out.response);
  }
}

function buildRequest(url: string, params: FetchParams): HttpRequest {
  const method = String(params.method ?? 'get').toUpperCase() as HttpRequest['method'];
  if (!METHODS.includes(method)) throw new ScriptError(`Invalid argument: method`);
  if (!/^https?:\/\//i.test(url)) throw new ScriptError(`Invalid argument: ${url}`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
  let body = '';
  let bodyBytes: Buffer | undefined;
  if (params.payload !== undefined && params.payload !== null) {
    if (typeof params.payload === 'string') body = params.payload;
    else if (params.payload instanceof FakeBlob) {
      // The exact bytes (a binary file would not survive as text), and the text for handlers that read it.
      bodyBytes = Buffer.from(params.payload._buffer());
      body = bodyBytes.toString('utf8');
    } else if (Array.isArray(params.payload)) {
      // "payload: … a byte array" (Java bytes, -128..127).
      bodyBytes = Buffer.from((params.payload as unknown[]).map((b) => Number(b) & 0xff));
      body = bodyBytes.toString('utf8');
    } else
      body = new URLSearchParams(
        Object.entries(params.payload as object).map(([k, v]) => [k, String(v)]),
      ).toString();
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = params.contentType ?? 'application/x-www-form-urlencoded';
    }
  }
  return { method, url, headers, body, ...(bodyBytes ? { bodyBytes } : {}) };
}

export class FakeHttpResponse
  extends Fake
  implements Pick<GoogleAppsScript.URL_Fetch.HTTPResponse, 'getResponseCode' | 'getContentText'>
{
  readonly className = 'HTTPResponse';
  constructor(private readonly response: HttpResponse) {
    super();
  }
  getResponseCode(): number {
    return this.response.status;
  }
  getContentText(charset?: string): string {
    return charset && /ascii/i.test(charset)
      ? Buffer.from(this.response.body).toString('ascii')
      : this.response.body;
  }
  getHeaders(): Record<string, string> {
    return { ...this.response.headers };
  }
  getAllHeaders(): Record<string, string> {
    return { ...this.response.headers };
  }
  getContent(): number[] {
    return signedBytes(Buffer.from(this.response.body));
  }
  getBlob(): FakeBlob {
    const type = Object.entries(this.response.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    return new FakeBlob(Buffer.from(this.response.body), type ?? null, null);
  }
}
