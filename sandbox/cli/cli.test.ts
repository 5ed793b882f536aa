// What the sandbox CLI prints, and when it builds.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { staleReason } from './bundle';
import { parseOptions, UsageError } from './options';
import { chatSummary, dialogText, localTime, tabText, wrap } from './output';

const LONG =
  'Google Chat app not configured in the Cloud project: in the Google Cloud console of this script’s project, enable the Google Chat API and fill in its Configuration page.';

describe('tabText', () => {
  const display = [
    ['Key', 'Text', 'Status', 'Detail', 'Sent'],
    ['hello', 'x'.repeat(50), 'ERROR', LONG, '3/2/2026 9:30:09'],
    ['later', 'Later', '', '', ''],
  ];

  it('cuts long cells in the table, and lists each Detail whole below it, by row, folded', () => {
    const text = tabText('Messages', display, 36, 80);
    const [table, below] = text.split('Detail (column D), whole:\n');
    expect(table).toContain(`${'x'.repeat(35)}…`);
    expect(table).not.toContain('Google Chat app');
    expect(table.split('\n')[1]).toMatch(/^ +│ A +│ B +│ C +│ E$/);
    expect(below.split('\n').every((l) => l.length <= 80)).toBe(true);
    expect(below).toMatch(/^ {2}2 {2}Google Chat app/);
    expect(below.replace(/\n +/g, ' ')).toBe(`  2  ${LONG}`);
  });

  it('an empty tab says so; a tab without Detail is only a table', () => {
    expect(tabText('Sheet1', [])).toBe('Sheet1 (empty)');
    expect(tabText('T', [['A'], ['b']])).toBe('T\n  │ A\n1 │ A\n2 │ b');
  });

  it('wrap folds at spaces and keeps a word longer than the width whole', () => {
    expect(wrap('aaa bbb ccc', 7, '  ')).toBe('aaa bbb\n  ccc');
    expect(wrap('a '.repeat(3) + 'x'.repeat(12), 5, '')).toBe('a a a\n' + 'x'.repeat(12));
  });
});

describe('dialogs and the summary', () => {
  it('prints an alert as text with its answer, not as JSON', () => {
    const line = dialogText({
      kind: 'alert',
      title: 'Chat: please fix the set-up',
      prompt: 'Google Chat app not configured.\nSee the README.',
      buttons: 'OK',
      answer: { button: 'OK' },
      at: 0,
    });
    expect(line).toBe(
      'alert “Chat: please fix the set-up” — Google Chat app not configured. See the README. [answered OK]',
    );
  });

  it("counts the injected faults apart from Chat's own rate-limit 429s", () => {
    const stats = {
      calls: {},
      writes: 7,
      reads: 0,
      writesByKind: { message: 7, membership: 0, space: 0, attachment: 0, reaction: 0 },
      errors: {},
    };
    expect(chatSummary({ ...stats, throttled: 1, injected: { 503: 3, 429: 2 } })).toBe(
      'Chat: 7 writes, 1 × 429 from its rate limits; injected by --fault: 2 × 429, 3 × 503',
    );
    expect(chatSummary({ ...stats, writes: 1, throttled: 0, injected: {} })).toBe(
      'Chat: 1 write, 0 × 429 from its rate limits',
    );
  });
});

describe('building', () => {
  it('builds only when dist/Code.js is missing or older than a source, the manifest or the build config', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-build-'));
    const at = (file: string, seconds: number) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), '');
      fs.utimesSync(path.join(root, file), seconds, seconds);
    };
    at('src/main.ts', 100);
    at('appsscript.json', 100);
    at('webpack.config.js', 100);
    expect(staleReason(root)).toBe('dist/Code.js is missing');
    at('dist/Code.js', 200);
    expect(staleReason(root)).toBeNull();
    at('src/generated/card-schema.ts', 300); // written by the build itself
    expect(staleReason(root)).toBeNull();
    at('src/tabs/spaces.ts', 300);
    at('webpack.config.js', 300);
    expect(staleReason(root)).toBe('src, webpack.config.js changed since the last build');
    fs.rmSync(root, { recursive: true });
  });

  it('--help is answered without reading anything else', () => {
    expect(parseOptions(['--latency', 'nonsense', '--help']).help).toBe(true);
  });
});

