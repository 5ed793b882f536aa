// The Node versions package.json's `engines` admits are the ones every locked dependency admits, so
// `npm ci` prints no EBADENGINE on any of them; and .npmrc makes a mismatch an error, not a warning.
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { ROOT } from './support/bundle';

// semver comes with npm's own dependency tree (hoisted in node_modules); only these two are needed.
const semver = createRequire(__filename)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const pkg = read('package.json');
const lock = read('package-lock.json');

describe('Node engines', () => {
  const range: string = pkg.engines.node;
  // The lowest version of each alternative: ^20.19.0 || ^22.13.0 || >=24 → 20.19.0, 22.13.0, 24.0.0.
  const floors = range.split('||').map((r) => semver.minVersion(r.trim())!.version);

  it('every locked package admits the lowest Node of each range package.json allows', () => {
    expect(floors.length).toBeGreaterThan(1);
    const refused: string[] = [];
    for (const [where, entry] of Object.entries<{ version: string; engines?: { node?: string } }>(
      lock.packages,
    )) {
      const wants = entry.engines?.node;
      if (!where || !wants) continue;
      for (const v of floors)
        if (!semver.satisfies(v, wants)) refused.push(`${where}@${entry.version} wants ${wants}, not ${v}`);
    }
    expect(refused).toEqual([]);
  });

  it('the lockfile matches package.json, and npm refuses a mismatched Node', () => {
    expect(lock.packages[''].engines).toEqual(pkg.engines);
    expect(lock.packages[''].devDependencies).toEqual(pkg.devDependencies);
    expect(semver.satisfies(process.versions.node, range)).toBe(true);
    const npmrc = fs.readFileSync(path.join(ROOT, '.npmrc'), 'utf8');
    expect(npmrc).toMatch(/^engine-strict=true$/m);
  });
});
