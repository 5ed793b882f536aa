// The sandbox CLI (`npm start -- …`) as a person runs it: every input mistake is one plain line on stderr
// naming it and the fix, exit code 2, no stack trace, and nothing run or printed before it; --help at
// once; --quiet prints the summary only.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './support/bundle';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function cli(...args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(TSX, ['sandbox/cli.ts', ...args], { cwd: ROOT, timeout: 50_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let busy: net.Server;
let busyPort: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  const file = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  file('empty.json', '{}');
  file('malformed.json', '{\n  "user": "lead@example.com",\n  "tabs": {"Spaces": [["Key"],]}\n}\n');
  file('not-json.txt', 'Key,Display name\nteam,Team\n');
  file('bad-field.json', JSON.stringify({ user: 'lead@example.com', users: [{ email: 'ada' }], tabs: {} }));
  busy = net.createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  busyPort = (busy.address() as net.AddressInfo).port;
});

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await new Promise((done) => busy.close(done));
});

const at = (name: string) => path.join(dir, name);

describe('npm start -- …: input mistakes', () => {
  // [what, the arguments, a piece of the one line it must print]
  // The list (more kinds of mistake are checked in-process by sandbox/cli/cli.test.ts and
  // sandbox/scenario.test.ts): [what, the arguments, a piece of the one line it must print].
  const cases: [string, () => string[], RegExp][] = [
    ['a bad --fault', () => ['--fault', '503y3'], /^--fault 503y3: use STATUS\[xN\]\[@method\]/],
    [
      'a bad --latency',
      () => ['--latency', 'chat=abc'],
      /^--latency chat=abc: “abc” for chat is not a number/,
    ],
    [
      'a missing workbook',
      () => ['--workbook', at('nope.json')],
      /nope\.json: no such file; give a scenario/,
    ],
    [
      'a malformed workbook',
      () => ['--workbook', at('malformed.json')],
      /not valid JSON at line 3, column \d+/,
    ],
    [
      'a workbook that is not JSON',
      () => ['--workbook', at('not-json.txt')],
      /not-json\.txt: not valid JSON/,
    ],
    ['{} as a workbook', () => ['--workbook', at('empty.json')], /empty\.json: user: is required/],
    ['a bad field', () => ['--workbook', at('bad-field.json')], /users\[0\]\.email: "ada" is not an e-mail/],
    ['an unknown option', () => ['--fualt', '503'], /^Unknown option --fualt: npm start -- --help/],
    [
      'an argument without --',
      () => ['examples/onboarding.json'],
      /^Unexpected argument “examples\/onboarding\.json”/,
    ],
    ['--port abc', () => ['--serve', '--port', 'abc'], /^--port abc: use a whole number/],
    ['a port in use', () => ['--serve', '--port', String(busyPort)], /the port is in use; choose another/],
  ];

  // Each case is a process of its own (tsx takes a second to start): run them a few at a time, up front.
  const results = new Map<string, Ran>();
  beforeAll(async () => {
    const queue = [...cases];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) results.set(c[0], await cli(...c[1]()));
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 120_000);

  it.each(cases)('%s: one plain line naming it, exit 2, nothing run', (what, _args, said) => {
    const r = results.get(what)!;
    expect(r.stderr).toMatch(said);
    expect(r.stderr).not.toMatch(/^ {4}at /m);
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });
});

describe('npm start -- …: output', () => {
  it('--help prints the options at once, builds and runs nothing', async () => {
    const r = await cli('--help');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^npm start -- \[options\]\n/);
    expect(r.stdout).not.toMatch(/Building|Menu|webpack/);
  });

  it('--quiet prints only the summary, with the injected 429s apart from Chat’s own', async () => {
    const r = await cli('--quiet', '--fault', '429x2@chat.spaces.messages.create');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^Summary: \d+ executions, .* Chat: \d+ writes, 0 × 429 from its rate limits; injected by --fault: 2 × 429\.$/,
      ),
    ]);
  });

  it('prints Detail whole under each table and alerts as text', async () => {
    const r = await cli('--no-chat-app');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const out = r.stdout;
    expect(out).toMatch(/^ {2}alert “[^”]+” — Google Chat app not configured/m);
    expect(out).not.toMatch(/alert: \{/);
    const listings = [...out.matchAll(/^Detail \(column [A-Z]+\), whole:\n((?: .*\n)+)/gm)].map((m) => m[1]);
    expect(listings.length).toBeGreaterThanOrEqual(2);
    for (const l of listings) expect(l).not.toMatch(/…\n/);
    // One entry per row ("  2  text", numbers right-aligned; folded lines indented below it): longer
    // than a table cell.
    const entries = listings
      .join('')
      .replace(/\n {4,}/g, ' ')
      .split('\n')
      .filter(Boolean);
    expect(entries.every((e) => /^ {2,3}\d+ {2}\S/.test(e))).toBe(true);
    expect(Math.max(...entries.map((e) => e.length))).toBeGreaterThan(100);
  });
});
