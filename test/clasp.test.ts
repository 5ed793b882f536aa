import { execFileSync } from 'child_process';
import { ROOT } from './support/bundle';

describe('clasp', () => {
  it('pushes exactly the bundle and the manifest', () => {
    const out = execFileSync('npx', ['--no-install', 'clasp', 'show-file-status', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const status = JSON.parse(out.slice(out.indexOf('{')));
    expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/appsscript.json']);
  });
});
