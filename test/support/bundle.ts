import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const BUNDLE = path.join(ROOT, 'dist/Code.js');

let cached: { mtimeMs: number; source: string } | null = null;

/** The built bundle, read again only when it changed (sweeps build hundreds of worlds). */
export function bundleSource(): string {
  const mtimeMs = fs.statSync(BUNDLE).mtimeMs;
  if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, source: fs.readFileSync(BUNDLE, 'utf8') };
  return cached.source;
}

/** The built manifest: the runner's token holds exactly its oauthScopes (Chat checks the admin ones). */
export function manifestSource(): string {
  return fs.readFileSync(path.join(ROOT, 'dist/appsscript.json'), 'utf8');
}
