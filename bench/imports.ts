// The import workload: a workspace of 2,000 spaces and their memberships (sandbox/chat/workspace.ts,
// WORKSPACE_SIZES.bench) imported from an empty sheet with Import spaces, then Import members, as a person
// would click them; measured from the first click to the end of the last execution (continuations too).
import { ChatEmulator, type PerSpaceReading } from '../sandbox/chat/emulator';
import { buildWorkspace, WORKSPACE_SIZES } from '../sandbox/chat/workspace';
import { VirtualClock } from '../sandbox/clock';
import { Sandbox, type ExecutionResult } from '../sandbox/runtime';
import { LOG, MEMBERS, SPACES, type TabSpec } from '../src/contract/tabs';
import type { ImportShape } from './import-bound';

const ADMIN = 'admin@example.com';
/** The largest page Chat gives (the bound's page: fewest reads). */
const PAGE_SIZE = 1000;

export interface ImportFigures {
  ms: number;
  executions: number;
  rows: number;
  dataCallsPer100: number;
  throttled: number;
  duplicates: number;
  /** Spaces and memberships of the workspace not imported. */
  missing: number;
  /** The workspace as the bound sees it. */
  shape: ImportShape;
}

export const IMPORT_NAME = 'import 2,000 spaces and their memberships';

export function measureImport(bundle: string, perSpace: PerSpaceReading): ImportFigures {
  const clock = new VirtualClock(new Date('2026-11-23T09:00:00Z'));
  const chat = new ChatEmulator({ clock, seed: 5, perSpace });
  chat.addUser(ADMIN, { displayName: 'Admin' });
  const ws = buildWorkspace(chat, { you: ADMIN, seed: 3, ...WORKSPACE_SIZES.bench });
  const header = (t: TabSpec) => [t.columns.map((c) => c.header)];
  const sb = new Sandbox({
    bundle,
    chat,
    clock,
    user: ADMIN,
    spreadsheetId: 'bench-import',
    sheets: { Spaces: header(SPACES), Members: header(MEMBERS), Log: header(LOG) },
    seed: 1,
    realTimeoutMs: 600_000,
  });
  const tabs = [SPACES, MEMBERS, LOG].map((t) => t.name);
  const grid = tabs.map((t) => sb.workbook.sheet(t).maxRows);
  clock.advance(120_000);
  const start = clock.now();
  sb.ui.answers.push({ button: 'OK', text: '' });
  const runs: ExecutionResult[] = [sb.run('importSpaces')];
  runs.push(...sb.runUntilIdle({ maxExecutions: 20 }));
  sb.selectRange('Log', 'A1');
  runs.push(sb.run('importMembers'));
  runs.push(...sb.runUntilIdle({ maxExecutions: 20 }));
  const failed = runs.find((r) => r.outcome === 'error');
  if (failed) throw new Error(`${failed.fn}: ${failed.error}`);
  const end = Math.max(...runs.map((r) => r.startedAt + r.elapsedMs));
  const column = (tab: TabSpec, h: string) => {
    const values = sb.workbook.sheet(tab.name).values;
    const c = values[0].indexOf(h);
    return values.slice(1).map((r) => String(r[c] ?? ''));
  };
  const spaces = column(SPACES, 'Space');
  const memberships = column(MEMBERS, 'Membership');
  const expected = new Set([
    ...ws.listable,
    ...ws.listable.flatMap((s) => chat.members(s).map((m) => String(m.name))),
  ]);
  const got = [...spaces, ...memberships];
  return {
    ms: end - start,
    executions: runs.length,
    rows: got.length,
    dataCallsPer100: (runs.reduce((n, r) => n + r.sheetDataCalls, 0) / got.length) * 100,
    throttled: chat.stats.throttled,
    duplicates: got.length - new Set(got).size,
    missing: [...expected].filter((x) => !got.includes(x)).length,
    shape: {
      spaces: ws.listable.length,
      memberPages: ws.listable.map((s) => Math.max(1, Math.ceil(chat.members(s).length / PAGE_SIZE))),
      pageSize: PAGE_SIZE,
      grownTabs: tabs.filter((t, i) => sb.workbook.sheet(t).values.length > grid[i]).length,
    },
  };
}
