import { ADMIN, world } from '../support/world';

function withSpace(mode = '') {
  const w = world();
  w.fill('Spaces', [{ Key: 'eng', 'Display name': 'Engineering', 'Members mode': mode }]);
  w.run('syncSpaces');
  return { w, space: w.rows('Spaces')[0].Space };
}

const people = (w: ReturnType<typeof world>, space: string) =>
  w.chat
    .members(space)
    .map(
      (m) =>
        `${(m.member as { name?: string } | undefined)?.name ?? (m.groupMember as { name: string }).name}:${m.role}`,
    )
    .sort();

describe('Members', () => {
  it('adds by e-mail, users/…, groups/… and app, with roles set through members.patch', () => {
    const { w, space } = withSpace();
    const carol = w.chat.addUser('carol@example.com');
    w.chat.addGroup('team@example.com', 'g123');
    w.fill('Members', [
      { Space: 'eng', Member: 'bob@example.com', Role: 'MANAGER' },
      { Space: space, Member: carol, Role: 'ASSISTANT_MANAGER' },
      { Space: 'eng', Member: 'groups/g123' },
      { Space: 'eng', Member: 'app' },
    ]);
    w.sb.advance(2000);
    w.run('syncMembers');
    const rows = w.rows('Members');
    expect(rows.map((r) => r.Status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE']);
    expect(rows[0]).toMatchObject({
      State: 'JOINED',
      Detail: 'Added: bob@example.com. Role set to MANAGER.',
    });
    expect(rows[0].Membership).toMatch(new RegExp(`^${space}/members/\\d+$`));
    expect(people(w, space)).toEqual(
      [
        `${w.chat.userName(ADMIN)}:ROLE_MANAGER`,
        `${w.chat.userName('bob@example.com')}:ROLE_MANAGER`,
        `${carol}:ROLE_ASSISTANT_MANAGER`,
        'groups/g123:ROLE_MEMBER',
        `${w.chat.appUser}:ROLE_MEMBER`,
      ].sort(),
    );
    const patches = w.rows('Log').filter((l) => l.Action === 'spaces.members.patch');
    expect(patches).toHaveLength(2);
  });

  it('already a member and not a member are DONE, with that said; ROLE changes only the role', () => {
    const { w } = withSpace();
    w.fill('Members', [{ Space: 'eng', Member: 'bob@example.com' }]);
    w.run('syncMembers');
    w.sb.advance(2000);
    w.fill('Members', [
      { Space: 'eng', Member: 'BOB@example.com', Role: 'MANAGER' },
      { Space: 'eng', Member: 'zed@example.com', Action: 'REMOVE' },
      { Space: 'eng', Member: 'bob@example.com', Role: 'ASSISTANT_MANAGER', Action: 'ROLE' },
      { Space: 'eng', Member: 'yan@example.com', Role: 'MANAGER', Action: 'ROLE' },
    ]);
    w.run('syncMembers');
    const rows = w.rows('Members');
    expect(rows.map((r) => r.Status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'ERROR']);
    expect(rows[1].Detail).toBe('Already a member: bob@example.com. Role set to MANAGER.');
    expect(rows[2].Detail).toMatch(/Not a member: zed@example.com \(nothing to remove\)/);
    expect(rows[3].Detail).toBe('Role set to ASSISTANT_MANAGER.');
    expect(rows[4].Detail).toMatch(/not a member .* use Action ADD/);
  });

  it('REMOVE takes a member out', () => {
    const { w, space } = withSpace();
    w.fill('Members', [{ Space: 'eng', Member: 'bob@example.com' }]);
    w.run('syncMembers');
    w.sb.advance(2000);
    w.fill('Members', [{ Space: 'eng', Member: 'bob@example.com', Action: 'REMOVE' }]);
    w.run('syncMembers');
    expect(w.rows('Members')[1]).toMatchObject({ Status: 'DONE', Detail: 'Removed: bob@example.com.' });
    expect(people(w, space)).toEqual([`${w.chat.userName(ADMIN)}:ROLE_MANAGER`]);
  });

  it('unknown keys and bad references are INVALID, keys without a space yet WAITING, then DONE', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'later', 'Display name': 'Later' }]);
    w.fill('Members', [
      { Space: 'nope', Member: 'a@example.com' },
      { Space: 'https://example.com/x', Member: 'a@example.com' },
      { Space: 'later', Member: 'groups/team@example.com' },
      { Space: 'later', Member: 'not an email' },
      { Space: 'later', Member: 'a@example.com' },
    ]);
    w.run('syncMembers');
    let rows = w.rows('Members');
    expect(rows.map((r) => r.Status)).toEqual(['INVALID', 'INVALID', 'INVALID', 'INVALID', 'WAITING']);
    expect(rows[0].Detail).toMatch(/“nope” is not a key on the Spaces tab/);
    expect(rows[1].Detail).toMatch(/not a Chat space URL/);
    expect(rows[2].Detail).toMatch(/Group e-mails are not accepted by Chat: use groups\/<id>/);
    expect(rows[4].Detail).toMatch(/Waiting for the space “later” to be created \(Spaces row 2\)/);
    w.run('runAll');
    rows = w.rows('Members');
    expect(rows[4].Status).toBe('DONE');
  });

  it('Members mode EXACT removes unlisted members, never the person running or apps; checkRows lists them first', () => {
    const { w, space } = withSpace('EXACT');
    // People already in the space that the tab does not list.
    w.fill('Members', [
      { Space: 'eng', Member: 'old1@example.com' },
      { Space: 'eng', Member: 'old2@example.com' },
      { Space: 'eng', Member: 'app' },
    ]);
    w.run('syncMembers');
    // The roster changes: the old rows go, new ones come.
    w.sb.workbook.require('Members').deleteRows(2, 3);
    w.fill('Members', [{ Space: 'eng', Member: 'keep@example.com' }]);
    w.sb.advance(5000);

    w.run('checkRows');
    expect(w.rows('Spaces')[0].Detail).toMatch(/EXACT would remove 2: .*users\/\d+.*users\/\d+/);
    expect(people(w, space)).toHaveLength(4 + 0);

    w.run('syncMembers');
    expect(w.rows('Spaces')[0].Detail).toMatch(/EXACT removed 2/);
    expect(people(w, space)).toEqual(
      [
        `${w.chat.userName(ADMIN)}:ROLE_MANAGER`,
        `${w.chat.userName('keep@example.com')}:ROLE_MEMBER`,
        `${w.chat.appUser}:ROLE_MEMBER`,
      ].sort(),
    );
  });

  it('EXACT removes nobody while a listed row is not DONE', () => {
    const { w, space } = withSpace('EXACT');
    w.fill('Members', [{ Space: 'eng', Member: 'stay@example.com' }]);
    w.run('syncMembers');
    w.sb.advance(5000);
    w.fill('Members', [{ Space: 'eng', Member: 'broken@', Role: 'MEMBER' }]);
    w.run('syncMembers');
    expect(w.rows('Spaces')[0].Detail).toMatch(/EXACT not applied yet: Members row\(s\) 3/);
    expect(people(w, space)).toHaveLength(2);
  });

  it('two open rows with one Space and Member are INVALID; a REMOVE row beside a DONE row of the pair lands on its own row', () => {
    const { w, space } = withSpace();
    w.fill('Members', [
      { Space: 'eng', Member: 'bob@example.com' },
      { Space: 'eng', Member: 'carol@example.com', Role: 'MANAGER' },
      { Space: 'eng', Member: 'carol@example.com', Action: 'REMOVE' },
    ]);
    w.sb.advance(2000);
    w.run('syncMembers');
    const [bob, carolAdd, carolRemove] = w.rows('Members');
    expect(bob.Status).toBe('DONE');
    for (const r of [carolAdd, carolRemove]) {
      expect(r.Status).toBe('INVALID');
      expect(r.Detail).toContain('Rows 3, 4 have this Space and Member');
    }
    // The person keeps one row: the ADD goes, then a later REMOVE row of the same pair goes too.
    w.sb.workbook.deleteRow('Members', 4);
    w.set('Members', 3, { Status: '' });
    w.sb.advance(2000);
    w.run('syncMembers');
    expect(w.rows('Members')[1]).toMatchObject({
      Status: 'DONE',
      Detail: 'Added: carol@example.com. Role set to MANAGER.',
    });
    w.fill('Members', [{ Space: 'eng', Member: 'bob@example.com', Action: 'REMOVE' }]);
    w.sb.advance(2000);
    w.run('syncMembers');
    const rows = w.rows('Members');
    expect(rows[0]).toMatchObject({ Status: 'DONE', Detail: 'Added: bob@example.com.' });
    expect(rows[2]).toMatchObject({ Status: 'DONE', Detail: 'Removed: bob@example.com.' });
    expect(people(w, space).some((p) => p.startsWith(String(w.chat.userName('bob@example.com'))))).toBe(
      false,
    );
  });

  it('a run over 200 member rows reads each tab once and writes back in blocks', () => {
    const { w } = withSpace();
    w.fill(
      'Members',
      Array.from({ length: 200 }, (_, i) => ({ Space: 'eng', Member: `p${i}@example.com` })),
    );
    w.sb.advance(2000);
    const r = w.run('syncMembers');
    expect(w.column('Members', 'Status').filter((s) => s === 'DONE')).toHaveLength(200);
    // Members and Spaces once each to plan, and the Log's header row once (to find its columns); then
    // each write-back of Members reads it twice: to find every row where it is now, and to check that
    // no row moved under the write.
    const writeBacks = (r.calls['SpreadsheetApp.getValues'] - 3) / 2;
    expect(Number.isInteger(writeBacks) && writeBacks >= 1).toBe(true);
    expect(writeBacks).toBeLessThanOrEqual(9);
    expect(r.calls['SpreadsheetApp.getDisplayValues'] ?? 0).toBe(0);
    // ~230 s of Chat calls: a write-back (rows + log) about every 30 s, never one per row.
    expect(r.calls['SpreadsheetApp.setValues']).toBeLessThanOrEqual(20);
    expect(r.sheetDataCalls).toBeLessThanOrEqual(60);
    expect(w.chat.stats.throttled).toBe(0);
  });
});
