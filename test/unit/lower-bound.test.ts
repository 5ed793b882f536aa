import { lowerBoundMs } from '../../bench/lower-bound';
import { DEFAULT_LIMITS } from '../../sandbox/chat/rate-limits';

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
