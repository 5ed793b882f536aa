// The three list methods the imports read (spaces.list, spaces.members.list, spaces.messages.list), each rule
// tested against the reference page it follows:
// https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces/list
// https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.members/list
// https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/list
import { callAs, errorOf, newEmulator, withTeamSpace } from './testing';

type Space = {
  name: string;
  spaceType: string;
  createTime?: string;
  lastActiveTime?: string;
  membershipCount?: { joinedDirectHumanUserCount?: number; joinedGroupCount?: number };
  spaceUri?: string;
};
type Membership = {
  name: string;
  role: string;
  state: string;
  member?: { name: string; type: string };
  groupMember?: { name: string };
};
type Message = {
  name: string;
  text?: string;
  createTime: string;
  deleteTime?: string;
  deletionMetadata?: { deletionType: string };
  sender?: unknown;
  thread?: { name: string };
  space?: { name: string };
};

/** No quota gets in the way of making many resources quickly. */
const UNLIMITED = {
  limits: {
    spaceCreationsPerMinute: 1e9,
    spaceWritesPerMinute: 1e9,
    membershipWritesPerMinute: 1e9,
    messageWritesPerMinute: 1e9,
    perSpaceWrites: 1e9,
    spaceReadsPerMinute: 1e9,
    membershipReadsPerMinute: 1e9,
    messageReadsPerMinute: 1e9,
    perSpaceReads: 1e9,
  },
};

const ok = <T>(r: { status: number; body: unknown }): T => {
  expect(r.status).toBe(200);
  return r.body as T;
};

const invalidArgument = (r: { status: number; body: unknown }) =>
  expect([r.status, errorOf(r).status]).toEqual([400, 'INVALID_ARGUMENT']);

/** An app token that also carries chat.app.messages.readonly (granted with administrator approval). */
describe('pageSize and pageToken (all three lists)', () => {
  // pageSize: "If unspecified, at most 100 spaces are returned. The maximum value is 1000. If you use a value
  // more than 1000, it's automatically changed to 1000. Negative values return an INVALID_ARGUMENT error."
  test('spaces.list: 100 by default, 1000 at most, negative → 400', () => {
    const { chat } = newEmulator(UNLIMITED);
    const you = callAs(chat, chat.userToken('you@example.com'));
    for (let i = 0; i < 1001; i++)
      you('chat.spaces.create', {}, { spaceType: 'SPACE', displayName: `S${i}` });
    const first = ok<{ spaces: Space[]; nextPageToken: string }>(you('chat.spaces.list'));
    expect(first.spaces).toHaveLength(100);
    expect(ok<{ spaces: Space[] }>(you('chat.spaces.list', { pageSize: 0 })).spaces).toHaveLength(100);
    const big = ok<{ spaces: Space[]; nextPageToken: string }>(you('chat.spaces.list', { pageSize: 5000 }));
    expect(big.spaces).toHaveLength(1000);
    const rest = ok<{ spaces: Space[]; nextPageToken?: string }>(
      you('chat.spaces.list', { pageSize: 5000, pageToken: big.nextPageToken }),
    );
    expect(rest.spaces).toHaveLength(1);
    expect(rest.nextPageToken).toBeUndefined();
    invalidArgument(you('chat.spaces.list', { pageSize: -1 }));
    invalidArgument(you('chat.spaces.list', { pageToken: 'not a token' }));
  });

  test('members.list: 100 by default, 1000 at most, negative → 400', () => {
    const { chat, owner, space } = withTeamSpace('Team', UNLIMITED);
    for (let i = 0; i < 1000; i++)
      owner('chat.spaces.members.create', { parent: space }, { member: { name: `users/p${i}@example.com` } });
    const list = (q: Record<string, unknown>) =>
      ok<{ memberships: Membership[]; nextPageToken?: string }>(
        owner('chat.spaces.members.list', { parent: space, ...q }),
      );
    expect(list({}).memberships).toHaveLength(100);
    const big = list({ pageSize: 1001 });
    expect(big.memberships).toHaveLength(1000);
    expect(list({ pageSize: 1001, pageToken: big.nextPageToken }).memberships).toHaveLength(1);
    invalidArgument(owner('chat.spaces.members.list', { parent: space, pageSize: -5 }));
    expect(chat.members(space)).toHaveLength(1001);
  });

  test('messages.list: 25 by default, 1000 at most, negative → 400', () => {
    const { owner, space } = withTeamSpace('Team', UNLIMITED);
    for (let i = 0; i < 1001; i++) owner('chat.spaces.messages.create', { parent: space }, { text: `m${i}` });
    const list = (q: Record<string, unknown>) =>
      ok<{ messages: Message[]; nextPageToken?: string }>(
        owner('chat.spaces.messages.list', { parent: space, ...q }),
      );
    expect(list({}).messages).toHaveLength(25);
    const big = list({ pageSize: 2000 });
    expect(big.messages).toHaveLength(1000);
    expect(list({ pageSize: 2000, pageToken: big.nextPageToken }).messages.map((m) => m.text)).toEqual([
      'm1000',
    ]);
    invalidArgument(owner('chat.spaces.messages.list', { parent: space, pageSize: -1 }));
  });
});
