// Tests run the built bundle, so make sure dist/Code.js is at least as new as every source file.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '../..');
  const bundle = path.join(root, 'dist/Code.js');
  const sources = Math.max(
    newest(path.join(root, 'src')),
    fs.statSync(path.join(root, 'appsscript.json')).mtimeMs,
  );
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < sources) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  }
};
