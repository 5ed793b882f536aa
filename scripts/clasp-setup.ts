// `npm run setup -- …`: points this checkout at the Apps Script project it deploys to, and checks that it
// does before `npm run deploy`. Two configurations, as google/aside keeps them: `.clasp-dev.json` (the
// test copy, `npm run deploy`) and `.clasp-prod.json` (`npm run deploy:prod`). Both are yours, not the
// repository's: git ignores `.clasp*.json`; what is committed is `.claspignore`, which lets clasp push
// only dist/Code.js and dist/appsscript.json.
//
//   npm run setup -- --create [--title "Chat rows"] [--prod]   a new spreadsheet with its bound script
//   npm run setup -- --script-id ID [--prod]                  the script of an existing spreadsheet
//   tsx scripts/clasp-setup.ts --check dev|prod               what deploy runs first
//
// A mistake is one line and exit code 2; clasp's own messages (not logged in, no Apps Script API) are
// passed through.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';

export const CONFIGS = { dev: '.clasp-dev.json', prod: '.clasp-prod.json' } as const;
export type Target = keyof typeof CONFIGS;

/** What every configuration says besides the script id: clasp pushes from dist/ (see .claspignore). */
export const ROOT_DIR = 'dist';

const HOW =
  'npm run setup -- --create for a new spreadsheet, or npm run setup -- --script-id ID for an existing one';

export class SetupError extends Error {
  override name = 'SetupError';
}

export interface ClaspConfig {
  scriptId: string;
  rootDir: string;
  parentId?: string;
}

/**
 * A script id from what a person pastes: the id itself (Project Settings → IDs → Script ID in the Apps
 * Script editor), or the editor's address. A spreadsheet's own address is refused with the way to the id.
 */
