import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
export const BUNDLE = path.join(ROOT, 'dist/Code.js');

/** Entry points PRODUCT.md names, read from PRODUCT.md itself so the test follows the contract. */
export function productEntryPoints(): string[] {
  const product = fs.readFileSync(path.join(ROOT, '../shared/PRODUCT.md'), 'utf8');
  const table = product.slice(product.indexOf('## Entry points'), product.indexOf('## Tabs and columns'));
  const names = new Set<string>();
  for (const m of table.matchAll(/^\| `([^`]+)`(?: \/ `([^`]+)`)?/gm)) {
    for (const n of [m[1], m[2]]) if (n) names.add(n.replace(/\(.*\)$/, ''));
  }
  return [...names];
}

let cached: { mtimeMs: number; source: string } | null = null;

/** The built bundle, read again only when it changed (sweeps build hundreds of worlds). */
export function bundleSource(): string {
  const mtimeMs = fs.statSync(BUNDLE).mtimeMs;
  if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, source: fs.readFileSync(BUNDLE, 'utf8') };
  return cached.source;
}
