// The Spaces tab's UPDATE against scripted Chat answers shaped as Chat sends them (proto3 JSON leaves out
// false booleans; a space may come without permissionSettings): which patches leave, with which masks and
// bodies, and what Detail says. The end-to-end side (the built bundle on the emulator) is
// test/e2e/spaces.test.ts.
import { MEMBERS, SPACES } from '../../src/contract/tabs';
import { Run } from '../../src/engine/run';
import { processTab } from '../../src/engine/step';
import { spacesTab } from '../../src/tabs/spaces';
import { fail, ok, type SentCall } from '../support/fake-env';
import { fakeWorld, type FakeWorld } from '../support/fake-world';

const S = 'spaces/AAA';
type Line = Record<string, string>;

/** A world whose Spaces tab holds `rows` (UPDATE rows of space S unless they say otherwise). */
function world(rows: Line[]): FakeWorld {
  const w = fakeWorld();
  w.workbook.add(
    SPACES,
    rows.map((r, i) => ({ Key: `k${i}`, Space: S, Action: 'UPDATE', ...r })),
  );
  w.workbook.add(MEMBERS);
  return w;
}

function sync(w: FakeWorld, check = false) {
  const run = new Run(w.env);
  run.check = check;
  processTab(run, spacesTab, { check });
  run.flush();
}

const rows = (w: FakeWorld) =>
  w.workbook
    .tab('Spaces')!
    .rows()
    .map((r) => ({ Status: String(r.Status), Detail: String(r.Detail) }));
const patches = (w: FakeWorld) =>
  w.chat.calls
    .filter((c: SentCall) => c.op.method === 'spaces.patch')
    .map((c) => ({ mask: c.op.params.updateMask, body: c.op.body }));

/** An announcement space as Chat answers spaces.get: false booleans left out. */
const announcement = (): Record<string, unknown> => {
  const managers = { managersAllowed: true, assistantManagersAllowed: true };
  return {
    name: S,
    spaceType: 'SPACE',
    displayName: 'News',
    spaceHistoryState: 'HISTORY_ON',
    accessSettings: { accessState: 'PRIVATE' },
    permissionSettings: {
      manageMembersAndGroups: managers,
      modifySpaceDetails: managers,
      toggleHistory: managers,
      useAtMentionAll: managers,
      manageApps: managers,
      manageWebhooks: managers,
      postMessages: managers,
      replyMessages: { ...managers, membersAllowed: true },
    },
  };
};

describe('Spaces UPDATE: permission settings', () => {
  it('a space already as the preset is not patched, even with Chat leaving out false values', () => {
    const w = world([{ Permissions: 'ANNOUNCEMENT' }]);
    w.chat.answer(S, ok(announcement()));
    sync(w);
    expect(patches(w)).toEqual([]);
    expect(rows(w)).toEqual([
      { Status: 'DONE', Detail: 'Nothing to change: the space is already as the row says.' },
    ]);
  });

  it('patches only the settings that differ, all in one patch of permission_settings masks', () => {
    const w = world([{ Permissions: 'ANNOUNCEMENT' }]);
    const space = announcement();
    const settings = space.permissionSettings as Record<string, Record<string, boolean>>;
    settings.useAtMentionAll = {
      managersAllowed: true,
      assistantManagersAllowed: true,
      membersAllowed: true,
    };
    settings.manageApps = { managersAllowed: true };
    w.chat.answer(S, ok(space));
    sync(w);
    expect(patches(w)).toEqual([
      {
        mask: 'permission_settings.useAtMentionAll,permission_settings.manageApps',
        body: {
          permissionSettings: {
            useAtMentionAll: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: false },
            manageApps: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: false },
          },
        },
      },
    ]);
    expect(rows(w)[0]).toEqual({ Status: 'DONE', Detail: 'Changed Permissions (use @all, manage apps).' });
  });

  it('COLLABORATION on an announcement space opens every setting but posting, and says who still posts', () => {
    const w = world([{ Permissions: 'COLLABORATION' }]);
    w.chat.answer(S, ok(announcement()));
    sync(w);
    const [p] = patches(w);
    expect(p.mask).toBe(
      [
        'manageMembersAndGroups',
        'modifySpaceDetails',
        'toggleHistory',
        'useAtMentionAll',
        'manageApps',
        'manageWebhooks',
      ]
        .map((k) => `permission_settings.${k}`)
        .join(','),
    );
    expect(String(p.mask)).not.toMatch(/postMessages|replyMessages/);
    expect(rows(w)[0].Detail).toMatch(
      /^Changed Permissions \(manage members, edit details, turn history on or off, use @all, manage apps, manage webhooks\)\. Who may post can’t be changed through Chat’s API: only managers can still post/,
    );
  });

  it('a space that comes without permission settings gets every setting a script may change', () => {
    const w = world([{ Permissions: 'COLLABORATION' }]);
    w.chat.answer(S, ok({ name: S, spaceType: 'SPACE', displayName: 'Team' }));
    sync(w);
    const [p] = patches(w);
    expect(String(p.mask).split(',')).toHaveLength(7);
    expect(String(p.mask)).not.toMatch(/postMessages/);
    // Who may post is unknown: nothing is said about it.
    expect(rows(w)[0].Detail).toBe(
      'Changed Permissions (manage members, edit details, turn history on or off, use @all, manage apps, manage webhooks, reply).',
    );
  });
});

