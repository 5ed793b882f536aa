// The built bundle, loaded the way Apps Script loads it: one script in a bare global scope.
import * as vm from 'vm';
import { SIDEBAR_FUNCTIONS } from '../src/preview/model';
import { ENTRY_POINTS, MENU } from '../src/contract/menu';
import { bundleSource } from './support/bundle';

interface MenuRecord {
  name: string;
  items: { caption: string; fn: string }[];
  added: boolean;
}

function load(globals: Record<string, unknown> = {}) {
  const context = vm.createContext({ ...globals });
  vm.runInContext(bundleSource(), context, { filename: 'Code.js' });
  return context as Record<string, unknown>;
}

function recordingUi() {
  const menus: MenuRecord[] = [];
  const ui = {
    createMenu(name: string) {
      const rec: MenuRecord = { name, items: [], added: false };
      menus.push(rec);
      const builder = {
        addItem(caption: string, fn: string) {
          rec.items.push({ caption, fn });
          return builder;
        },
        addSeparator: () => builder,
        addSubMenu: () => builder,
        addToUi() {
          rec.added = true;
        },
      };
      return builder;
    },
  };
  return { menus, SpreadsheetApp: { getUi: () => ui } };
}

describe('dist/Code.js', () => {
  it('has no import or export statements left', () => {
    expect(bundleSource()).not.toMatch(/^\s*(import|export)\s[^(]/m);
  });

  it('loads in a bare context without require, module, exports or process', () => {
    const ctx = load();
    for (const name of ['require', 'module', 'exports', 'process']) expect(ctx[name]).toBeUndefined();
  });

  it('defines every entry point of the contract as a global function', () => {
    const names = ENTRY_POINTS;
    expect(names.length).toBeGreaterThanOrEqual(15);
    const ctx = load();
    for (const name of names) expect([name, typeof ctx[name]]).toEqual([name, 'function']);
  });

  it('onOpen builds the Chat menu, every item naming an existing global function', () => {
    const { menus, SpreadsheetApp } = recordingUi();
    const ctx = load({ SpreadsheetApp });
    (ctx.onOpen as () => void)();
    expect(menus).toHaveLength(1);
    expect(menus[0].name).toBe('Chat');
    expect(menus[0].added).toBe(true);
    const fns = menus[0].items.map((i) => i.fn);
    for (const fn of fns) expect([fn, typeof ctx[fn]]).toEqual([fn, 'function']);
    expect(menus[0].items).toEqual(MENU.filter((m) => m !== 'separator'));
  });

  it('defines the functions the preview sidebar calls through google.script.run', () => {
    const ctx = load();
    const names = Object.values(SIDEBAR_FUNCTIONS);
    expect(names).toHaveLength(3);
    for (const name of names) expect([name, typeof ctx[name]]).toEqual([name, 'function']);
  });

  it('onOpen uses nothing but the UI (it runs as a simple trigger)', () => {
    const { menus, SpreadsheetApp } = recordingUi();
    const touched: string[] = [];
    const forbidden = new Proxy(
      {},
      {
        get(_t, prop) {
          touched.push(String(prop));
          throw new Error(`simple trigger touched ${String(prop)}`);
        },
      },
    );
    const ctx = load({
      SpreadsheetApp,
      PropertiesService: forbidden,
      UrlFetchApp: forbidden,
      ScriptApp: forbidden,
      Chat: forbidden,
      Session: forbidden,
    });
    (ctx.onOpen as () => void)();
    expect(touched).toEqual([]);
    expect(menus).toHaveLength(1);
  });
});
