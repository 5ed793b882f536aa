// In-memory ports for the executor (ExecutorDeps and a CallLog): a virtual clock that only moves when
// something sleeps or a call takes time, scripted Chat answers, and credentials that can be refused.
// Every call is recorded with the virtual time it left, so tests assert pacing and backoff in exact ms.
import { statusName } from '../../src/chat/errors';
import type { Auth, ChatFailure, ChatOp, ChatResult, ChatTransport } from '../../src/chat/ops';
import type { Headers } from '../../src/engine/env';
import type { ExecutorDeps } from '../../src/engine/executor';
import { CallLog } from '../../src/engine/log';
import type { ClockPort, WorkbookPort } from '../../src/platform/ports';

export const ok = (body: Record<string, unknown> = {}, status = 200): ChatResult => ({
  ok: true,
  status,
  body,
});

/** A refusal as both transports report it; code 0 is "no answer" (time-out, network). */
export function fail(code: number, message = `HTTP ${code}`): ChatResult & { ok: false } {
  return { ok: false, status: code, error: { code, status: statusName(code), message } };
}

export class VirtualClock implements ClockPort {
  /** What the code under test slept, in order. */
  readonly slept: number[] = [];

  constructor(private t = 0) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number): void {
    // Utilities.sleep takes whole, non-negative milliseconds.
    if (!Number.isInteger(ms) || ms < 0) throw new Error(`sleep(${ms})`);
    this.slept.push(ms);
    this.t += ms;
  }

  /** Time passing outside the code's own sleeps (a call's latency, a sheet write). */
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface SentCall {
  op: ChatOp;
  headers: Record<string, string> | undefined;
  /** Virtual time the request left. */
  at: number;
  /** Index of the callMany it went in; null for a single `call`. */
  wave: number | null;
}

/** An answer for one call: a result, or a function of the call (for answers that echo the request). */
export type Answer = ChatResult | ((op: ChatOp) => ChatResult);

/**
 * A Chat transport whose answers a test scripts per target (an op's path, or its method when it has none):
 * queued answers are used in order, then `fallback` answers (200 with a name by default).
 */
export class ScriptedChat implements ChatTransport {
  readonly calls: SentCall[] = [];
  readonly waves: { at: number; calls: SentCall[] }[] = [];
  /** Virtual time each request (or fetchAll) takes. */
  latencyMs = 0;
  fallback: (op: ChatOp) => ChatResult = (op) =>
    ok({ name: op.path?.startsWith('spaces/') ? `${op.path}/x` : `spaces/new${this.calls.length}` });
  /** Told of each request (or fetchAll) as it leaves, before its latency. */
  onCall: (sent: SentCall[]) => void = () => undefined;
  private readonly queues = new Map<string, Answer[]>();

  constructor(private readonly clock: VirtualClock) {}

  static target(op: ChatOp): string {
    return op.path ?? op.method;
  }

  /** The next answers for calls to `target` (a path, or a method for calls without one). */
  answer(target: string, ...answers: Answer[]): this {
    this.queues.set(target, [...(this.queues.get(target) ?? []), ...answers]);
    return this;
  }

  call(op: ChatOp, headers?: Record<string, string>): ChatResult {
    const sent = this.send(op, headers, null);
    this.onCall([sent]);
    this.clock.advance(this.latencyMs);
    return this.reply(op);
  }

  callMany(ops: ChatOp[], headers: (Record<string, string> | undefined)[]): ChatResult[] {
    if (ops.length !== headers.length) throw new Error('one set of headers per call');
    const wave = this.waves.length;
    const sent = ops.map((op, k) => this.send(op, headers[k], wave));
    this.waves.push({ at: this.clock.now(), calls: sent });
    this.onCall(sent);
    this.clock.advance(this.latencyMs);
    return ops.map((op) => this.reply(op));
  }

  /** The calls made to `target`, in order. */
  to(target: string): SentCall[] {
    return this.calls.filter((c) => ScriptedChat.target(c.op) === target);
  }

  private send(op: ChatOp, headers: Record<string, string> | undefined, wave: number | null): SentCall {
    const sent = { op, headers, at: this.clock.now(), wave };
    this.calls.push(sent);
    return sent;
  }

  private reply(op: ChatOp): ChatResult {
    const next = this.queues.get(ScriptedChat.target(op))?.shift() ?? this.fallback;
    return typeof next === 'function' ? next(op) : next;
  }
}

/**
 * Credentials like the app's Env: 'user' calls carry no headers (the advanced service signs them, REST
 * adds the script's token), 'app' calls a bearer token that changes each time it is invalidated.
 */
export class FakeAuth {
  readonly invalidated: Auth[] = [];
  /** Auths whose credentials can't be had, and why. */
  readonly refusing = new Map<Auth, ChatFailure>();
  private generation = 1;

  headers(auth: Auth): Headers {
    const failure = this.refusing.get(auth);
    if (failure) return { ok: false, failure };
    if (auth === 'user') return { ok: true };
    return { ok: true, headers: { Authorization: `Bearer app-${this.generation}` } };
  }

  invalidate(auth: Auth): void {
    this.invalidated.push(auth);
    if (auth === 'app') this.generation++;
  }
}

/** The Log's workbook: these tests read CallLog.entries and never flush. */
const NO_WORKBOOK: WorkbookPort = {
  id: 'fake',
  timeZone: 'UTC',
  sheet: () => {
    throw new Error('the fake env has no workbook');
  },
  sheetNames: () => [],
  createSheet: () => {
    throw new Error('the fake env has no workbook');
  },
  selection: () => ({ sheet: '', rows: [] }),
  flush: () => undefined,
};

export interface FakeEnv {
  clock: VirtualClock;
  chat: ScriptedChat;
  auth: FakeAuth;
  /** Values `random` hands out, in order; 0.5 once they run out (a jitter factor of 0.75). */
  randoms: number[];
  deps: ExecutorDeps;
  log: CallLog;
}

export function fakeEnv(start = 0): FakeEnv {
  const clock = new VirtualClock(start);
  const chat = new ScriptedChat(clock);
  const auth = new FakeAuth();
  const randoms: number[] = [];
  const deps: ExecutorDeps = {
    clock,
    random: () => randoms.shift() ?? 0.5,
    headers: (a) => auth.headers(a),
    invalidate: (a) => auth.invalidate(a),
    transport: chat,
  };
  return { clock, chat, auth, randoms, deps, log: new CallLog(NO_WORKBOOK, 'test run') };
}