describe('Spaces UPDATE: audience, history and the order of patches', () => {
  it('each of history, audience and permissions goes alone, after name and details together', () => {
    const w = world([
      {
        'Display name': 'Newsroom',
        Description: 'Latest',
        History: 'OFF',
        Audience: 'org',
        Permissions: 'COLLABORATION',
      },
    ]);
    w.chat.answer(S, ok(announcement()));
    sync(w);
    expect(patches(w).map((p) => p.mask)).toEqual([
      'display_name,space_details',
      'space_history_state',
      'access_settings.audience',
      expect.stringMatching(/^permission_settings\.manageMembersAndGroups,/),
    ]);
    expect(patches(w)[2].body).toEqual({ accessSettings: { audience: 'audiences/default' } });
    expect(rows(w)[0].Detail).toMatch(
      /^Changed Display name, Description, History, Audience, Permissions \(manage members, .*\)\. Who may post/,
    );
  });

  it('an audience Chat already has is not patched; another one is', () => {
    const w = world([{ Audience: 'audiences/default' }, { Audience: 'audiences/03abc' }]);
    const discoverable = {
      ...announcement(),
      accessSettings: { accessState: 'DISCOVERABLE', audience: 'audiences/default' },
    };
    w.chat.answer(S, ok(discoverable), ok(discoverable));
    sync(w);
    expect(patches(w)).toEqual([
      { mask: 'access_settings.audience', body: { accessSettings: { audience: 'audiences/03abc' } } },
    ]);
    expect(rows(w).map((r) => r.Detail)).toEqual([
      'Nothing to change: the space is already as the row says.',
      'Changed Audience.',
    ]);
  });

  it('a refused patch does not stop the others; Detail says what changed and what didn’t', () => {
    const w = world([{ 'Display name': 'Newsroom', History: 'OFF', Audience: 'ORG' }]);
    w.chat.answer(
      S,
      ok(announcement()),
      ok({}),
      fail(400, 'History settings are managed by the organization.'),
      ok({}),
    );
    sync(w);
    expect(patches(w)).toHaveLength(3);
    expect(rows(w)[0]).toEqual({
      Status: 'ERROR',
      Detail:
        'Changed Display name, Audience; History not changed: Chat refused it: History settings are managed by the organization. (Chat 400 INVALID_ARGUMENT)',
    });
  });
});

