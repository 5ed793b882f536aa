// Jest runs test/e2e once per reading of Chat's per-space write quota (jest.config.js: a project for each,
// whose `globals.CHAT_PER_SPACE` test/support/per-space.js hands on). This file fails if the reading a
// project names does not reach the emulator of its end-to-end worlds.
import * as path from 'path';
import { PER_SPACE_READINGS, type PerSpaceReading } from '../../sandbox/chat/emulator';
import { ROOT } from '../support/bundle';
import { ADMIN, PER_SPACE, world } from '../support/world';

const projectReading = (globalThis as { CHAT_PER_SPACE?: string }).CHAT_PER_SPACE as PerSpaceReading;

describe(`this e2e project's per-space reading (${projectReading})`, () => {
  it('is the one the emulator of an end-to-end world enforces', () => {
    expect(Object.keys(PER_SPACE_READINGS)).toContain(projectReading);
    expect(PER_SPACE).toBe(projectReading);
    const w = world({ setUp: false });
    expect(w.chat.perSpace).toBe(projectReading);
    expect(w.chat.limits).toMatchObject(PER_SPACE_READINGS[projectReading]);
    // And it acts so: a second post into a space 100 ms after the first is refused under `interval` (one
    // write a second) and taken under `window` (60 in 60 s).
    const made = w.chat.call({
      method: 'chat.spaces.create',
      params: {},
      body: { spaceType: 'SPACE', displayName: 'Reading probe' },
      authorization: `Bearer ${w.chat.userToken(ADMIN)}`,
    });
    const url = w.chat.createWebhook(String((made.body as { name: string }).name), 'Probe');
    const post = () => w.chat.http({ method: 'POST', url, headers: {}, body: '{"text":"x"}' }).status;
    expect(post()).toBe(200);
    w.clock.advance(100);
    expect(post()).toBe(projectReading === 'window' ? 200 : 429);
  });

  it('jest.config.js runs the whole of test/e2e under every reading', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { projects } = require(path.join(ROOT, 'jest.config.js')) as {
      projects: {
        roots: string[];
        testPathIgnorePatterns?: string[];
        globals?: { CHAT_PER_SPACE?: string };
      }[];
    };
    const e2e = projects.filter((p) => p.roots.join() === '<rootDir>/test/e2e' && !p.testPathIgnorePatterns);
    expect(e2e.map((p) => p.globals?.CHAT_PER_SPACE).sort()).toEqual(Object.keys(PER_SPACE_READINGS).sort());
  });
});
