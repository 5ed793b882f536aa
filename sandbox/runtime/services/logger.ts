import { Fake } from '../realm';
import type { ServiceContext } from './context';
import { formatString } from './utilities';

/** One log line, into this execution's logs and the sandbox's overall log. */
function record(ctx: ServiceContext, line: string): void {
  ctx.exec.logs.push(line);
  ctx.host.logs.push(line);
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (
    v instanceof Error ||
    (typeof v === 'object' && v !== null && 'message' in v && 'name' in v && 'stack' in v)
  ) {
    const e = v as Error;
    return `${e.name}: ${e.message}`;
  }
  if (typeof v === 'object' && v !== null) {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

export class FakeLogger extends Fake {
  readonly className = 'Logger';
  constructor(private readonly ctx: ServiceContext) {
    super();
  }
  log(data: unknown, ...values: unknown[]): this {
    record(this.ctx, values.length > 0 ? formatString(String(data), values) : show(data));
    return this;
  }
  getLog(): string {
    return this.ctx.exec.logs.join('\n');
  }
  clear(): void {
    this.ctx.exec.logs.length = 0;
  }
}

/** `console` as Apps Script V8 has it; warn/error lines are prefixed with their level. */
export class FakeConsole extends Fake {
  readonly className = 'console';
  constructor(private readonly ctx: ServiceContext) {
    super();
  }
  log(...args: unknown[]): void {
    this.write('', args);
  }
  info(...args: unknown[]): void {
    this.write('', args);
  }
  debug(...args: unknown[]): void {
    this.write('', args);
  }
  /** Timers only matter for the Apps Script dashboard; accepted and ignored. */
  time(_label?: string): void {}
  timeEnd(_label?: string): void {}
  warn(...args: unknown[]): void {
    this.write('WARNING: ', args);
  }
  error(...args: unknown[]): void {
    this.write('ERROR: ', args);
  }
  private write(prefix: string, args: unknown[]): void {
    const [first, ...rest] = args;
    const text =
      typeof first === 'string' && /%[sdifoO%]/.test(first)
        ? formatString(first.replace(/%[oO]/g, '%s'), rest)
        : args.map(show).join(' ');
    record(this.ctx, prefix + text);
  }
}