describe('options', () => {
  const said = (...argv: string[]) => {
    try {
      parseOptions(argv);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as Error).message).not.toContain('\n');
      return (e as Error).message;
    }
  };

  it.each<[string[], RegExp]>([
    [['--fault', '503y3'], /^--fault 503y3: use STATUS\[xN\]\[@method\], e\.g\./],
    [['--fault', '200'], /200 is not an error status; use 400 to 599/],
    [['--fault', '503x0'], /x0 fails no call/],
    [['--fault', '503@chat.spaces.creat'], /no Chat method is or starts with “chat\.spaces\.creat”/],
    [['--latency', 'chat=abc'], /^--latency chat=abc: “abc” for chat is not a number of milliseconds/],
    [['--latency', 'cht=3'], /“cht=3” is not key=ms with a key among sheetData, chat, fetch/],
    [['--latency', ''], /^--latency is empty/],
    [['--fualt', '503'], /^Unknown option --fualt: npm start -- --help lists the options\.$/],
    [['-z'], /^Unknown option -z:/],
    [
      ['examples/onboarding.json'],
      /^Unexpected argument “examples\/onboarding\.json”: every option starts with --/,
    ],
    [['--workbook'], /^--workbook needs a value \(e\.g\. --workbook examples\/onboarding\.json\)/],
    [['--workbook', '--quiet'], /^--workbook needs a value/],
    [['--quiet=yes'], /^--quiet takes no value/],
    [['--serve', '--port', 'abc'], /^--port abc: use a whole number from 1 to 65535/],
    [['--serve', '--port', '70000'], /^--port 70000: use a whole number/],
    [['--port', '8080'], /^--port goes with --serve/],
    [
      ['--save', '/no/such/folder/x.json'],
      /^--save \/no\/such\/folder\/x\.json: the folder \/no\/such\/folder does not exist/,
    ],
    [['--save', os.tmpdir()], /that is a folder; give a file name/],
  ])('%j: one line naming the mistake and the fix', (argv, message) => {
    expect(said(...argv)).toMatch(message);
  });

  it('reads good options', () => {
    expect(
      parseOptions([
        '--fault',
        '503x3@chat.spaces.create',
        '--fault',
        '429',
        '--fault',
        '500@webhook',
        '--latency',
        'chat=300,sheetData=50',
        '--serve',
        '--port',
        '8080',
      ]),
    ).toMatchObject({
      faults: [
        { status: 503, times: 3, method: 'chat.spaces.create' },
        { status: 429, times: 1 },
        { status: 500, times: 1, method: 'webhook' },
      ],
      latency: { chat: 300, sheetData: 50 },
      serve: true,
      port: 8080,
      workbook: 'examples/onboarding.json',
    });
  });
});

describe('--per-space', () => {
  it('chooses the reading of Chat’s per-space write limit; interval is the default', () => {
    expect(parseOptions([]).perSpace).toBe('interval');
    expect(parseOptions(['--per-space', 'window']).perSpace).toBe('window');
    expect(() => parseOptions(['--per-space', 'burst'])).toThrow(
      '--per-space burst: give interval (1 write a second) or window (60 in 60 seconds).',
    );
  });
});

describe('--no-admin', () => {
  it('the person running is an administrator unless --no-admin', () => {
    expect(parseOptions([]).noAdmin).toBe(false);
    expect(parseOptions(['--no-admin']).noAdmin).toBe(true);
  });
});

describe('localTime', () => {
  it('shows a time in the spreadsheet’s zone, named', () => {
    expect(localTime(Date.UTC(2026, 0, 5, 9, 5), 'Europe/Paris')).toBe('2026-01-05 10:05 (Europe/Paris)');
    expect(localTime(Date.UTC(2026, 6, 5, 9, 5), 'America/New_York')).toBe(
      '2026-07-05 05:05 (America/New_York)',
    );
  });
});
