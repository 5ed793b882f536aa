// `npm start`: the built bundle on the local Apps Script runtime, against the Chat emulator. It opens a
// scenario workbook, runs what a user would click, fires the schedule, and prints what happened.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { loadScenario } from './scenario';
import type { ExecutionResult, Latency } from './runtime';
import { serve } from './serve/server';

const USAGE = `npm start -- [options]
  --workbook FILE       scenario JSON (default examples/onboarding.json)
  --latency k=ms,...    e.g. chat=300,sheetData=50,fetch=250,fetchAllOverhead=20
  --fault STATUS[xN][@method]  e.g. 503x3@chat.spaces.create (repeatable)
  --no-chat-app         the Cloud project has no Chat app configured
  --save FILE           save the emulated Chat state as JSON afterwards
  --quiet               print only the summary
  --serve               instead of running everything: set up sheets, sync spaces and members, check
                        rows, then serve the viewer and the Preview message sidebar on localhost
  --port N              port for --serve (default: any free port)
  --help`;

function parseLatency(spec: string | undefined): Partial<Latency> {
  const out: Partial<Latency> = {};
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!['sheetData', 'chat', 'fetch', 'fetchAllOverhead', 'other'].includes(k) || !(Number(v) >= 0))
      throw new Error(`bad --latency part “${part}”`);
    out[k as keyof Latency] = Number(v);
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      workbook: { type: 'string', default: 'examples/onboarding.json' },
      latency: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'no-chat-app': { type: 'boolean' },
      save: { type: 'string' },
      quiet: { type: 'boolean' },
      serve: { type: 'boolean' },
      port: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const root = path.resolve(__dirname, '..');
  const bundle = fs.readFileSync(path.join(root, 'dist/Code.js'), 'utf8');
  const { sb, chat, clock } = loadScenario(path.resolve(values.workbook!), {
    bundle,
    latency: parseLatency(values.latency),
  });
  for (const f of values.fault ?? []) {
    const m = /^(\d{3})(?:x(\d+))?(?:@([\w.]+))?$/.exec(f);
    if (!m) throw new Error(`bad --fault “${f}”: use STATUS[xN][@method]`);
    chat.faults.next(Number(m[2] ?? 1), Number(m[1]), m[3] ? { method: m[3] } : {});
  }
  if (values['no-chat-app']) chat.appConfigured = false;

  const runs: ExecutionResult[] = [];
  const say = (s: string) => values.quiet || console.log(s);
  const step = (title: string, r: ExecutionResult | ExecutionResult[]) => {
    const list = Array.isArray(r) ? r : [r];
    runs.push(...list);
    for (const x of list) {
      say(
        `\n▶ ${title}: ${x.fn} (${x.trigger}) — ${x.outcome}, ${(x.elapsedMs / 1000).toFixed(1)} s virtual, ${x.totalCalls} calls`,
      );
      if (x.error) say(`  error: ${x.error}`);
    }
  };
  sb.run('onOpen', { trigger: 'simple' });
  const menu = sb.ui.menus[0];
  say(
    `Menu “${menu?.name}”: ${(menu?.items ?? []).map((i) => ('caption' in i ? i.caption : '—')).join(' · ')}`,
  );
  step('Set up sheets', sb.run('setUpSheets'));
  if (values.serve) {
    // Messages stay pending, to be previewed and sent from the sidebar (or the menu) in the browser.
    step('Sync spaces', sb.run('syncSpaces'));
    step('Sync members', sb.run('syncMembers'));
    step('Check rows', sb.run('checkRows'));
    void serve({ sb, chat, port: Number(values.port ?? 0) }).then((served) => {
      console.log(
        `\nServing the sandbox at ${served.url} (viewer; the sidebar is at ${served.url}sidebar?row=2).`,
      );
      console.log('Stop with Ctrl-C.');
      process.once('SIGINT', () => {
        if (values.save) fs.writeFileSync(values.save, JSON.stringify(chat.toJSON(), null, 2));
        void served.close().then(() => process.exit(0));
      });
    });
    return;
  }
  step('Run all', sb.run('runAll'));
  step('Enable schedule', sb.run('enableSchedule'));
  const fired = sb.runUntilIdle({ maxExecutions: 20 });
  if (fired.length) step('Continuations', fired);
  for (let i = 0; i < 12; i++) {
    sb.advance(5 * 60_000);
    const due = sb.runDueTriggers();
    if (due.length) step(`Schedule, ${new Date(clock.now()).toISOString().slice(11, 16)} UTC`, due);
  }
  for (const t of sb.ui.toasts) say(`  toast: ${t.message}`);
  for (const a of sb.ui.alerts) say(`  alert: ${JSON.stringify(a)}`);

  if (!values.quiet) {
    for (const s of sb.workbook.sheets) console.log(`\n${sb.workbook.toTable(s.name, 36)}`);
    console.log(`\nGoogle Chat (emulated)\n${chat.tree()}`);
  }
  const calls = runs.reduce((n, r) => n + r.totalCalls, 0);
  const data = runs.reduce((n, r) => n + r.sheetDataCalls, 0);
  console.log(
    `\nSummary: ${runs.length} executions, ${calls} service calls (${data} spreadsheet data calls), ` +
      `virtual time ${new Date(clock.now()).toISOString()}, Chat: ${chat.stats.writes} writes, ${chat.stats.throttled} × 429.`,
  );
  if (values.save) {
    fs.writeFileSync(values.save, JSON.stringify(chat.toJSON(), null, 2));
    console.log(`Saved the Chat state to ${values.save}.`);
  }
}

main();
