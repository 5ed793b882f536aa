import * as path from 'path';
import { loadScenario } from '../../sandbox/scenario';
import { bundleSource, ROOT } from '../support/bundle';
import { PER_SPACE } from '../support/world';

describe('the example workbook (npm start)', () => {
  it('runs end to end: every row DONE, a threaded conversation, the scheduled message sent when due', () => {
    const { sb, chat, webhooks } = loadScenario(path.join(ROOT, 'examples/onboarding.json'), {
      bundle: bundleSource(),
      perSpace: PER_SPACE,
    });
    expect(sb.run('setUpSheets').outcome).toBe('ok');
    expect(sb.run('runAll').outcome).toBe('ok');
    const status = (tab: string) => {
      const [h, ...rows] = sb.workbook.sheet(tab).display;
      return rows.map((r) => r[h.indexOf('Status')]);
    };
    expect(status('Spaces').every((s) => s === 'DONE')).toBe(true);
    expect(status('Members').every((s) => s === 'DONE')).toBe(true);
    expect(status('Webhooks')).toEqual(['DONE']);
    expect(status('Messages')).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'SCHEDULED']);
    // The reminder is due at 09:45 Paris time = 08:45 UTC.
    const sentAt: number[] = [];
    for (let i = 0; i < 12 && status('Messages')[4] !== 'DONE'; i++) {
      sb.advance(5 * 60_000);
      sb.runDueTriggers();
      sentAt.push(sb.clock.now());
    }
    expect(status('Messages')[4]).toBe('DONE');
    expect(sentAt.at(-1)).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 2, 8, 45));
    expect(sentAt.at(-1)).toBeLessThan(Date.UTC(2026, 2, 2, 8, 55));
    const tree = chat.tree();
    expect(tree).toMatch(/key=intros\n.*Welcome to the \*spring cohort\*.*\n.*Hi, I’m Ada/);
    expect(tree).toMatch(/build-bot \[webhook\]: \[card\]/);
    const visible = JSON.stringify(sb.workbook.sheets.map((s) => sb.workbook.sheet(s.name).values));
    expect(visible).not.toContain(new URL(webhooks['build-bot']).searchParams.get('token')!);
  });
});
