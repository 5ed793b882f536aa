import { describeTime, localToUtc, parseSendAt } from '../../src/messages/send-at';
import { offsetMinutes } from '../../sandbox/runtime/time-zones';

// The real offset of a time zone at an instant, from the ICU data Node ships (the sandbox's Utilities uses it).

const PARIS = 'Europe/Paris';
const at = (cell: unknown, tz = PARIS): string | null => {
  const r = parseSendAt(cell, tz, offsetMinutes);
  if (!r.ok) throw new Error(r.reason);
  return r.at && r.at.toISOString();
};
const reason = (cell: unknown): string => {
  const r = parseSendAt(cell, PARIS, offsetMinutes);
  if (r.ok) throw new Error(`accepted ${String(cell)}`);
  return r.reason;
};

describe('parseSendAt', () => {
  it('blank means send now', () => {
    for (const cell of ['', '   ', null, undefined]) expect(at(cell)).toBeNull();
  });

  it('uses a Date cell as the instant it is (a copy)', () => {
    const d = new Date('2026-03-02T08:45:00Z');
    const r = parseSendAt(d, 'America/New_York', offsetMinutes);
    expect(r).toEqual({ ok: true, at: d });
    expect(r.ok && r.at).not.toBe(d);
  });

  it('reads ISO text with Z or an offset as absolute, whatever the spreadsheet zone', () => {
    expect(at('2026-03-02T09:45:00Z')).toBe('2026-03-02T09:45:00.000Z');
    expect(at('2026-03-02T09:45Z', 'Asia/Tokyo')).toBe('2026-03-02T09:45:00.000Z');
    expect(at('2026-03-02T09:45:30.250+01:00')).toBe('2026-03-02T08:45:30.250Z');
    expect(at('2026-03-02 09:45 -0530')).toBe('2026-03-02T15:15:00.000Z');
    expect(at('2026-03-02T09:45:00+05')).toBe('2026-03-02T04:45:00.000Z');
    expect(at('2026-03-02t09:45:00z')).toBe('2026-03-02T09:45:00.000Z');
  });

  it('reads local forms in the spreadsheet time zone', () => {
    expect(at('2026-03-02 09:45')).toBe('2026-03-02T08:45:00.000Z'); // CET, +1
    expect(at('2026-07-02 09:45:30')).toBe('2026-07-02T07:45:30.000Z'); // CEST, +2
    expect(at('2026-03-02T09:45')).toBe('2026-03-02T08:45:00.000Z');
    expect(at('2026-03-02 9:05')).toBe('2026-03-02T08:05:00.000Z');
    expect(at('2026-03-02')).toBe('2026-03-01T23:00:00.000Z'); // midnight local
    expect(at('2026-03-02 09:45', 'America/New_York')).toBe('2026-03-02T14:45:00.000Z');
    expect(at('2026-03-02 09:45', 'Asia/Kolkata')).toBe('2026-03-02T04:15:00.000Z');
    expect(at('2026-03-02 09:45', 'UTC')).toBe('2026-03-02T09:45:00.000Z');
  });

  describe('DST in Europe/Paris (2026: forward 29 March 02:00 → 03:00, back 25 October 03:00 → 02:00)', () => {
    it('uses the offset in force at the target, on both sides of each change', () => {
      expect(at('2026-03-29 01:59')).toBe('2026-03-29T00:59:00.000Z'); // still CET
      expect(at('2026-03-29 03:00')).toBe('2026-03-29T01:00:00.000Z'); // CEST already
      expect(at('2026-03-29 03:30')).toBe('2026-03-29T01:30:00.000Z');
      expect(at('2026-10-25 01:30')).toBe('2026-10-24T23:30:00.000Z'); // CEST
      expect(at('2026-10-25 03:00')).toBe('2026-10-25T02:00:00.000Z'); // CET again
      expect(at('2026-10-25 03:30')).toBe('2026-10-25T02:30:00.000Z');
    });

    it('a time in the spring-forward gap moves an hour on (02:30 does not exist: 03:30 CEST)', () => {
      expect(at('2026-03-29 02:30')).toBe('2026-03-29T01:30:00.000Z');
    });

    it('a repeated fall-back time means its second occurrence (02:30 CET)', () => {
      const iso = at('2026-10-25 02:30') as string;
      expect(iso).toBe('2026-10-25T01:30:00.000Z');
      const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, hour: '2-digit', minute: '2-digit' });
      expect(fmt.format(new Date(iso))).toBe('02:30');
    });

    it('round-trips every quarter hour of both change days except the gap', () => {
      for (const day of ['2026-03-29', '2026-10-25']) {
        for (let q = 0; q < 96; q++) {
          const hh = String(Math.floor(q / 4)).padStart(2, '0');
          const mm = String((q % 4) * 15).padStart(2, '0');
          if (day === '2026-03-29' && hh === '02') continue;
          const iso = at(`${day} ${hh}:${mm}`) as string;
          const shown = new Intl.DateTimeFormat('sv-SE', {
            timeZone: PARIS,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          }).format(new Date(iso));
          expect(shown).toBe(`${day} ${hh}:${mm}`);
        }
      }
    });
  });

  it('localToUtc with a fixed-offset zone is a plain shift', () => {
    expect(localToUtc(Date.UTC(2026, 0, 1, 12), 'X', () => 90)).toBe(Date.UTC(2026, 0, 1, 10, 30));
  });

  it('refuses numbers: a number is not a date-time', () => {
    expect(reason(46083.4)).toMatch(
      /Send at is the number 46083\.4, not a date-time: format the cell as .*Date time/,
    );
  });

  it.each(['tomorrow', '02/03/2026 09:45', '2026-3-2', '2026-02-30 10:00', '2026-03-02 24:00', '2026-13-01'])(
    'refuses %j with an example of a good value',
    (cell) => {
      const r = reason(cell);
      expect(r).toContain(`“${cell}”`);
      expect(r).toContain('2026-03-02 09:45');
      expect(r).not.toMatch(/\n/);
    },
  );

  it('refuses impossible offsets, invalid dates and other cell types', () => {
    expect(reason('2026-03-02T09:45+25:00')).toMatch(/offset/);
    expect(reason(new Date(NaN))).toMatch(/not a valid date/);
    expect(reason(true)).toMatch(/not a date-time/);
  });
});

describe('describeTime', () => {
  it('formats in the spreadsheet zone and names the zone', () => {
    const format = (d: Date, tz: string, pattern: string): string => {
      expect(pattern).toBe('yyyy-MM-dd HH:mm');
      return new Intl.DateTimeFormat('sv-SE', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }).format(d);
    };
    expect(describeTime(new Date('2026-03-02T08:45:00Z'), PARIS, format)).toBe(
      '2026-03-02 09:45 (Europe/Paris)',
    );
  });
});
