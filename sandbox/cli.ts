// `npm start`: the built bundle on the local Apps Script runtime, against the Chat emulator. It opens a
// scenario workbook, runs what a user would click, fires the schedule, and prints what happened.
//
// Every input — the options, the scenario file, the port — is checked before anything runs (or is
// built): a mistake is one line on stderr naming it and the fix, and exit code 2.
import * as fs from 'fs';
import * as path from 'path';
import { BuildError, BUNDLE, ensureBundle, MANIFEST } from './cli/bundle';
import { parseOptions, UsageError, USAGE, type CliOptions } from './cli/options';
import { chatSummary, dialogText, localTime, tabText } from './cli/output';
import type { ExecutionResult } from './runtime';
import { loadScenario, readScenario, ScenarioError } from './scenario';
import { listen, type Listening } from './serve/server';

async function main(argv: string[]): Promise<void> {
  const o = parseOptions(argv);
  if (o.help) return void console.log(USAGE);
  const scenario = readScenario(path.resolve(o.workbook), o.workbook);
  const listening = o.serve ? await takePort(o.port) : undefined;

  const say = (s: string) => o.quiet || console.log(s);
  try {
    ensureBundle(say);
  } catch (e) {
    await listening?.close();
    throw e;
  }
  const { sb, chat, clock } = loadScenario(scenario, {
    bundle: fs.readFileSync(BUNDLE, 'utf8'),
    manifest: fs.existsSync(MANIFEST) ? fs.readFileSync(MANIFEST, 'utf8') : undefined,
    admin: !o.noAdmin,
    latency: o.latency,
    perSpace: o.perSpace,
  });
  for (const f of o.faults) chat.faults.next(f.times, f.status, f.method ? { method: f.method } : {});
  if (o.noChatApp) chat.appConfigured = false;

  const runs: ExecutionResult[] = [];
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
  if (listening) {
    // Messages stay pending, to be previewed and sent from the sidebar (or the menu) in the browser.
    step('Sync spaces', sb.run('syncSpaces'));
    step('Sync members', sb.run('syncMembers'));
    step('Check rows', sb.run('checkRows'));
    listening.attach(sb, chat);
    console.log(
      `\nServing the sandbox at ${listening.url} (viewer; the sidebar is at ${listening.url}sidebar?row=2).`,
    );
    console.log('Stop with Ctrl-C.');
    process.once('SIGINT', () => {
      if (o.save) fs.writeFileSync(o.save, JSON.stringify(chat.toJSON(), null, 2));
      void listening.close().then(() => process.exit(0));
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
    if (due.length) step(`Schedule, ${localTime(clock.now(), sb.workbook.timeZone)}`, due);
  }
  for (const t of sb.ui.toasts) say(`  toast: ${t.message}`);
  for (const d of [...sb.ui.alerts, ...sb.ui.prompts].sort((a, b) => a.at - b.at)) say(`  ${dialogText(d)}`);

  if (!o.quiet) {
    const width = Math.max(80, process.stdout.columns ?? 120);
    for (const s of sb.workbook.sheets)
      console.log(`\n${tabText(s.name, sb.workbook.sheet(s.name).display, 36, width)}`);
    console.log(`\nGoogle Chat (emulated)\n${chat.tree()}`);
  }
  const calls = runs.reduce((n, r) => n + r.totalCalls, 0);
  const data = runs.reduce((n, r) => n + r.sheetDataCalls, 0);
  console.log(
    `${o.quiet ? '' : '\n'}Summary: ${runs.length} executions, ${calls} service calls (${data} spreadsheet data calls), ` +
      `virtual time ${localTime(clock.now(), sb.workbook.timeZone)}. ${chatSummary(chat.stats)}.`,
  );
  if (o.save) {
    fs.writeFileSync(o.save, JSON.stringify(chat.toJSON(), null, 2));
    console.log(`Saved the Chat state to ${o.save}.`);
  }
}

/** Listens on --port before anything runs, so that a port in use is an input mistake like the others. */
async function takePort(port: CliOptions['port']): Promise<Listening> {
  try {
    return await listen(port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(
        `--port ${port}: the port is in use; choose another with --port N, or leave --port out for a free one.`,
      );
    if (code === 'EACCES')
      throw new UsageError(`--port ${port}: not allowed to listen there; use a port above 1023.`);
    throw e;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError || e instanceof ScenarioError) {
    console.error(e.message);
    process.exit(2);
  }
  if (e instanceof BuildError) {
    console.error(`The build failed (npm run build):\n${e.message}`);
    process.exit(1);
  }
  throw e;
});
