import { createHash } from 'node:crypto';
import { generatedKey, MAX_MESSAGE_ID, messageIdFor } from '../../src/messages/message-id';

const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const id = (key: string): string => messageIdFor(key, sha256Hex);
const VALID_ID = /^client-[a-z0-9-]*[a-z0-9]$/;

describe('messageIdFor', () => {
  it.each(['welcome', 'week-1-reminder', 'a', '2026-03-02', 'x'.repeat(56)])(
    'keeps the valid key %s exactly',
    (key) => expect(id(key)).toBe(`client-${key}`),
  );

  it.each([
    'Welcome',
    'A_b',
    'week 1 / reminder',
    'ends-with-',
    'émoji 🎉 key',
    '-',
    '___',
    '🎉',
    'x'.repeat(57),
    'Ünïcödé-Straße '.repeat(10),
    'a'.repeat(500),
  ])('makes %j a valid id', (key) => {
    const out = id(key);
    expect(out).toMatch(VALID_ID);
    expect(out.length).toBeLessThanOrEqual(MAX_MESSAGE_ID);
    expect(out).toBe(id(key)); // deterministic: a re-run finds the same message
  });

  it('keeps changed keys readable and marks them with a hash of the original', () => {
    expect(id('Week 1 Reminder')).toMatch(/^client-week-1-reminder-[0-9a-f]{10}$/);
    expect(id('Café')).toMatch(/^client-cafe-[0-9a-f]{10}$/);
    expect(id('🎉')).toMatch(/^client-[0-9a-f]{10}$/);
  });

  it('never gives two different keys the same id', () => {
    const keys = [
      'a-b',
      'A_b',
      'a_b',
      'A-B',
      'a b',
      'a--b',
      'a-b-',
      ' a-b',
      'x'.repeat(56),
      'x'.repeat(57),
      'x'.repeat(58),
      'x'.repeat(56) + 'Y',
      'x'.repeat(100) + '1',
      'x'.repeat(100) + '2',
    ];
    const ids = keys.map(id);
    expect(new Set(ids).size).toBe(keys.length);
    expect(id('a-b')).toBe('client-a-b');
    expect(id('A_b')).not.toBe('client-a-b');
  });

  it('long keys sharing a prefix differ by their hash, within 63 characters, never ending in "-"', () => {
    const a = id('Quarterly update for the EMEA customer success team — part 1');
    const b = id('Quarterly update for the EMEA customer success team — part 2');
    expect(a).not.toBe(b);
    for (const out of [a, b]) {
      expect(out.length).toBeLessThanOrEqual(63);
      expect(out).toMatch(VALID_ID);
    }
    // A cut that lands on a hyphen must not leave "--" before the hash.
    expect(id('a'.repeat(44) + ' b' + 'c'.repeat(30))).not.toMatch(/--/);
  });
});

describe('generatedKey', () => {
  it('is short, dated and valid as a message id as is', () => {
    const key = generatedKey('4F9A1C2E-0b7d-4c1e-9a55-6d2f3b1e0c99', new Date('2026-03-02T23:30:00Z'));
    expect(key).toBe('m-20260302-4f9a1c2e');
    expect(id(key)).toBe(`client-${key}`);
  });

  it('differs for different UUIDs on the same day', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    expect(generatedKey('11111111-aaaa', now)).not.toBe(generatedKey('22222222-aaaa', now));
  });
});