export function scriptIdFrom(input: string): string {
  const s = input.trim();
  if (/docs\.google\.com\/spreadsheets\//.test(s))
    throw new SetupError(
      `${s} is the spreadsheet's address, not its script's: open Extensions → Apps Script in the ` +
        'spreadsheet, then Project Settings, and copy the Script ID (or the editor’s address).',
    );
  const inUrl = /script\.google\.com\/(?:[^?#]*\/)?(?:d|projects)\/([A-Za-z0-9_-]+)/.exec(s)?.[1];
  const id = inUrl ?? s;
  if (!/^[A-Za-z0-9_-]{20,}$/.test(id) || /^REPLACE_WITH/.test(id))
    throw new SetupError(
      `“${s}” is not a script id: it is a long string of letters, digits, - and _ (in the Apps Script ` +
        'editor: Project Settings → IDs → Script ID).',
    );
  return id;
}

export function configPath(root: string, target: Target): string {
  return path.join(root, CONFIGS[target]);
}

/** The configuration `target` deploys with, or a SetupError saying how to make it. */
export function readConfig(root: string, target: Target): ClaspConfig {
  const file = configPath(root, target);
  if (!fs.existsSync(file)) {
    const legacy = legacyScriptId(root);
    throw new SetupError(
      `No ${CONFIGS[target]} yet: run ${HOW}${target === 'prod' ? ', with --prod' : ''} (README: Deploy)` +
        (legacy
          ? `; the .clasp.json here names script ${legacy}: npm run setup -- --script-id ${legacy}`
          : '') +
        '.',
    );
  }
  let config: Partial<ClaspConfig>;
  try {
    config = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ClaspConfig>;
  } catch {
    throw new SetupError(`${CONFIGS[target]} is not JSON: delete it and run ${HOW}.`);
  }
  try {
    scriptIdFrom(String(config.scriptId ?? ''));
  } catch {
    throw new SetupError(`${CONFIGS[target]} holds no script id: run ${HOW}, with --force.`);
  }
  if (config.rootDir !== ROOT_DIR)
    throw new SetupError(
      `${CONFIGS[target]} pushes from “${config.rootDir ?? '.'}”, not from ${ROOT_DIR}: ` +
        `set "rootDir": "${ROOT_DIR}" (or run ${HOW}, with --force).`,
    );
  return config as ClaspConfig;
}

/** A script id in an old-style .clasp.json (before the dev and prod configurations), if there is one. */
function legacyScriptId(root: string): string | undefined {
  try {
    const id = (JSON.parse(fs.readFileSync(path.join(root, '.clasp.json'), 'utf8')) as ClaspConfig).scriptId;
    return scriptIdFrom(id);
  } catch {
    return undefined;
  }
}

/** Refuses to replace a configuration unless asked to (`--force`), saying which script it names. */
export function refuseOverwrite(root: string, target: Target): void {
  const file = configPath(root, target);
  if (!fs.existsSync(file)) return;
  let current = '';
  try {
    current = ` (script ${(JSON.parse(fs.readFileSync(file, 'utf8')) as ClaspConfig).scriptId})`;
  } catch {
    // Unreadable: say only that it exists.
  }
  throw new SetupError(
    `${CONFIGS[target]} already exists${current}: add --force to replace it, or deploy with it as it is.`,
  );
}

export function writeConfig(root: string, target: Target, config: ClaspConfig): string {
  const file = configPath(root, target);
  const { scriptId, rootDir, parentId } = config;
  fs.writeFileSync(
    file,
    JSON.stringify({ scriptId, rootDir, ...(parentId ? { parentId } : {}) }, null, 2) + '\n',
  );
  return file;
}

/**
 * `clasp create-script --type sheets`: a new spreadsheet in your Drive with a script bound to it. clasp
 * runs in an empty folder (it refuses to run where a project file exists, and it writes the new script's
 * first files into its rootDir), and the script id is read from its `--json` answer.
 */
export function createScript(clasp: string, title: string): { scriptId: string; parentId?: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clasp-create-'));
  try {
    const r = spawnSync(
      clasp,
      ['create-script', '--type', 'sheets', '--title', title, '--rootDir', ROOT_DIR, '--json'],
      { cwd: dir, encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'] },
    );
    if (r.error) throw new SetupError(`Could not run clasp (${clasp}): ${r.error.message}`);
    if (r.status !== 0)
      throw new SetupError(
        `clasp could not create the script (its message is above): check that you ran npx clasp login ` +
          'and turned on the Google Apps Script API at https://script.google.com/home/usersettings.',
      );
    const out = r.stdout ?? '';
    let answer: { scriptId?: string; parentId?: string };
    try {
      answer = JSON.parse(out.slice(out.indexOf('{'))) as typeof answer;
    } catch {
      throw new SetupError(`clasp answered something other than JSON: ${out.trim().split('\n')[0]}`);
    }
    const scriptId = scriptIdFrom(answer.scriptId ?? '');
    return { scriptId, ...(answer.parentId ? { parentId: answer.parentId } : {}) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(argv: string[]): void {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        create: { type: 'boolean' },
        title: { type: 'string' },
        'script-id': { type: 'string' },
        prod: { type: 'boolean' },
        force: { type: 'boolean' },
        check: { type: 'string' },
        // The checkout to configure (tests use a copy).
        root: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new SetupError(`${(e as Error).message.split('\n')[0]}: use ${HOW}.`);
  }
  const root = path.resolve((values.root as string | undefined) ?? path.join(__dirname, '..'));
  if (values.check !== undefined) {
    const target = values.check as string;
    if (target !== 'dev' && target !== 'prod')
      throw new SetupError(`--check ${target}: use --check dev or --check prod.`);
    readConfig(root, target);
    return;
  }
  const target: Target = values.prod ? 'prod' : 'dev';
  const force = values.force === true;
  if (values.create && values['script-id'] !== undefined)
    throw new SetupError('--create makes a new script, --script-id names one: use one of them.');
  if (!values.create && values['script-id'] === undefined) throw new SetupError(`Nothing to do: run ${HOW}.`);
  if (values.title !== undefined && !values.create) throw new SetupError('--title goes with --create.');

  if (values['script-id'] !== undefined) {
    const scriptId = scriptIdFrom(values['script-id'] as string);
    if (!force) refuseOverwrite(root, target);
    const file = writeConfig(root, target, { scriptId, rootDir: ROOT_DIR });
    console.log(`Wrote ${path.basename(file)}: script ${scriptId}, pushed from ${ROOT_DIR}/.`);
  } else {
    // Refuse before making anything in Drive.
    if (!force) refuseOverwrite(root, target);
    const title = (values.title as string | undefined) ?? 'Chat rows';
    // CLASP_BIN: another clasp executable (the tests use a stand-in that answers as clasp does).
    const clasp = process.env.CLASP_BIN ?? path.join(__dirname, '../node_modules/.bin/clasp');
    const made = createScript(clasp, title);
    const file = writeConfig(root, target, { ...made, rootDir: ROOT_DIR });
    if (made.parentId)
      console.log(`Created the spreadsheet “${title}”: https://drive.google.com/open?id=${made.parentId}`);
    console.log(`Created its script: https://script.google.com/d/${made.scriptId}/edit`);
    console.log(`Wrote ${path.basename(file)}: script ${made.scriptId}, pushed from ${ROOT_DIR}/.`);
  }
  console.log(
    `Next: link the script to your Cloud project (README: Deploy, step 4), then npm run ${target === 'prod' ? 'deploy:prod' : 'deploy'}.`,
  );
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}
