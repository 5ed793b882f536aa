import { searchQuery } from '../../src/imports/search-query';

// Paris is UTC+1 in winter: a day starts at 23:00 UTC the day before.
const paris = (utcMs: number) => (new Date(utcMs).getUTCMonth() < 2 ? 60 : 120);
const q = (text: string) => searchQuery(text, 'Europe/Paris', paris);
const BASE = 'customer = "customers/my_customer" AND space_type = "SPACE"';

describe('Import spaces search words', () => {
  it.each([
    ['inactive since 2026-01-15', `${BASE} AND last_active_time < "2026-01-14T23:00:00.000Z"`],
    ['created before 2026-01-15', `${BASE} AND create_time < "2026-01-14T23:00:00.000Z"`],
    ['created after 2026-01-15', `${BASE} AND create_time > "2026-01-14T23:00:00.000Z"`],
    ['external', `${BASE} AND external_user_allowed = true`],
    ['name:Hiring', `${BASE} AND display_name:"Hiring"`],
    ['type:SPACE external NAME:ops', `${BASE} AND external_user_allowed = true AND display_name:"ops"`],
  ])('%s', (text, query) => {
    expect(q(text)).toEqual({ ok: true, query });
  });

  it('Chat’s own syntax is kept, with the customer and the type it needs', () => {
    expect(q('display_name:"x" AND external_user_allowed = true')).toEqual({
      ok: true,
      query: `${BASE} AND (display_name:"x" AND external_user_allowed = true)`,
    });
    expect(q('customer = "customers/my_customer" AND space_type = "SPACE"')).toEqual({
      ok: true,
      query: '(customer = "customers/my_customer" AND space_type = "SPACE")',
    });
  });

  it.each([
    ['inactive since last week', '“inactive since” needs a day after it'],
    ['created sometime', '“created” is not a search word'],
    ['type:GROUP_CHAT', 'finds only spaces of type SPACE'],
    ['externals', '“externals” is not a search word'],
  ])('%s is refused with the word named', (text, reason) => {
    const r = q(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });
});
