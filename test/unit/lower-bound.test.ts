import { lowerBoundMs } from '../../bench/lower-bound';
import { DEFAULT_LIMITS, PER_SPACE_READINGS } from '../../sandbox/chat/rate-limits';

const L = DEFAULT_LIMITS;

test('one space: one write a second, then one request to hear back', () => {
  const w = Array.from({ length: 3 }, () => ({ space: 'spaces/a', kind: 'message' as const }));
  expect(lowerBoundMs(w, L, 250)).toBe(2000 + 250);
});

test('spaces in parallel: the slowest space sets the pace', () => {
  const w = ['a', 'b', 'a', 'c', 'a'].map((s) => ({ space: `spaces/${s}`, kind: 'message' as const }));
  expect(lowerBoundMs(w, L, 0)).toBe(2000);
});

test('the project minute: 301 membership writes in 301 spaces wait for the window to roll', () => {
  const w = Array.from({ length: 301 }, (_, i) => ({ space: `spaces/${i}`, kind: 'membership' as const }));
  expect(lowerBoundMs(w, L, 0)).toBe(60_000);
  expect(lowerBoundMs(w.slice(0, 300), L, 0)).toBe(0);
});

test('space creations: 34 a minute', () => {
  const w = Array.from({ length: 69 }, () => ({ space: null, kind: 'space' as const, creation: true }));
  expect(lowerBoundMs(w, L, 0)).toBe(120_000);
  expect(lowerBoundMs(w.slice(0, 68), L, 0)).toBe(60_000);
});

test('membership writes have no per-space quota: 300 in one space all start at once', () => {
  const w = Array.from({ length: 301 }, () => ({ space: 'spaces/a', kind: 'membership' as const }));
  expect(lowerBoundMs(w.slice(0, 300), L, 0)).toBe(0);
  expect(lowerBoundMs(w, L, 0)).toBe(60_000);
});

test("the 'window' reading: 60 writes per 60 s in a space, in a burst", () => {
  const W = { ...L, ...PER_SPACE_READINGS.window };
  const w = Array.from({ length: 121 }, () => ({ space: 'spaces/a', kind: 'message' as const }));
  expect(lowerBoundMs(w.slice(0, 60), W, 250)).toBe(250);
  expect(lowerBoundMs(w.slice(0, 61), W, 0)).toBe(60_000);
  expect(lowerBoundMs(w, W, 0)).toBe(120_000);
  // A space patch shares its space's window; a new space does not.
  const patch = { space: 'spaces/a', kind: 'space' as const };
  expect(lowerBoundMs([...w.slice(0, 60), patch], W, 0)).toBe(60_000);
  expect(lowerBoundMs([patch, patch], L, 0)).toBe(1000);
});

describe('dependencies: a new space’s writes wait for its creation’s answer', () => {
  const creation = { space: null, kind: 'space' as const, creation: true };
  it('a message to a new space starts one request after the creation left', () => {
    const w = [creation, { space: 'new:0', kind: 'message' as const, after: 0 }];
    expect(lowerBoundMs(w, L, 250)).toBe(250 + 250);
  });

  it('the 35th space’s members wait for the next creation minute, not the membership quota', () => {
    const spaces = Array.from({ length: 35 }, () => creation);
    const members = Array.from({ length: 35 }, (_, k) => ({
      space: `new:${k}`,
      kind: 'membership' as const,
      after: k,
    }));
    expect(lowerBoundMs([...spaces, ...members], L, 100)).toBe(60_000 + 100 + 100);
  });

  it('the cohort: 100 spaces × 10 members × 5 messages is bound by the membership quota', () => {
    const w: Parameters<typeof lowerBoundMs>[0] = Array.from({ length: 100 }, () => creation);
    for (let k = 0; k < 100; k++) {
      for (let m = 0; m < 10; m++) w.push({ space: `new:${k}`, kind: 'membership', after: k });
      for (let m = 0; m < 5; m++) w.push({ space: `new:${k}`, kind: 'message', after: k });
    }
    // 1,000 memberships at 300 a minute: the last 100 start at 180 s (the first 300 wait for answers).
    expect(lowerBoundMs(w, L, 100)).toBe(180_000 + 100 + 100);
  });
});
