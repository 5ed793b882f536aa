import { world, ADMIN } from '../support/world';

const spaceRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    Key: `team-${i}`,
    'Display name': `Team ${i}`,
    Description: `Team number ${i}`,
  }));

describe('Spaces: CREATE', () => {
  it('creates each SPACE once with its settings, and writes Space, Link, Status and Log', () => {
    const w = world();
    w.fill('Spaces', [
      {
        Key: 'eng',
        'Display name': 'Engineering',
        Description: 'All of eng',
        Guidelines: 'Be kind',
        'External users': 'TRUE',
        History: 'OFF',
        Permissions: 'ANNOUNCEMENT',
      },
    ]);
    w.run('syncSpaces');
    const [row] = w.rows('Spaces');
    expect(row.Status).toBe('DONE');
    const space = w.chat.findSpaceByDisplayName('Engineering')!;
    expect(row.Space).toBe(space.name);
    expect(row.Link).toBe(space.spaceUri);
    expect(space).toMatchObject({
      spaceType: 'SPACE',
      externalUserAllowed: true,
      spaceHistoryState: 'HISTORY_OFF',
      spaceDetails: { description: 'All of eng', guidelines: 'Be kind' },
    });
    expect(w.chat.tree()).toMatch(/Engineering.*announcement/);
    const log = w.rows('Log');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      Tab: 'Spaces',
      Row: '2',
      Action: 'spaces.create',
      Result: 'OK',
      HTTP: '200',
    });
  });

  it('never makes a second space: not on a re-run with Status cleared, not after a cut-off at any call', () => {
    for (let k = 1; k <= 40; k += 3) {
      const w = world();
      w.fill('Spaces', spaceRows(5));
      const cut = w.sb.run('syncSpaces', { cutAfterCalls: k });
      expect(['cutoff', 'ok']).toContain(cut.outcome);
      w.sb.advance(5000);
      w.run('syncSpaces');
      // Clearing every Status makes every row pending again: still no duplicate.
      for (let row = 2; row <= 6; row++) w.set('Spaces', row, { Status: '' });
      w.run('syncSpaces');
      expect(w.column('Spaces', 'Status')).toEqual(Array(5).fill('DONE'));
      const names = w.chat.spaces().map((s) => s.displayName);
      expect([k, names.sort()]).toEqual([
        k,
        spaceRows(5)
          .map((r) => r['Display name'])
          .sort(),
      ]);
    }
  });

  it('sets up GROUP_CHAT and DIRECT_MESSAGE spaces with the Members rows that name their key', () => {
    const w = world();
    w.fill('Spaces', [
      { Key: 'trio', Type: 'GROUP_CHAT' },
      { Key: 'dm-bob', Type: 'direct message' },
      { Key: 'lonely', Type: 'GROUP_CHAT' },
    ]);
    w.fill('Members', [
      { Space: 'trio', Member: 'bob@example.com' },
      { Space: 'trio', Member: 'carol@example.com' },
      { Space: 'dm-bob', Member: 'bob@example.com' },
      { Space: 'lonely', Member: 'dan@example.com' },
    ]);
    w.run('runAll');
    const rows = w.rows('Spaces');
    expect(rows.map((r) => r.Status)).toEqual(['DONE', 'DONE', 'INVALID']);
    expect(rows[2].Detail).toMatch(/GROUP_CHAT needs 2 to 48 other people.*found 1/);
    const trio = w.chat.spaces().find((s) => s.name === rows[0].Space)!;
    expect(trio.spaceType).toBe('GROUP_CHAT');
    expect(w.chat.spaces().find((s) => s.name === rows[1].Space)!.spaceType).toBe('DIRECT_MESSAGE');
    const members = w.chat.members(rows[0].Space).map((m) => (m.member as { name: string }).name);
    expect(members.sort()).toEqual(
      ['bob@example.com', 'carol@example.com', ADMIN].map((e) => w.chat.userName(e)).sort(),
    );
    // The Members rows then find their people already there.
    const mrows = w.rows('Members');
    expect(mrows.slice(0, 3).map((r) => r.Status)).toEqual(['DONE', 'DONE', 'DONE']);
    expect(mrows[0].Detail).toMatch(/Already a member/);
    expect(mrows[3].Status).toBe('WAITING');
  });

  it('marks bad rows INVALID with what to fix, and processes the good ones', () => {
    const w = world();
    w.fill('Spaces', [
      { Key: 'a', 'Display name': 'x'.repeat(129) },
      { Key: 'b' },
      { Key: 'c', 'Display name': 'C', Type: 'ROOM', History: 'maybe' },
      { Key: 'd', 'Display name': 'Dup 1' },
      { Key: 'd', 'Display name': 'Dup 2' },
      { 'Display name': 'No key' },
      { Key: 'ok', 'Display name': 'Fine', Description: 'y'.repeat(151) },
      { Key: 'fine', 'Display name': 'Fine space' },
    ]);
    w.run('syncSpaces');
    const rows = w.rows('Spaces');
    expect(rows.map((r) => r.Status)).toEqual([
      'INVALID',
      'INVALID',
      'INVALID',
      'INVALID',
      'INVALID',
      'INVALID',
      'INVALID',
      'DONE',
    ]);
    expect(rows[0].Detail).toMatch(/Display name is 129 characters long: Chat allows at most 128/);
    expect(rows[1].Detail).toMatch(/Display name is empty/);
    expect(rows[2].Detail).toMatch(
      /Type “ROOM” is not one of SPACE, GROUP_CHAT, DIRECT_MESSAGE.*History “maybe”/,
    );
    expect(rows[3].Detail).toMatch(/used on rows 5, 6/);
    expect(rows[5].Detail).toMatch(/Key is empty/);
    expect(rows[6].Detail).toMatch(/Description is 151 characters/);
    expect(w.chat.spaces().map((s) => s.displayName)).toEqual(['Fine space']);
  });

  it('says in plain words that a display name is already in use', () => {
    const w = world();
    w.fill('Spaces', [
      { Key: 'one', 'Display name': 'Same' },
      { Key: 'two', 'Display name': 'Same' },
    ]);
    w.run('syncSpaces');
    const rows = w.rows('Spaces');
    expect(rows.map((r) => r.Status)).toEqual(['DONE', 'ERROR']);
    expect(rows[1].Detail).toMatch(
      /^Display name already in use by another space.*\(Chat 409 ALREADY_EXISTS\)$/,
    );
  });
});

