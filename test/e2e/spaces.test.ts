import { routeRest } from '../../sandbox/chat/rest';
import { world, ADMIN, type World } from '../support/world';

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

interface Sent {
  method: string;
  params: Record<string, unknown>;
  body?: { accessSettings?: { audience?: string } } & Record<string, unknown>;
}

/** The Chat calls the bundle makes, through the advanced service and REST alike, as they were sent. */
function watchChat(w: World): Sent[] {
  const sent: Sent[] = [];
  const chat = w.chat;
  const call = chat.call.bind(chat);
  const http = chat.http.bind(chat);
  chat.call = (c) => {
    const method = c.method.startsWith('chat.') ? c.method : `chat.${c.method}`;
    sent.push({ method, params: c.params, body: c.body as Sent['body'] });
    return call(c);
  };
  chat.http = (req) => {
    const url = new URL(req.url);
    const route = url.hostname === 'chat.googleapis.com' ? routeRest(req.method, url.pathname) : undefined;
    if (route)
      sent.push({
        method: route.method,
        params: { ...Object.fromEntries(url.searchParams), ...route.params },
        body: req.body ? (JSON.parse(req.body) as Sent['body']) : undefined,
      });
    return http(req);
  };
  return sent;
}

describe('Spaces: Audience, Permissions and the group chat upgrade', () => {
  const patchesIn = (sent: Sent[]) =>
    sent
      .filter((s) => s.method === 'chat.spaces.patch')
      .map((s) => ({ mask: s.params.updateMask, body: s.body }));
  const logged = (w: World, action: string) => w.rows('Log').filter((l) => l.Action === action);
  const spaceOf = (w: World, name: string) => w.chat.spaces().find((s) => s.name === name)!;
  const settings = (space: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(space.permissionSettings as Record<string, { membersAllowed: boolean }>).map(
        ([k, v]) => [k, v.membersAllowed],
      ),
    );
  const ANNOUNCEMENT_MASK = [
    'manageMembersAndGroups',
    'modifySpaceDetails',
    'toggleHistory',
    'useAtMentionAll',
    'manageApps',
    'manageWebhooks',
  ]
    .map((k) => `permission_settings.${k}`)
    .join(',');

  /** A SPACE made by a sync with `create`, then its row turned into an UPDATE with `update`; `sent` holds
   *  the calls after the creation. */
  function made(create: Record<string, string>, update: Record<string, string>) {
    const w = world();
    const sent = watchChat(w);
    w.fill('Spaces', [{ Key: 'eng', 'Display name': 'Engineering', ...create }]);
    w.run('syncSpaces');
    const space = w.rows('Spaces')[0].Space;
    sent.splice(0);
    w.sb.advance(2000);
    w.set('Spaces', 2, { Action: 'UPDATE', Status: '', ...update });
    return { w, space, sent };
  }

  it('CREATE sends the audience with spaces.create (ORG = the whole organisation) and patches nothing after', () => {
    const w = world();
    const sent = watchChat(w);
    w.fill('Spaces', [
      { Key: 'all', 'Display name': 'All hands', Audience: 'ORG' },
      { Key: 'ta', 'Display name': 'Tech leads', Audience: 'audiences/03abc9' },
    ]);
    w.run('syncSpaces');
    const rows = w.rows('Spaces');
    expect(rows.map((r) => [r.Status, r.Detail])).toEqual([
      ['DONE', 'Space “All hands” ready in Chat, discoverable by everyone in your organisation.'],
      ['DONE', 'Space “Tech leads” ready in Chat, discoverable by audiences/03abc9.'],
    ]);
    expect(sent.filter((s) => s.method === 'chat.spaces.create').map((s) => s.body?.accessSettings)).toEqual([
      { audience: 'audiences/default' },
      { audience: 'audiences/03abc9' },
    ]);
    expect(w.rows('Log').map((l) => l.Action)).toEqual(['spaces.create', 'spaces.create']);
  });

  it('UPDATE patches the audience alone, and not again once Chat has it', () => {
    const { w, sent } = made({}, { Audience: 'org' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({ Status: 'DONE', Detail: 'Changed Audience.' });
    expect(patchesIn(sent)).toEqual([
      { mask: 'access_settings.audience', body: { accessSettings: { audience: 'audiences/default' } } },
    ]);

    w.sb.advance(2000);
    w.set('Spaces', 2, { Status: '' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'DONE',
      Detail: 'Nothing to change: the space is already as the row says.',
    });
    expect(logged(w, 'spaces.patch')).toHaveLength(1);
  });

  it('Permissions ANNOUNCEMENT on a collaboration space: its settings change in one patch, who posts does not, and Detail says so', () => {
    const { w, space, sent } = made({ Permissions: 'COLLABORATION' }, { Permissions: 'ANNOUNCEMENT' });
    w.run('syncSpaces');
    const row = w.rows('Spaces')[0];
    expect(row.Status).toBe('DONE');
    expect(row.Detail).toBe(
      'Changed Permissions (manage members, edit details, turn history on or off, use @all, manage apps, manage webhooks). Who may post can’t be changed through Chat’s API: members can still post (only a space created as ANNOUNCEMENT limits posting to managers).',
    );
    expect(patchesIn(sent).map((p) => p.mask)).toEqual([ANNOUNCEMENT_MASK]);
    expect(settings(spaceOf(w, space))).toEqual({
      manageMembersAndGroups: false,
      modifySpaceDetails: false,
      toggleHistory: false,
      useAtMentionAll: false,
      manageApps: false,
      manageWebhooks: false,
      postMessages: true,
      replyMessages: true,
    });

    // Run again: nothing left that a script may change; who may post is still said.
    w.sb.advance(2000);
    w.set('Spaces', 2, { Status: '' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0].Detail).toMatch(
      /^Nothing else to change: the rest is already as the row says\. Who may post can’t be changed/,
    );
    expect(logged(w, 'spaces.patch')).toHaveLength(1);
  });

  it('Permissions COLLABORATION on an announcement space opens its settings; only managers still post', () => {
    const { w, space, sent } = made({ Permissions: 'ANNOUNCEMENT' }, { Permissions: 'COLLABORATION' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0].Detail).toMatch(
      /^Changed Permissions \(.*manage webhooks\)\. Who may post can’t be changed through Chat’s API: only managers can still post/,
    );
    expect(patchesIn(sent).map((p) => p.mask)).toEqual([ANNOUNCEMENT_MASK]);
    const now = settings(spaceOf(w, space));
    expect(now).toMatchObject({ manageMembersAndGroups: true, useAtMentionAll: true, postMessages: false });
  });

  it('turns a group chat into a space when Type says SPACE and a Display name is given', () => {
    const w = world();
    w.fill('Spaces', [{ Key: 'trio', Type: 'GROUP_CHAT' }]);
    w.fill('Members', [
      { Space: 'trio', Member: 'bob@example.com' },
      { Space: 'trio', Member: 'carol@example.com' },
    ]);
    w.run('syncSpaces');
    const space = w.rows('Spaces')[0].Space;
    const sent = watchChat(w);

    // Type still GROUP_CHAT: refused before any call.
    w.set('Spaces', 2, {
      Action: 'UPDATE',
      'Display name': 'Trio',
      Permissions: 'COLLABORATION',
      Status: '',
    });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(
        /^Display name, Permissions: only a SPACE has these; to turn the group chat into a space, set Type to SPACE/,
      ),
    });
    // Type blank: Chat says it is a group chat, and it is not turned into a space unless Type says so.
    w.set('Spaces', 2, { Type: '', Status: '' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'INVALID',
      Detail: expect.stringMatching(
        /^Chat has this space as a GROUP_CHAT, .* set Type to SPACE and give it a Display name/,
      ),
    });
    expect(patchesIn(sent)).toEqual([]);

    w.sb.advance(2000);
    w.set('Spaces', 2, { Type: 'SPACE', Description: 'The three of us', Status: '' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'DONE',
      Detail: 'Changed Type (the group chat is now a space), Display name, Description.',
    });
    // One patch: space_type with display_name (and the details); the new space is already a collaboration space.
    expect(patchesIn(sent)).toEqual([
      {
        mask: 'space_type,display_name,space_details',
        body: {
          spaceType: 'SPACE',
          displayName: 'Trio',
          spaceDetails: { description: 'The three of us', guidelines: '' },
        },
      },
    ]);
    expect(spaceOf(w, space)).toMatchObject({ spaceType: 'SPACE', displayName: 'Trio' });
  });

  it('a Type Chat can’t give an existing space is INVALID after the read, with nothing patched', () => {
    const { w } = made({}, { Type: 'GROUP_CHAT', 'Display name': '', History: 'OFF' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'INVALID',
      Detail:
        'Type says GROUP_CHAT, but Chat has this space as a SPACE, and a space can’t become a GROUP_CHAT: set Type to SPACE (or leave it blank).',
    });
    expect(logged(w, 'spaces.get')).toHaveLength(1);
    expect(logged(w, 'spaces.patch')).toHaveLength(0);
  });

  it('when one patch is refused the others still go, and Detail says what changed and what didn’t', () => {
    const { w, space, sent } = made(
      { Permissions: 'COLLABORATION' },
      { 'Display name': 'Eng', History: 'OFF', Audience: 'ORG', Permissions: 'ANNOUNCEMENT' },
    );
    // The organisation forbids changing history: the second patch (History) is refused.
    w.chat.faults.at(2, 403, { method: 'chat.spaces.patch' });
    w.run('syncSpaces');
    const row = w.rows('Spaces')[0];
    expect(row.Status).toBe('ERROR');
    expect(row.Detail).toMatch(
      /^Changed Display name, Audience, Permissions \(manage members, .*, manage webhooks\); History not changed: Permission denied by Chat.*\(Chat 403 PERMISSION_DENIED\) Who may post can’t be changed/,
    );
    expect(patchesIn(sent).map((p) => p.mask)).toEqual([
      'display_name',
      'space_history_state',
      'access_settings.audience',
      ANNOUNCEMENT_MASK,
    ]);
    expect(spaceOf(w, space)).toMatchObject({ displayName: 'Eng', spaceHistoryState: 'HISTORY_ON' });

    // Once allowed, only History is left.
    w.sb.advance(2000);
    w.set('Spaces', 2, { Status: '' });
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0].Detail).toMatch(/^Changed History\. Who may post can’t be changed/);
    expect(
      patchesIn(sent)
        .slice(4)
        .map((p) => p.mask),
    ).toEqual(['space_history_state']);
  });

  it('an UPDATE whose every setting is already as Chat has it patches nothing', () => {
    const settled = {
      'Display name': 'Engineering',
      Description: 'All of eng',
      History: 'ON',
      Permissions: 'ANNOUNCEMENT',
      Audience: 'ORG',
    };
    const { w } = made(settled, settled);
    w.run('syncSpaces');
    expect(w.rows('Spaces')[0]).toMatchObject({
      Status: 'DONE',
      Detail: 'Nothing to change: the space is already as the row says.',
    });
    expect(w.rows('Log').map((l) => l.Action)).toEqual(['spaces.create', 'spaces.get']);
  });

  it('wrong settings are INVALID before any call; checkRows says what UPDATE would do', () => {
    const w = world();
    w.fill('Spaces', [
      { Key: 'a', 'Display name': 'A', Audience: 'everyone' },
      { Key: 'b', Type: 'GROUP_CHAT', Audience: 'ORG' },
      { Key: 'c', 'Display name': 'C', 'External users': 'TRUE', Audience: 'ORG' },
      { Key: 'd', Action: 'UPDATE', Space: 'spaces/AAAA', History: 'OFF', Permissions: 'ANNOUNCEMENT' },
    ]);
    w.run('checkRows');
    expect(w.rows('Spaces').map((r) => [r.Status, r.Detail])).toEqual([
      [
        'INVALID',
        'Audience “everyone” is neither ORG nor an audiences/… name (leave it blank to keep the space private).',
      ],
      [
        'INVALID',
        expect.stringMatching(/^Audience: only a SPACE has these; leave them blank for a GROUP_CHAT\./),
      ],
      [
        'INVALID',
        'Audience: a space that people outside your organisation may join (External users TRUE) can’t be discoverable.',
      ],
      [
        '',
        'Would update spaces/AAAA where it differs from Chat: History OFF (on its own), Permissions: the ANNOUNCEMENT settings a script may change (together; who may post can’t be changed).',
      ],
    ]);
    expect(w.rows('Log')).toEqual([]);
    w.run('syncSpaces');
    expect(
      w
        .rows('Spaces')
        .slice(0, 3)
        .map((r) => r.Status),
    ).toEqual(['INVALID', 'INVALID', 'INVALID']);
    expect(w.chat.spaces()).toEqual([]);
  });
});
