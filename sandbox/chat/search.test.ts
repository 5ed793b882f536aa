// spaces.search (search.ts): administrators only, the documented query grammar, orderBy, paging.
import { ADMIN_SPACES_READONLY_SCOPE } from './admin';
import type { SpaceType } from './enums';
import { STANDARD_MESSAGES } from './errors';
import type { SpaceRec } from './state';
import { presetPermissions } from './store';
import { callAs, errorOf, newEmulator } from './testing';

const BASE = 'customer = "customers/my_customer" AND space_type = "SPACE"';
const iso = (s: string) => Date.parse(s);

interface Made {
  created: string;
  active?: string;
  external?: boolean;
  history?: 'HISTORY_ON' | 'HISTORY_OFF';
  type?: SpaceType;
  people?: number;
}

/** An organization of spaces seeded with exact times and settings; boss@example.com is an administrator in
 *  none of them. */
function org(spaces: Record<string, Made>) {
  const { chat, clock } = newEmulator();
  chat.addUser('boss@example.com', { admin: true });
  const names: Record<string, string> = {};
  chat.seed((store, ids) => {
    for (const [displayName, m] of Object.entries(spaces)) {
      const type = m.type ?? 'SPACE';
      const rec: SpaceRec = {
        id: ids.space(),
        spaceType: type,
        ...(type === 'SPACE' ? { displayName } : {}),
        externalUserAllowed: m.external ?? type !== 'SPACE',
        historyState: m.history ?? 'HISTORY_ON',
        preset: 'COLLABORATION_SPACE',
        permissionSettings: presetPermissions('COLLABORATION_SPACE'),
        singleUserBotDm: false,
        createTime: iso(m.created),
        ...(m.active ? { lastActiveTime: iso(m.active) } : {}),
      };
      store.state.spaces.push(rec);
      for (let i = 0; i < (m.people ?? 1); i++)
        store.state.members.push({
          space: rec.id,
          kind: 'user',
          id: store.addUser(`p${i}@example.com`).id,
          role: i === 0 && type === 'SPACE' ? 'ROLE_MANAGER' : 'ROLE_MEMBER',
          state: 'JOINED',
          createTime: rec.createTime,
        });
      names[displayName] = `spaces/${rec.id}`;
    }
  });
  const boss = callAs(chat, chat.userToken('boss@example.com'));
  const search = (query: string, params: Record<string, unknown> = {}) =>
    boss('chat.spaces.search', { query, useAdminAccess: true, ...params });
  /** The display names a query finds (or the error message). */
  const found = (query: string, params: Record<string, unknown> = {}): string[] | string => {
    const r = search(query, params);
    if (r.status !== 200) return errorOf(r).message;
    return ((r.body as { spaces?: { displayName?: string }[] }).spaces ?? []).map(
      (s) => s.displayName ?? '?',
    );
  };
  return { chat, clock, boss, search, found, names };
}

const SOME: Record<string, Made> = {
  'Fun event': { created: '2023-01-10T00:00:00Z', active: '2024-06-01T00:00:00Z', people: 3 },
  'The evening was fun': { created: '2023-03-01T00:00:00Z', active: '2023-04-01T00:00:00Z', external: true },
  'notFun event': { created: '2022-05-01T00:00:00Z', people: 5, history: 'HISTORY_OFF' },
  even: { created: '2024-02-01T00:00:00Z', active: '2024-02-02T00:00:00Z', external: true, people: 2 },
  'a group chat': {
    created: '2021-01-01T00:00:00Z',
    active: '2021-01-02T00:00:00Z',
    type: 'GROUP_CHAT',
    people: 3,
  },
  'a dm': {
    created: '2021-01-01T00:00:00Z',
    active: '2021-01-02T00:00:00Z',
    type: 'DIRECT_MESSAGE',
    people: 2,
  },
};

describe('spaces.search: who', () => {
  test('only with useAdminAccess=true, by an administrator, with a chat.admin.spaces scope', () => {
    const { chat, boss } = org(SOME);
    const noAdmin = boss('chat.spaces.search', { query: BASE });
    expect(noAdmin.status).toBe(400);
    expect(errorOf(noAdmin).message).toBe(
      'spaces.search only supports administrator access: set useAdminAccess to true.',
    );
    expect(boss('chat.spaces.search', { query: BASE, useAdminAccess: false }).status).toBe(400);
    const ann = callAs(chat, chat.userToken('ann@example.com'));
    expect(errorOf(ann('chat.spaces.search', { query: BASE, useAdminAccess: true })).message).toBe(
      STANDARD_MESSAGES[403],
    );
    const plain = callAs(
      chat,
      chat.userToken('boss@example.com', ['https://www.googleapis.com/auth/chat.spaces']),
    );
    expect(errorOf(plain('chat.spaces.search', { query: BASE, useAdminAccess: true })).message).toBe(
      'Request had insufficient authentication scopes.',
    );
    const readonly = callAs(chat, chat.userToken('boss@example.com', [ADMIN_SPACES_READONLY_SCOPE]));
    expect(readonly('chat.spaces.search', { query: BASE, useAdminAccess: true }).status).toBe(200);
  });

  test('every named space of the organization, whoever is in it; never group chats or DMs', () => {
    const { found, chat } = org(SOME);
    expect(found(BASE)).toEqual(['Fun event', 'The evening was fun', 'notFun event', 'even']);
    expect(chat.stats.reads).toBe(1);
  });
});

