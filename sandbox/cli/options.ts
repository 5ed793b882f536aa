// The sandbox CLI's options (`npm start -- …`), read and checked before anything runs: a mistake is one
// UsageError whose message names it and says what to type instead.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { chatMethods, WEBHOOK_METHOD } from '../chat/emulator';
import type { PerSpaceReading } from '../chat/rate-limits';
import type { Latency } from '../runtime';

export const USAGE = `npm start -- [options]
  --workbook FILE       scenario JSON (default examples/onboarding.json; the format: docs/scenario.md)
  --latency k=ms,...    e.g. chat=300,sheetData=50,fetch=250,drive=150,fetchAllOverhead=20,other=0
  --fault STATUS[xN][@method]  e.g. 503x3@chat.spaces.create, 429x2, 500@webhook (repeatable)
  --no-chat-app         the Cloud project has no Chat app configured
  --no-admin            the person running is not a Workspace administrator (by default they hold Chat's
                        "Manage Chat and spaces conversations" privilege, which useAdminAccess needs)
  --per-space READING   Chat's per-space write limit as its docs give it: interval (1 a second, the
                        default and the stricter) or window (60 in any 60 seconds)
  --save FILE           save the emulated Chat state as JSON afterwards
  --quiet               print only the summary
  --serve               instead of running everything: set up sheets, sync spaces and members, check
                        rows, then serve the viewer and the Preview message sidebar on localhost
  --port N              port for --serve (default: any free port)
  --help                this text`;

/** An input mistake: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Fault {
  status: number;
  times: number;
  method?: string;
}

export interface CliOptions {
  help: boolean;
  workbook: string;
  latency: Partial<Latency>;
  faults: Fault[];
  noChatApp: boolean;
  noAdmin: boolean;
  perSpace: PerSpaceReading;
  save?: string;
  quiet: boolean;
  serve: boolean;
  port: number;
}

const LATENCY_KEYS: (keyof Latency)[] = ['sheetData', 'chat', 'fetch', 'drive', 'fetchAllOverhead', 'other'];
const HELP = 'npm start -- --help lists the options';

export function parseOptions(argv: string[]): CliOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        workbook: { type: 'string' },
        latency: { type: 'string' },
        fault: { type: 'string', multiple: true },
        'no-chat-app': { type: 'boolean' },
        'no-admin': { type: 'boolean' },
        'per-space': { type: 'string' },
        save: { type: 'string' },
        quiet: { type: 'boolean' },
        serve: { type: 'boolean' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError(argumentProblem(e as Error & { code?: string }, argv));
  }
  const help = values.help === true;
  const serve = values.serve === true;
  if (help)
    return {
      help,
      workbook: '',
      latency: {},
      faults: [],
      noChatApp: false,
      noAdmin: false,
      perSpace: 'interval',
      quiet: false,
      serve,
      port: 0,
    };
  if (values.port !== undefined && !serve)
    throw new UsageError('--port goes with --serve: add --serve, or leave --port out.');
  return {
    help,
    workbook: (values.workbook as string | undefined) ?? 'examples/onboarding.json',
    latency: parseLatency(values.latency as string | undefined),
    faults: ((values.fault as string[] | undefined) ?? []).map(parseFault),
    noChatApp: values['no-chat-app'] === true,
    noAdmin: values['no-admin'] === true,
    perSpace: parsePerSpace(values['per-space'] as string | undefined),
    ...(values.save !== undefined ? { save: checkSave(values.save as string) } : {}),
    quiet: values.quiet === true,
    serve,
    port: values.port === undefined ? 0 : parsePort(values.port as string),
  };
}

function parsePerSpace(value: string | undefined): PerSpaceReading {
  if (value === undefined) return 'interval';
  if (value === 'interval' || value === 'window') return value;
  throw new UsageError(
    `--per-space ${value}: give interval (1 write a second) or window (60 in 60 seconds).`,
  );
}

/** parseArgs's messages are long and name its own API: say it in the CLI's words. */
function argumentProblem(e: Error & { code?: string }, argv: string[]): string {
  const quoted = /'(-[^' ]*)/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${quoted ?? ''}: ${HELP}.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const word = /'([^']*)'/.exec(e.message)?.[1] ?? argv.find((a) => !a.startsWith('-'));
      return (
        `Unexpected argument “${word}”: every option starts with --, and goes after npm start's own -- ` +
        `(e.g. npm start -- --workbook my.json); ${HELP}.`
      );
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([\w-]+)/.exec(e.message)?.[1];
      return /does not take an argument/.test(e.message)
        ? `--${name} takes no value: write --${name} alone; ${HELP}.`
        : `--${name} needs a value (e.g. --${name} ${EXAMPLE[name ?? ''] ?? 'VALUE'}); ${HELP}.`;
    }
    default:
      return `${e.message.split('\n')[0]} (${HELP}).`;
  }
}

