// Deploying, offline: `npm run setup` writes the dev or prod clasp configuration (from a script id, or
// from what `clasp create-script` answers, here a stand-in), `npm run deploy` checks it first, and clasp
// pushes exactly the bundle and the manifest with it.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readConfig, scriptIdFrom, SetupError } from '../scripts/clasp-setup';
import { ROOT } from './support/bundle';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdefghijklmnopq';
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SETUP = path.join(ROOT, 'scripts/clasp-setup.ts');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Ran> {
  return new Promise((resolve) =>
    execFile(
      file,
      args,
      { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env } },
      (e, stdout, stderr) =>
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr }),
    ),
  );
}
const setup = (root: string, args: string[], env?: NodeJS.ProcessEnv) =>
  run(TSX, [SETUP, '--root', root, ...args], { env });
const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
/** A mistake: one line on stderr, exit code 2, no stack trace. */
const oneLine = (r: Ran) => {
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.code).toBe(2);
  return r.stderr;
};

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clasp-test-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run setup', () => {
  it('reads a script id from the id or the editor’s address, and refuses anything else', () => {
    expect(scriptIdFrom(` ${ID} `)).toBe(ID);
    expect(scriptIdFrom(`https://script.google.com/d/${ID}/edit`)).toBe(ID);
    expect(scriptIdFrom(`https://script.google.com/home/projects/${ID}/edit`)).toBe(ID);
    expect(() => scriptIdFrom('REPLACE_WITH_YOUR_SCRIPT_ID')).toThrow(/is not a script id/);
    expect(() => scriptIdFrom('abc')).toThrow(SetupError);
    expect(() => scriptIdFrom(`https://docs.google.com/spreadsheets/d/${ID}/edit`)).toThrow(
      /the spreadsheet's address, not its script's: open Extensions → Apps Script/,
    );
  });

  it('--script-id writes .clasp-dev.json (or with --prod .clasp-prod.json), and never replaces one unasked', async () => {
    const r = await setup(tmp, ['--script-id', `https://script.google.com/d/${ID}/edit`]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Wrote .clasp-dev.json');
    expect(json(path.join(tmp, '.clasp-dev.json'))).toEqual({ scriptId: ID, rootDir: 'dist' });
    expect(fs.existsSync(path.join(tmp, '.clasp-prod.json'))).toBe(false);

    const other = ID.replace('1AbC', '1XyZ');
    expect(oneLine(await setup(tmp, ['--script-id', other]))).toBe(
      `.clasp-dev.json already exists (script ${ID}): add --force to replace it, or deploy with it as it is.\n`,
    );
    expect((await setup(tmp, ['--script-id', other, '--prod'])).code).toBe(0);
    expect(json(path.join(tmp, '.clasp-prod.json'))).toEqual({ scriptId: other, rootDir: 'dist' });
    expect(json(path.join(tmp, '.clasp-dev.json'))).toEqual({ scriptId: ID, rootDir: 'dist' });
    expect(oneLine(await setup(tmp, ['--script-id', 'REPLACE_WITH_YOUR_SCRIPT_ID', '--force']))).toMatch(
      /is not a script id/,
    );
  });

  it('--create makes the spreadsheet and its script with clasp, in an empty folder, and writes what clasp answered', async () => {
    // A stand-in for clasp: checks how it is called, answers as `clasp create-script --json` does.
    const fake = path.join(tmp, 'fake-clasp.js');
    const log = path.join(tmp, 'fake-clasp.log');
    fs.writeFileSync(
      fake,
      `#!/usr/bin/env node
const fs = require('fs');
fs.writeFileSync(${JSON.stringify(log)}, JSON.stringify({ args: process.argv.slice(2), files: fs.readdirSync('.') }));
fs.writeFileSync('.clasp.json', JSON.stringify({ scriptId: ${JSON.stringify(ID)}, rootDir: 'dist' }));
console.log(JSON.stringify({ scriptId: ${JSON.stringify(ID)}, parentId: 'sheet-id-1', files: ['dist/appsscript.json'] }, null, 2));
`,
    );
    fs.chmodSync(fake, 0o755);
    const root = path.join(tmp, 'checkout');
    fs.mkdirSync(root);
    const r = await setup(root, ['--create', '--title', 'Cohort rows', '--prod'], { CLASP_BIN: fake });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(json(log)).toEqual({
      args: ['create-script', '--type', 'sheets', '--title', 'Cohort rows', '--rootDir', 'dist', '--json'],
      files: [],
    });
    expect(json(path.join(root, '.clasp-prod.json'))).toEqual({
      scriptId: ID,
      rootDir: 'dist',
      parentId: 'sheet-id-1',
    });
    expect(fs.readdirSync(root)).toEqual(['.clasp-prod.json']);
    expect(r.stdout).toContain('https://drive.google.com/open?id=sheet-id-1');
    expect(r.stdout).toContain(`https://script.google.com/d/${ID}/edit`);
    expect(r.stdout).toContain('npm run deploy:prod');

    // Nothing is made when a configuration is there already; clasp's failure is one line of advice.
    fs.rmSync(log);
    expect(oneLine(await setup(root, ['--create', '--prod'], { CLASP_BIN: fake }))).toMatch(
      /^\.clasp-prod\.json already exists/,
    );
    expect(fs.existsSync(log)).toBe(false);
    expect(oneLine(await setup(root, ['--create'], { CLASP_BIN: '/bin/false' }))).toMatch(
      /clasp could not create the script .*npx clasp login .*script\.google\.com\/home\/usersettings/,
    );
    expect(fs.existsSync(path.join(root, '.clasp-dev.json'))).toBe(false);
  });

  it('deploy checks its configuration first and says how to make it', async () => {
    fs.writeFileSync(path.join(tmp, '.clasp.json'), JSON.stringify({ scriptId: ID, rootDir: 'dist' }));
    expect(oneLine(await setup(tmp, ['--check', 'dev']))).toMatch(
      new RegExp(
        `^No \\.clasp-dev\\.json yet: run npm run setup -- --create .*npm run setup -- --script-id ${ID}\\.\\n$`,
      ),
    );
    expect(() => readConfig(tmp, 'prod')).toThrow(/No \.clasp-prod\.json yet: .*, with --prod/);
    fs.writeFileSync(path.join(tmp, '.clasp-prod.json'), JSON.stringify({ scriptId: ID, rootDir: '.' }));
    expect(() => readConfig(tmp, 'prod')).toThrow(/pushes from “\.”, not from dist/);
    fs.writeFileSync(path.join(tmp, '.clasp-dev.json'), JSON.stringify({ scriptId: ID, rootDir: 'dist' }));
    expect(await setup(tmp, ['--check', 'dev'])).toEqual({ code: 0, stdout: '', stderr: '' });

    const pkg = json(path.join(ROOT, 'package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.deploy).toMatch(
      /^tsx scripts\/clasp-setup\.ts --check dev && npm test && clasp -P \.clasp-dev\.json push --force$/,
    );
    expect(pkg.scripts['deploy:prod']).toMatch(
      /^tsx scripts\/clasp-setup\.ts --check prod && npm test && clasp -P \.clasp-prod\.json push$/,
    );
    // The configurations are each person's own: git ignores them; none is committed.
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.clasp\*\.json$/m);
  });

  it('with the configuration it wrote, clasp pushes exactly the bundle and the manifest', async () => {
    // A copy of what clasp looks at: the built dist/ (plus files that must stay home) and .claspignore.
    fs.mkdirSync(path.join(tmp, 'dist/sub'), { recursive: true });
    for (const f of ['Code.js', 'appsscript.json'])
      fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(tmp, 'dist', f));
    fs.writeFileSync(path.join(tmp, 'dist/Code.js.map'), '{}');
    fs.writeFileSync(path.join(tmp, 'dist/sub/other.js'), '');
    fs.writeFileSync(path.join(tmp, 'dist/notes.html'), '');
    fs.copyFileSync(path.join(ROOT, '.claspignore'), path.join(tmp, '.claspignore'));
    expect((await setup(tmp, ['--script-id', ID])).code).toBe(0);

    const r = await run(
      path.join(ROOT, 'node_modules/.bin/clasp'),
      ['-P', '.clasp-dev.json', 'show-file-status', '--json'],
      {
        cwd: tmp,
      },
    );
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { filesToPush: string[] };
    expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/appsscript.json']);
  });
});