describe('Spaces: UPDATE and DELETE', () => {
  function created() {
    const w = world();
    w.fill('Spaces', [
      { Key: 'eng', 'Display name': 'Engineering', Description: 'Old', Guidelines: 'Keep me' },
    ]);
    w.run('syncSpaces');
    const space = w.rows('Spaces')[0].Space;
    const setRow = (cells: Record<string, string>) => w.set('Spaces', 2, cells);
    return { w, space, setRow };
  }

  it('patches exactly the fields the row sets, history alone, and keeps the other detail', () => {
    const { w, space, setRow } = created();
    w.sb.advance(2000);
    setRow({
      Action: 'UPDATE',
      'Display name': '',
      Description: 'New words',
      Guidelines: '',
      History: 'OFF',
      Status: '',
    });
    w.run('syncSpaces');
    const row = w.rows('Spaces')[0];
    expect(row.Status).toBe('DONE');
    expect(row.Detail).toBe('Changed Description, History.');
    const s = w.chat.spaces().find((x) => x.name === space)!;
    expect(s).toMatchObject({
      displayName: 'Engineering',
      spaceHistoryState: 'HISTORY_OFF',
      spaceDetails: { description: 'New words', guidelines: 'Keep me' },
    });
    const patches = w.rows('Log').filter((l) => l.Action === 'spaces.patch');
    expect(patches).toHaveLength(2);
  });

  it('patches only what differs from Chat: History as it is is never patched; a refused History after a change says both', () => {
    const { w, space, setRow } = created();
    w.sb.advance(2000);
    setRow({ Action: 'UPDATE', Description: 'Fresh', History: 'ON', Status: '' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({ Status: 'DONE', Detail: 'Changed Description.' });
    expect(w.rows('Log').filter((l) => l.Action === 'spaces.patch')).toHaveLength(1);

    // The organisation forbids changing history: the name changes, History is refused, Detail says both.
    w.sb.advance(2000);
    setRow({ 'Display name': 'Eng', History: 'OFF', Status: '' });
    w.chat.faults.at(2, 403, { method: 'chat.spaces.patch' });
    w.run('syncSpaces');
    const row = w.rows('Spaces')[0];
    expect(row.Status).toBe('ERROR');
    expect(row.Detail).toMatch(/^Changed Display name; History not changed: Permission denied by Chat/);
    expect(w.chat.spaces().find((x) => x.name === space)).toMatchObject({ displayName: 'Eng' });

    // Run again once allowed: only History is left to change.
    w.sb.advance(2000);
    setRow({ Status: '' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({ Status: 'DONE', Detail: 'Changed History.' });
  });

  it('an UPDATE without a Space says to create it first', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'eng', 'Display name': 'Engineering', Action: 'UPDATE' }]);
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(/Space is empty — create it first/),
    });
  });

  it('DELETE asks first in a menu run; No keeps the space, Yes deletes it; deleting again is DONE', () => {
    const { w, space, setRow } = created();
    setRow({ Action: 'DELETE', Status: '' });
    w.sb.ui.answers.push({ button: 'NO' });
    w.run('syncSpaces');
    expect(w.chat.spaces()).toHaveLength(1);
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'WAITING',
      Detail: expect.stringMatching(/not confirmed/),
    });
    expect(w.sb.ui.alerts.at(-1)?.prompt ?? JSON.stringify(w.sb.ui.alerts.at(-1))).toMatch(
      /permanently deletes 1 space/,
    );

    w.sb.ui.answers.push({ button: 'YES' });
    w.run('syncSpaces');
    expect(w.chat.spaces().find((s) => s.name === space)).toBeUndefined();
    expect(w.rows('Spaces')[0]).toMatchObject({ Status: 'DONE', Detail: expect.stringMatching(/deleted/) });

    setRow({ Status: '' });
    w.sb.ui.answers.push({ button: 'YES' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'DONE',
      Detail: expect.stringMatching(/already deleted/),
    });
  });

  it('a trigger run never deletes and never asks', () => {
    const { w, setRow } = created();
    setRow({ Action: 'DELETE', Status: 'RETRY' });
    w.sb.run('onSchedule', { trigger: 'time' });
    expect(w.chat.spaces()).toHaveLength(1);
    expect(w.sb.ui.alerts).toHaveLength(0);
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'WAITING',
      Detail: expect.stringMatching(/needs your confirmation/),
    });
  });
});
