// npm run soak: the cut-off sweep and fault tests at a larger scale. A mixed workbook of several hundred
// rows is run the way it would be in real life — Run all clicks, continuations, the 5-minute schedule —
// while executions are cut off at random calls and Chat has random bursts of 503, 429, 500 and answers
// that never come. Then, with the weather calm, it runs until idle and checks that nothing was made twice
// and nothing was lost. Seeded: a failing seed replays exactly.
//
//   npm run soak -- --seed 7 --seeds 1 --rounds 40
import { adopt, auditEdits, baseline, randomEdit, type EditKind } from '../test/support/edits';
import { hookText, mixedWorld, NOTES, type Mixed, type MixedSize } from '../test/support/mixed-workbook';
import { wallClock } from '../sandbox/cli/output';
import { seeded, type Rng } from '../test/support/random';

const SIZE: MixedSize = { spaces: 20, groupChats: 4, members: 8, messages: 12, webhookPosts: 60 };
/** Chat and fetches answer slowly, so big runs stop at their time budget and continue. */
const LATENCY = { chat: 8000, fetch: 8000 };

interface Options {
  /** The first seed; `seeds` workbooks are soaked, with seeds seed, seed+1, … */
  seed: number;
  seeds: number;
  rounds: number;
}

function options(argv: string[]): Options {
  const o: Options = { seed: 1, seeds: 3, rounds: 120 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (flag === 'help') {
      console.log('npm run soak -- [--seed N] [--seeds N] [--rounds N]   (SOAK_VERBOSE=1 to see each round)');
      process.exit(0);
    }
    if ((flag === 'seed' || flag === 'seeds' || flag === 'rounds') && Number.isInteger(value) && value >= 0) {
      o[flag] = value;
      i++;
    } else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  return o;
}

/** Chat's weather for the next while: a burst of transient failures on some kind of call, or calm. */
function weather(m: Mixed, rng: Rng): string {
  const r = rng();
  const method = rng.pick([
    'chat.spaces',
    'chat.spaces.members',
    'chat.spaces.messages',
    'webhook',
    undefined,
  ]);
  const n = 1 + rng.int(12);
  if (r < 0.25) {
    m.w.chat.faults.next(n, 503, method ? { method } : {});
    return `${n}×503 on ${method ?? 'any call'}`;
  }
  if (r < 0.45) {
    m.w.chat.faults.next(n, 429, method ? { method } : {});
    return `${n}×429 on ${method ?? 'any call'}`;
  }
  if (r < 0.55) {
    m.w.chat.faults.next(n, 500, method ? { method } : {});
    return `${n}×500 on ${method ?? 'any call'}`;
  }
  if (r < 0.65) {
    // Answers lost on the way back: a REST call is asked again, a webhook post becomes UNCERTAIN.
    const delivered = rng.chance(0.5);
    m.w.sb.http.faults.push({ prefix: 'https://chat.googleapis.com/', count: 1 + rng.int(3), delivered });
    return `fetch time-outs (${delivered ? 'after' : 'before'} Chat got the request)`;
  }
  return 'calm';
}

/** Meanwhile people keep adding work: messages (some scheduled), members, posts, now and then a space. */
function addWork(m: Mixed, rng: Rng, round: number): string {
  const { w } = m;
  const team = () => `team${rng.int(SIZE.spaces)}`;
  const r = rng();
  let what: string;
  if (r < 0.4) {
    const n = 1 + rng.int(15);
    const later = rng.chance(0.3) ? new Date(w.clock.now() + (10 + rng.int(50)) * 60_000) : '';
    w.fill(
      'Messages',
      Array.from({ length: n }, (_, i) => ({
        Key: rng.chance(0.2) ? '' : `r${round}-${i}`,
        Space: team(),
        Text: `Round ${round} note ${i}`,
        'Thread key': rng.chance(0.3) ? `round-${round}` : '',
        'Send at': later && formatLocal(later),
        [NOTES]: `id:r${round}-${i}`,
      })),
    );
    what = `${n} messages${later ? ' (scheduled)' : ''}`;
  } else if (r < 0.6) {
    const n = 1 + rng.int(10);
    w.fill(
      'Members',
      Array.from({ length: n }, (_, i) => ({
        Space: team(),
        Member: `r${round}-${i}@example.com`,
        [NOTES]: `id:rm${round}-${i}`,
      })),
    );
    what = `${n} members`;
  } else if (r < 0.8) {
    const n = 1 + rng.int(8);
    w.fill(
      'Messages',
      Array.from({ length: n }, (_, i) => ({
        Key: `h${round}-${i}`,
        Webhook: 'alerts',
        Text: hookText(1000 * round + i),
        [NOTES]: `id:rh${round}-${i}`,
      })),
    );
    what = `${n} webhook posts`;
  } else {
    const key = `extra${round}`;
    w.fill('Spaces', [{ Key: key, 'Display name': `Extra ${round}`, [NOTES]: `id:xs${round}` }]);
    w.fill('Members', [
      { Space: key, Member: `x${round}@example.com`, Role: 'MANAGER', [NOTES]: `id:xm${round}` },
    ]);
    w.fill('Messages', [
      { Key: `x${round}`, Space: key, Text: `Welcome to extra ${round}`, [NOTES]: `id:xn${round}` },
    ]);
    what = 'a space with a member and a message';
  }
  return what;
}

/** "yyyy-MM-dd HH:mm" in the workbook's zone, as a person would type it. */
const formatLocal = (d: Date): string => wallClock(d.getTime(), 'Europe/Paris');

/** Now and then a person edits the sheet during the next execution: before a random service call. */
function personEdits(m: Mixed, rng: Rng, round: number): { edit: EditKind; at: number } | null {
  if (!rng.chance(0.4)) return null;
  return { edit: randomEdit(m.w, rng.pick, `e${round}`), at: 1 + rng.int(40) };
}

/** A cut-off for the next execution: most run to their end, some die after a random call. */
function cut(rng: Rng): number | undefined {
  return rng.chance(0.35) ? 1 + rng.int(250) : undefined;
}

interface Totals {
  executions: number;
  rows: number;
  duplicates: number;
  lost: number;
  misplaced: number;
  edits: number;
  throttled: number;
  virtualMs: number;
  clean: boolean;
}

function soak(seed: number, o: Options): Totals {
  const started = Date.now();
  const rng = seeded(seed);
  const m = mixedWorld(SIZE, { latency: LATENCY });
  const { w } = m;
  const t0 = w.clock.now();
  let mostTriggers = 0;
  const watch = () => (mostTriggers = Math.max(mostTriggers, w.sb.triggers.length));

  const expected = baseline(w);
  let edits = 0;
  let between = 0;
  w.sb.run('enableSchedule');
  for (let round = 0; round < o.rounds; round++) {
    const sky = weather(m, rng);
    const work = round > 0 && rng.chance(0.4) ? addWork(m, rng, round) : '';
    adopt(w, expected);
    // A person edits the sheet while the next execution works (before its call `at`, or after it).
    const person = personEdits(m, rng, round);
    let edited = false;
    const limits = {
      cutAfterCalls: cut(rng),
      beforeCall: (k: number) => {
        if (!person || k !== person.at || edited) return;
        person.edit.expect(expected);
        person.edit.apply(w, expected);
        edited = true;
      },
    };
    const r = rng();
    let said: string;
    if (r < 0.5) {
      const fn = rng.pick(['runAll', 'runAll', 'sendMessages', 'syncMembers', 'syncSpaces']);
      said = `${fn} → ${w.sb.run(fn, limits).outcome}`;
    } else {
      w.sb.advance(rng.int(6) * 60_000);
      const fired = w.sb.runDueTriggers(limits);
      said = fired.map((e) => `${e.fn} → ${e.outcome}`).join(', ') || 'nothing due';
    }
    if (edited) edits++;
    else if (person) {
      person.edit.expect(expected);
      person.edit.apply(w, expected);
      between++;
    }
    person?.edit.after?.(w);
    if (process.env.SOAK_VERBOSE)
      console.log(
        `round ${round}: ${work && `+${work}; `}${person ? `${person.edit.name} at call ${person.at}; ` : ''}${said} (${sky})`,
      );
    watch();
    w.sb.advance(1000 + rng.int(30_000));
  }

  // Calm: no more faults or cut-offs. Continuations and the schedule run; the user clicks Run all now and then.
  w.chat.faults.clear();
  w.sb.http.faults.length = 0;
  const settled = () => auditEdits(m, expected).every((p) => !/: (not done|lost)$/.test(p));
  for (let i = 0; i < 30 && !settled(); i++) {
    w.sb.runUntilIdle({ maxExecutions: 20 });
    w.sb.advance(5 * 60_000);
    w.sb.runDueTriggers();
    if (i % 3 === 2) w.sb.run('runAll');
    watch();
  }

  const problems = auditEdits(m, expected);
  const kind = (re: RegExp) => problems.filter((p) => re.test(p));
  const a = {
    rows: (['Spaces', 'Members', 'Messages'] as const).reduce((n, t) => n + w.rows(t).length, 0),
    duplicates: kind(/^Chat holds/),
    lost: kind(/: (not done|lost|row .* is missing)$/),
    changedInputs: kind(/the person's is|not a row the person has|twice on the tab/),
    misplaced: kind(/holds “|is not .* in |names spaces|not in Chat|Detail does not say so/),
  };
  const crashed = w.sb.executions.filter((e) => e.outcome === 'error');
  const uncertain = w.rows('Messages').filter((r) => r.Status === 'UNCERTAIN').length;
  const hookRows = w.rows('Messages').filter((r) => r.Webhook).length;
  const hookPosts = w.chat.messages(m.hookSpace).length;
  const lost = a.lost;
  const virtual = w.clock.now() - t0;

  const lines = [
    `seed                 ${seed} (${o.rounds} rounds of faults and cut-offs, then calm)`,
    `executions           ${w.sb.executions.length} (${w.sb.executions.filter((e) => e.fn === 'continueRun').length} continuations, ${w.sb.executions.filter((e) => e.outcome === 'cutoff').length} cut off, ${crashed.length} crashed)`,
    `rows                 ${a.rows}`,
    `duplicates           ${a.duplicates.length}${a.duplicates.length ? ': ' + a.duplicates.slice(0, 5).join('; ') : ''}`,
    `rows lost            ${lost.length}${lost.length ? ': ' + lost.slice(0, 5).join('; ') : ''}`,
    `person's edits       ${edits} during executions, ${between} between them (insert, delete, sort, edit, rename)`,
    `misplaced results    ${a.misplaced.length}${a.misplaced.length ? ': ' + a.misplaced.slice(0, 5).join('; ') : ''}`,
    `inputs changed       ${a.changedInputs.length}${a.changedInputs.length ? ': ' + a.changedInputs.slice(0, 3).join('; ') : ''}`,
    `uncertain posts      ${uncertain} (in flight when an execution died or their answer was lost; ${hookPosts} of ${hookRows} webhook rows in Chat)`,
    `429s Chat issued     ${w.chat.stats.throttled} by its rate limits (${w.chat.stats.errors[429] ?? 0} in all, with the injected ones)`,
    `most triggers        ${mostTriggers} at once (Apps Script allows 20)`,
    `longest execution    ${Math.round(Math.max(...w.sb.executions.map((e) => e.elapsedMs)) / 1000)} s; ${w.sb.executions.filter((e) => e.logs.some((l) => /continues automatically/.test(l))).length} stopped at their time budget`,
    `virtual time         ${duration(virtual)}`,
    `real time            ${((Date.now() - started) / 1000).toFixed(1)} s`,
  ];
  console.log(lines.join('\n'));
  if (crashed.length)
    console.log(
      `crashes: ${crashed
        .slice(0, 3)
        .map((e) => `${e.fn}: ${e.error}`)
        .join('; ')}`,
    );
  return {
    executions: w.sb.executions.length,
    rows: a.rows,
    duplicates: a.duplicates.length,
    lost: lost.length,
    misplaced: a.misplaced.length,
    edits,
    throttled: w.chat.stats.throttled,
    virtualMs: virtual,
    clean:
      problems.length === 0 &&
      !a.duplicates.length &&
      !lost.length &&
      !crashed.length &&
      !a.changedInputs.length &&
      !a.misplaced.length,
  };
}

function duration(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  return `${days ? `${days}d ` : ''}${new Date(ms).toISOString().slice(11, 19)}`;
}

const o = options(process.argv.slice(2));
const all: Totals[] = [];
for (let seed = o.seed; seed < o.seed + o.seeds; seed++) {
  if (seed > o.seed) console.log('');
  all.push(soak(seed, o));
}
const sum = (f: (t: Totals) => number) => all.reduce((n, t) => n + f(t), 0);
const failed = all.filter((t) => !t.clean).length;
if (o.seeds > 1)
  console.log(
    [
      '',
      `all ${o.seeds} seeds: executions ${sum((t) => t.executions)}, rows ${sum((t) => t.rows)}, ` +
        `duplicates ${sum((t) => t.duplicates)}, rows lost ${sum((t) => t.lost)}, ` +
        `person's edits ${sum((t) => t.edits)}, misplaced results ${sum((t) => t.misplaced)}, ` +
        `429s Chat issued ${sum((t) => t.throttled)}, virtual time ${duration(sum((t) => t.virtualMs))}`,
      failed ? `FAILED: ${failed} of ${o.seeds} seeds` : 'clean',
    ].join('\n'),
  );
process.exitCode = failed ? 1 : 0;