describe('spaces.search: the query', () => {
  test.each([
    ['', 'query is required'],
    ['space_type = "SPACE"', 'customer = "customers/my_customer" is required.'],
    ['customer = "customers/my_customer"', 'space_type = "SPACE" is required.'],
    [
      'customer = "customers/C0123" AND space_type = "SPACE"',
      'customers/my_customer is the only supported value',
    ],
    ['customer = "customers/my_customer" AND space_type = "GROUP_CHAT"', 'the only valid value is SPACE'],
    [`${BASE} AND name:"x"`, 'unknown field "name"'],
    [`${BASE} AND display_name = "Fun"`, 'display_name only supports the HAS (:) operator'],
    [`${BASE} AND external_user_allowed = "maybe"`, 'use true or false'],
    [`${BASE} AND space_history_state = "ON"`, 'use HISTORY_ON or HISTORY_OFF'],
    [`${BASE} AND create_time > 2024-01-01`, 'quoted RFC-3339 timestamp'],
    [`${BASE} AND create_time > "2024-01-01"`, 'quoted RFC-3339 timestamp'],
    [`${BASE} AND create_time != "2024-01-01T00:00:00Z"`, 'create_time supports =, <, >, <= and >=, not !='],
    [
      `${BASE} AND (display_name:"Fun" OR external_user_allowed = true)`,
      'OR only joins conditions on the same field',
    ],
    [
      `customer = "customers/my_customer" OR space_type = "SPACE"`,
      'OR only joins conditions on the same field',
    ],
    [`${BASE} AND display_name:"Fun" AND display_name:"event"`, "display_name doesn't support AND"],
    [`${BASE} AND external_user_allowed = true AND external_user_allowed = false`, "doesn't support AND"],
    [`${BASE} AND space_type = "SPACE"`, 'space_type may be given once.'],
    [`${BASE} AND (space_type = "SPACE" OR space_type = "SPACE")`, "space_type doesn't support OR"],
    [
      `${BASE} AND create_time > "2020-01-01T00:00:00Z" AND create_time > "2021-01-01T00:00:00Z"`,
      'can only make an interval',
    ],
    [
      `${BASE} AND create_time = "2020-01-01T00:00:00Z" AND create_time < "2021-01-01T00:00:00Z"`,
      'can only make an interval',
    ],
    [`${BASE} AND (display_name:"Fun"`, 'a parenthesis is not closed'],
    [`${BASE} AND`, 'it ends where a condition should follow'],
    [`${BASE} and display_name:"Fun"`, '"and" is not understood here'],
    [`${BASE} AND display_name:`, 'needs a value'],
  ])('%s → 400 (%s)', (query, problem) => {
    const { search } = org(SOME);
    const r = search(query);
    expect(r.status).toBe(400);
    expect(errorOf(r).status).toBe('INVALID_ARGUMENT');
    expect(errorOf(r).message).toContain(problem);
  });

  test('display_name: every word of the text starts a word of the name, in any case and order', () => {
    const { found } = org(SOME);
    expect(found(`${BASE} AND display_name:"Fun Eve"`)).toEqual(['Fun event', 'The evening was fun']);
    expect(found(`${BASE} AND display_name:"even"`)).toEqual([
      'Fun event',
      'The evening was fun',
      'notFun event',
      'even',
    ]);
    expect(found(`${BASE} AND display_name:fun`)).toEqual(['Fun event', 'The evening was fun']);
    expect(found(`${BASE} AND (display_name:"notfun" OR display_name:"EVENING")`)).toEqual([
      'The evening was fun',
      'notFun event',
    ]);
  });

  test('times: =, <, >, <=, >=; AND makes an interval, OR joins them; no messages counts from creation', () => {
    const { found } = org(SOME);
    // notFun event has no message: it was last active when it was made (2022-05-01).
    expect(found(`${BASE} AND last_active_time < "2024-01-01T00:00:00Z"`)).toEqual([
      'The evening was fun',
      'notFun event',
    ]);
    expect(found(`${BASE} AND last_active_time >= "2024-02-02T00:00:00+00:00"`)).toEqual([
      'Fun event',
      'even',
    ]);
    expect(found(`${BASE} AND create_time = "2023-03-01T00:00:00Z"`)).toEqual(['The evening was fun']);
    expect(found(`${BASE} AND create_time <= "2023-03-01T01:00:00+01:00"`)).toEqual([
      'Fun event',
      'The evening was fun',
      'notFun event',
    ]);
    expect(
      found(`${BASE} AND (create_time > "2023-01-01T00:00:00Z" AND create_time < "2023-12-31T00:00:00Z")`),
    ).toEqual(['Fun event', 'The evening was fun']);
    expect(
      found(
        `${BASE} AND (last_active_time < "2023-01-01T00:00:00Z" OR last_active_time > "2024-03-01T00:00:00Z")`,
      ),
    ).toEqual(['Fun event', 'notFun event']);
    expect(
      found(
        `${BASE} AND ((create_time > "2022-01-01T00:00:00Z" AND create_time < "2022-12-31T00:00:00Z") OR ` +
          `(create_time > "2024-01-01T00:00:00Z" AND create_time < "2024-12-31T00:00:00Z"))`,
      ),
    ).toEqual(['notFun event', 'even']);
  });

  test('external_user_allowed and space_history_state, quoted or not; the documented examples', () => {
    const { found } = org(SOME);
    expect(found(`${BASE} AND external_user_allowed = true`)).toEqual(['The evening was fun', 'even']);
    expect(found(`${BASE} AND (external_user_allowed = "false")`)).toEqual(['Fun event', 'notFun event']);
    expect(found(`${BASE} AND space_history_state = HISTORY_OFF`)).toEqual(['notFun event']);
    // The reference's own examples.
    expect(found(`${BASE} AND display_name:"Hello World"`)).toEqual([]);
    expect(
      found(
        `${BASE} AND (display_name:"Hello World" OR display_name:"Fun event") AND ` +
          `(last_active_time > "2020-01-01T00:00:00+00:00" AND last_active_time < "2025-01-01T00:00:00+00:00")`,
      ),
    ).toEqual(['Fun event']);
    expect(
      found(
        `${BASE} AND (create_time > "2019-01-01T00:00:00+00:00" AND create_time < "2024-01-01T00:00:00+00:00") ` +
          `AND (external_user_allowed = "true") AND (space_history_state = "HISTORY_ON" OR space_history_state = "HISTORY_OFF")`,
      ),
    ).toEqual(['The evening was fun']);
    // OR binds tighter than AND, as in Google's filter language.
    expect(found(`${BASE} AND display_name:"even" OR display_name:"fun"`)).toEqual([
      'Fun event',
      'The evening was fun',
      'notFun event',
      'even',
    ]);
  });
});

