// The CLI builds dist/Code.js itself, only when it is missing or older than what it is built from, and
// quietly: webpack's report is shown only if the build fails.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const BUNDLE = path.join(ROOT, 'dist/Code.js');
/** The manifest the build copies beside the bundle: its oauthScopes are the running user's token's. */
export const MANIFEST = path.join(ROOT, 'dist/appsscript.json');

/** What the bundle is built from: the sources, the manifest, the build's own configuration. */
const INPUTS = [
  'src',
  'appsscript.json',
  'webpack.config.js',
  'package-lock.json',
  'scripts/gen-card-schema.ts',
];

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true }))
    if (e.name !== 'generated') t = Math.max(t, newest(path.join(p, e.name)));
  return t;
}

/** Why the bundle must be built, or null when dist/Code.js is newer than all of its inputs. */
export function staleReason(root = ROOT): string | null {
  const bundle = path.join(root, 'dist/Code.js');
  if (!fs.existsSync(bundle)) return 'dist/Code.js is missing';
  const built = fs.statSync(bundle).mtimeMs;
  const changed = INPUTS.filter((p) => newest(path.join(root, p)) > built);
  return changed.length ? `${changed.join(', ')} changed since the last build` : null;
}

/** Builds when stale. Returns what was said (one line), or throws with webpack's output on failure. */
export function ensureBundle(say: (line: string) => void): void {
  const why = staleReason();
  if (!why) return;
  say(`Building dist/Code.js (${why})…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0)
    throw new BuildError(`${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim());
}

export class BuildError extends Error {
  override name = 'BuildError';
}