describe('Spaces UPDATE: the type Chat has', () => {
  const groupChat = { name: S, spaceType: 'GROUP_CHAT', spaceHistoryState: 'HISTORY_ON' };

  it('Type SPACE with a Display name turns a group chat into a space, then applies the rest to the space', () => {
    const w = world([
      { Type: 'SPACE', 'Display name': 'Trio', Permissions: 'ANNOUNCEMENT', Audience: 'ORG' },
    ]);
    const upgraded = {
      ...announcement(),
      displayName: 'Trio',
      permissionSettings: {
        ...(announcement().permissionSettings as object),
        manageApps: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: true },
        postMessages: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: true },
      },
    };
    w.chat.answer(S, ok(groupChat), ok(upgraded));
    sync(w);
    expect(patches(w)).toEqual([
      { mask: 'space_type,display_name', body: { spaceType: 'SPACE', displayName: 'Trio' } },
      { mask: 'access_settings.audience', body: { accessSettings: { audience: 'audiences/default' } } },
      // The settings the new space has (from the patch's answer), not the group chat's (none).
      {
        mask: 'permission_settings.manageApps',
        body: {
          permissionSettings: {
            manageApps: { managersAllowed: true, assistantManagersAllowed: true, membersAllowed: false },
          },
        },
      },
    ]);
    expect(rows(w)[0]).toEqual({
      Status: 'DONE',
      Detail:
        'Changed Type (the group chat is now a space), Display name, Audience, Permissions (manage apps). Who may post can’t be changed through Chat’s API: members can still post (only a space created as ANNOUNCEMENT limits posting to managers).',
    });
  });

  it('a refused upgrade stops there: nothing else is tried', () => {
    const w = world([{ Type: 'SPACE', 'Display name': 'Trio', History: 'OFF', Audience: 'ORG' }]);
    w.chat.answer(S, ok(groupChat), fail(403, 'The caller does not have permission'));
    sync(w);
    expect(patches(w)).toHaveLength(1);
    expect(rows(w)[0]).toEqual({
      Status: 'ERROR',
      Detail: expect.stringMatching(/^Permission denied by Chat/),
    });
  });

  it.each([
    [
      'a Display name without Type on a group chat',
      { 'Display name': 'Trio' },
      groupChat,
      /GROUP_CHAT, which has no Display name: .*set Type to SPACE/,
    ],
    [
      'Type SPACE without a Display name on a group chat',
      { Type: 'SPACE', History: 'OFF' },
      groupChat,
      /GROUP_CHAT: to turn it into a SPACE, give it a Display name/,
    ],
    [
      'Type GROUP_CHAT on a space',
      { Type: 'GROUP_CHAT', History: 'OFF' },
      announcement(),
      /Type says GROUP_CHAT, but .* a SPACE, and a space can’t become a GROUP_CHAT/,
    ],
    [
      'Type DIRECT_MESSAGE on a group chat',
      { Type: 'DIRECT_MESSAGE', History: 'OFF' },
      groupChat,
      /Type says DIRECT_MESSAGE, but .* a GROUP_CHAT/,
    ],
    [
      'Type SPACE on a direct message',
      { Type: 'SPACE', 'Display name': 'Pair' },
      { name: S, spaceType: 'DIRECT_MESSAGE' },
      /DIRECT_MESSAGE, which can’t become anything else/,
    ],
  ])('%s is INVALID after the read, with nothing patched', (_what, cells, space, reason) => {
    const w = world([cells as Line]);
    w.chat.answer(S, ok(space as Record<string, unknown>));
    sync(w);
    expect(patches(w)).toEqual([]);
    expect(rows(w)[0]).toEqual({ Status: 'INVALID', Detail: expect.stringMatching(reason) });
  });

  it('a group chat’s History alone changes without Type', () => {
    const w = world([{ Type: 'GROUP_CHAT', History: 'OFF' }]);
    w.chat.answer(S, ok(groupChat));
    sync(w);
    expect(patches(w)).toEqual([{ mask: 'space_history_state', body: { spaceHistoryState: 'HISTORY_OFF' } }]);
  });
});

describe('Spaces: checking rows', () => {
  it('says what UPDATE and CREATE would do, and marks wrong settings INVALID, calling nothing', () => {
    const w = world([
      {
        Action: 'UPDATE',
        'Display name': 'Trio',
        Type: 'SPACE',
        History: 'OFF',
        Audience: 'ORG',
        Permissions: 'ANNOUNCEMENT',
      },
      { Action: '', Space: '', 'Display name': 'Eng', Audience: 'audiences/03abc' },
      { Action: '', Space: '', 'Display name': 'Eng 2', Audience: 'everyone' },
      { Action: '', Space: '', Type: 'GROUP_CHAT', Audience: 'ORG' },
      { Action: '', Space: '', 'Display name': 'Ext', 'External users': 'TRUE', Audience: 'ORG' },
      { Type: 'GROUP_CHAT', Permissions: 'COLLABORATION' },
      { Action: 'UPDATE' },
    ]);
    sync(w, true);
    expect(w.chat.calls).toEqual([]);
    expect(rows(w)).toEqual([
      {
        Status: '',
        Detail:
          'Would update spaces/AAA where it differs from Chat: Display name (a group chat becomes a SPACE: Type SPACE), History OFF (on its own), Audience: everyone in your organisation (on its own), Permissions: the ANNOUNCEMENT settings a script may change (together; who may post can’t be changed).',
      },
      { Status: '', Detail: 'Would create the space “Eng”, discoverable by audiences/03abc.' },
      {
        Status: 'INVALID',
        Detail:
          'Audience “everyone” is neither ORG nor an audiences/… name (leave it blank to keep the space private).',
      },
      {
        Status: 'INVALID',
        Detail: expect.stringMatching(
          /^Audience: only a SPACE has these; leave them blank for a GROUP_CHAT\./,
        ),
      },
      {
        Status: 'INVALID',
        Detail:
          'Audience: a space that people outside your organisation may join (External users TRUE) can’t be discoverable.',
      },
      {
        Status: 'INVALID',
        Detail:
          'Permissions: only a SPACE has these; to turn the group chat into a space, set Type to SPACE and give it a Display name.',
      },
      {
        Status: 'INVALID',
        Detail:
          'UPDATE changes nothing: fill in Display name, Description, Guidelines, History, Permissions or Audience.',
      },
    ]);
  });
});