describe('spaces.search: orderBy and paging', () => {
  test('orderBy create_time, last_active_time, membership count; ASC by default; anything else → 400', () => {
    const { found } = org(SOME);
    expect(found(BASE, { orderBy: 'create_time' })).toEqual([
      'notFun event',
      'Fun event',
      'The evening was fun',
      'even',
    ]);
    expect(found(BASE, { orderBy: 'create_time DESC' })).toEqual([
      'even',
      'The evening was fun',
      'Fun event',
      'notFun event',
    ]);
    expect(found(BASE, { orderBy: 'last_active_time ASC' })).toEqual([
      'notFun event',
      'The evening was fun',
      'even',
      'Fun event',
    ]);
    expect(found(BASE, { orderBy: 'membership_count.joined_direct_human_user_count DESC' })).toEqual([
      'notFun event',
      'Fun event',
      'even',
      'The evening was fun',
    ]);
    for (const orderBy of ['display_name', 'create_time UP', 'membership_count DESC']) {
      const r = found(BASE, { orderBy });
      expect(r).toContain('Invalid order_by');
    }
  });

  test('pages of 100 by default, 1000 at most; totalSize counts every match', () => {
    const spaces: Record<string, Made> = {};
    for (let i = 0; i < 1205; i++)
      spaces[`Space ${String(i).padStart(4, '0')}`] = { created: '2024-01-01T00:00:00Z' };
    const { search, chat } = org(spaces);
    Object.assign(chat.limits, { spaceReadsPerMinute: 1e9 });
    const first = search(BASE).body as { spaces: unknown[]; nextPageToken: string; totalSize: number };
    expect([first.spaces.length, first.totalSize]).toEqual([100, 1205]);
    const big = search(BASE, { pageSize: 5000 }).body as { spaces: unknown[]; nextPageToken: string };
    expect(big.spaces).toHaveLength(1000);
    const rest = search(BASE, { pageSize: 5000, pageToken: big.nextPageToken }).body as Record<
      string,
      unknown
    >;
    expect((rest.spaces as unknown[]).length).toBe(205);
    expect(rest).not.toHaveProperty('nextPageToken');
    expect(search(BASE, { pageSize: -1 }).status).toBe(400);
    expect(search(`${BASE} AND display_name:"nothing"`).body).toEqual({});
  });

  test('REST: GET /v1/spaces:search', () => {
    const { chat } = org(SOME);
    const url = new URL('https://chat.googleapis.com/v1/spaces:search');
    url.searchParams.set('query', `${BASE} AND external_user_allowed = true`);
    url.searchParams.set('useAdminAccess', 'true');
    url.searchParams.set('orderBy', 'create_time desc');
    const r = chat.http({
      method: 'GET',
      url: url.toString(),
      headers: { Authorization: `Bearer ${chat.userToken('boss@example.com')}` },
      body: '',
    });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { spaces: { displayName: string }[]; totalSize: number };
    expect([body.spaces.map((s) => s.displayName), body.totalSize]).toEqual([
      ['even', 'The evening was fun'],
      2,
    ]);
  });
});
