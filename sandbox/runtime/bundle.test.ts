import fs from 'node:fs';
import path from 'node:path';
import { Sandbox } from './index';

// The real build (dist/Code.js, rebuilt by jest's global setup) runs in the sandbox: its entry points are
// reachable globals and onOpen, as a simple trigger, adds the Chat menu (PRODUCT.md).
test('the built bundle runs: onOpen adds the Chat menu as a simple trigger', () => {
  const bundle = fs.readFileSync(path.resolve(__dirname, '../../dist/Code.js'), 'utf8');
  const sb = new Sandbox({ bundle });
  const r = sb.run('onOpen', { trigger: 'simple' });
  expect(r).toMatchObject({ outcome: 'ok' });
  expect(sb.ui.menus.map((m) => m.name)).toEqual(['Chat']);
  const fns = sb.ui.menus[0].items.flatMap((i) => ('fn' in i ? [i.fn] : []));
  expect(fns).toContain('syncSpaces');
  expect(fns).not.toContain('onSchedule');
});