const EXAMPLE: Record<string, string> = {
  workbook: 'examples/onboarding.json',
  latency: 'chat=300',
  fault: '503x3@chat.spaces.create',
  save: 'chat-state.json',
  port: '8080',
};

export function parseLatency(spec: string | undefined): Partial<Latency> {
  const out: Partial<Latency> = {};
  if (spec !== undefined && !spec.trim())
    throw new UsageError('--latency is empty: give key=ms pairs, e.g. --latency chat=300,sheetData=50.');
  for (const part of (spec ?? '').split(',')) {
    if (!part.trim()) continue;
    const m = /^\s*([\w]+)\s*=\s*(.*?)\s*$/.exec(part);
    const key = m?.[1];
    if (!m || !LATENCY_KEYS.includes(key as keyof Latency))
      throw new UsageError(
        `--latency ${spec}: “${part}” is not key=ms with a key among ${LATENCY_KEYS.join(', ')} ` +
          `(e.g. --latency chat=300,sheetData=50).`,
      );
    if (!/^\d+(\.\d+)?$/.test(m[2]))
      throw new UsageError(
        `--latency ${spec}: “${m[2]}” for ${key} is not a number of milliseconds (e.g. ${key}=300).`,
      );
    out[key as keyof Latency] = Number(m[2]);
  }
  return out;
}

export function parseFault(spec: string): Fault {
  const m = /^(\d{3})(?:x(\d+))?(?:@([\w.]+))?$/.exec(spec);
  const how = 'use STATUS[xN][@method], e.g. --fault 503x3@chat.spaces.create or --fault 429x2';
  if (!m) throw new UsageError(`--fault ${spec}: ${how}.`);
  const status = Number(m[1]);
  if (status < 400 || status > 599)
    throw new UsageError(`--fault ${spec}: ${status} is not an error status; use 400 to 599 (${how}).`);
  const times = m[2] === undefined ? 1 : Number(m[2]);
  if (times < 1) throw new UsageError(`--fault ${spec}: x${m[2]} fails no call; use x1 or more (${how}).`);
  const method = m[3];
  if (method !== undefined) {
    const known = [...chatMethods(), WEBHOOK_METHOD, 'oauth2.token'];
    if (!known.some((k) => k === method || k.startsWith(method + '.')))
      throw new UsageError(
        `--fault ${spec}: no Chat method is or starts with “${method}”; use one such as ` +
          `chat.spaces.create, chat.spaces.messages (every message method), webhook or oauth2.token.`,
      );
  }
  return { status, times, ...(method ? { method } : {}) };
}

export function parsePort(spec: string): number {
  if (!/^\d+$/.test(spec) || Number(spec) > 65535)
    throw new UsageError(
      `--port ${spec}: use a whole number from 1 to 65535, or leave --port out for a free one.`,
    );
  return Number(spec);
}

/** --save writes at the end: its folder must exist now, and the file must not be a folder. */
function checkSave(file: string): string {
  const dir = path.dirname(path.resolve(file));
  if (!file.trim()) throw new UsageError('--save needs a file name, e.g. --save chat-state.json.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new UsageError(`--save ${file}: the folder ${dir} does not exist; create it or save elsewhere.`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory())
    throw new UsageError(
      `--save ${file}: that is a folder; give a file name, e.g. ${path.join(file, 'chat.json')}.`,
    );
  return file;
}
