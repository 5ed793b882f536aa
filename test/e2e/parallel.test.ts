// Bulk rows go out in parallel waves: REST through UrlFetchApp.fetchAll, one call per space per wave, in
// row order within a space, paced to Chat's limits.
import { world, type World } from '../support/world';

function withSpaces(n: number) {
  const w = world();
  w.fill(
    'Spaces',
    Array.from({ length: n }, (_, i) => ({ Key: `s${i}`, 'Display name': `Space ${i}` })),
  );
  w.run('syncSpaces');
  w.sb.advance(2000);
  return { w, spaces: w.column('Spaces', 'Space') };
}

const texts = (w: World, space: string) => w.chat.messages(space).map((m) => m.text as string);
const chatRequests = (w: World, since: number) =>
  w.sb.http.requests.filter(
    (r) => r.at >= since && r.url.startsWith('https://chat.googleapis.com/v1/spaces/'),
  );

describe('parallel waves', () => {
  it('60 messages to 10 spaces: REST calls with the script token, 6 waves, in row order per space', () => {
    const { w, spaces } = withSpaces(10);
    w.fill(
      'Messages',
      Array.from({ length: 60 }, (_, i) => ({ Key: `k${i}`, Space: `s${i % 10}`, Text: `Note ${i}` })),
    );
    const since = w.clock.now();
    const r = w.run('sendMessages');
    expect(w.column('Messages', 'Status').every((s) => s === 'DONE')).toBe(true);
    for (let s = 0; s < 10; s++)
      expect(texts(w, spaces[s])).toEqual([0, 1, 2, 3, 4, 5].map((k) => `Note ${s + 10 * k}`));
    // No advanced-service message calls: six fetchAll calls of ten requests each.
    expect(r.calls['Chat.Spaces.Messages.create'] ?? 0).toBe(0);
    expect(r.calls['UrlFetchApp.fetchAll']).toBe(6);
    const sent = chatRequests(w, since);
    expect(sent).toHaveLength(60);
    // One token for the execution: the script's own (ScriptApp.getOAuthToken), which Chat takes as the user.
    const tokens = new Set(sent.map((q) => q.headers.Authorization));
    expect(tokens.size).toBe(1);
    const asUser = w.chat.http({
      method: 'GET',
      url: `https://chat.googleapis.com/v1/${spaces[0]}/members/admin@example.com`,
      headers: { Authorization: [...tokens][0] },
      body: '',
    });
    expect(JSON.parse(asUser.body)).toMatchObject({ role: 'ROLE_MANAGER' });
    // About one write a second per space, and none refused.
    expect(w.chat.stats.throttled).toBe(0);
    expect(r.elapsedMs).toBeLessThan(8000);
    expect(r.elapsedMs).toBeGreaterThan(5 * 1000);
  });

  it('a retried failure holds back the later rows of its space only, so order is kept', () => {
    const { w, spaces } = withSpaces(2);
    w.fill('Messages', [
      { Key: 'a1', Space: 's0', Text: 'A1' },
      { Key: 'b1', Space: 's1', Text: 'B1' },
      { Key: 'a2', Space: 's0', Text: 'A2' },
      { Key: 'b2', Space: 's1', Text: 'B2' },
    ]);
    w.chat.faults.next(1, 503, { method: 'chat.spaces.messages.create' });
    w.run('sendMessages');
    expect(w.column('Messages', 'Status')).toEqual(['DONE', 'DONE', 'DONE', 'DONE']);
    expect(texts(w, spaces[0])).toEqual(['A1', 'A2']);
    expect(texts(w, spaces[1])).toEqual(['B1', 'B2']);
    const log = w.rows('Log').filter((l) => l.Action === 'spaces.messages.create');
    expect(log.filter((l) => l.HTTP === '503')).toHaveLength(1);
  });

  it('an app token Chat no longer accepts is refreshed once, and the rows go', () => {
    const { w, spaces } = withSpaces(3);
    w.fill(
      'Members',
      spaces.map((_, i) => ({ Space: `s${i}`, Member: 'app' })),
    );
    w.run('syncMembers');
    const key = w.chat.addServiceAccount({ name: 'chat-app' });
    w.sb.ui.answers.push({ button: 'OK', text: JSON.stringify(key) });
    w.run('setUpAppAuth');
    w.chat.expireTokens();
    w.sb.advance(2000);
    w.fill(
      'Messages',
      spaces.map((_, i) => ({ Key: `c${i}`, Space: `s${i}`, As: 'APP', Card: '{"header":{"title":"Hi"}}' })),
    );
    w.run('sendMessages');
    expect(w.column('Messages', 'Status')).toEqual(['DONE', 'DONE', 'DONE']);
    const log = w.rows('Log').filter((l) => l.Action === 'spaces.messages.create');
    expect(log.map((l) => l.HTTP)).toEqual(['401', '401', '401', '200', '200', '200']);
  });

  it('member adds go out in parallel too, within the project quota for membership writes', () => {
    const { w, spaces } = withSpaces(3);
    for (let i = 0; i < 30; i++) w.chat.addUser(`p${i}@example.com`);
    w.fill(
      'Members',
      Array.from({ length: 30 }, (_, i) => ({ Space: `s${i % 3}`, Member: `p${i}@example.com` })),
    );
    const r = w.run('syncMembers');
    expect(w.column('Members', 'Status').every((s) => s === 'DONE')).toBe(true);
    for (const s of spaces) expect(w.chat.members(s)).toHaveLength(11);
    expect(r.calls['Chat.Spaces.Members.create'] ?? 0).toBe(0);
    expect(r.calls['UrlFetchApp.fetchAll']).toBe(10);
    expect(w.chat.stats.throttled).toBe(0);
  });

  it('a run started right after another paces on from where it stopped: Chat refuses nothing', () => {
    const { w, spaces } = withSpaces(1);
    w.fill('Messages', [{ Key: 'a', Space: 's0', Text: 'first' }]);
    w.run('sendMessages');
    w.fill('Messages', [{ Key: 'b', Space: 's0', Text: 'second' }]);
    w.run('sendMessages');
    expect(texts(w, spaces[0])).toEqual(['first', 'second']);
    expect(w.chat.stats.throttled).toBe(0);
    expect(w.rows('Log').filter((l) => l.HTTP === '429')).toHaveLength(0);
  });
});
