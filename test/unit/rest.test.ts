// The REST transport must be the advanced service by other means: for every Chat operation the product
// makes, the same op sent both ways to two identical emulators gets the same answer.
import { callAs, newEmulator } from '../../sandbox/chat/testing';
import type { ChatEmulator } from '../../sandbox/chat/emulator';
import { fetchTransport, fromResponse, toRequest } from '../../src/chat/rest';
import { op, type ChatOp, type ChatResult } from '../../src/chat/ops';
import type { HttpRequest } from '../../src/platform/ports';

const ME = 'ada@example.com';

function viaRest(chat: ChatEmulator, o: ChatOp): ChatResult {
  const http = {
    fetchAll: (reqs: HttpRequest[]) =>
      reqs.map((r) => {
        const res = chat.http({
          method: r.method.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'DELETE',
          url: r.url,
          headers: { ...(r.headers ?? {}), ...(r.contentType ? { 'Content-Type': r.contentType } : {}) },
          body: typeof r.payload === 'string' ? r.payload : '',
        });
        return { code: res.status, text: res.body };
      }),
  };
  return fetchTransport(http, () => chat.userToken(ME)).call(o);
}

/** What the advanced service returns for the same op (a body, or Chat's error). */
function viaService(chat: ChatEmulator, o: ChatOp): ChatResult {
  const r = callAs(chat, chat.userToken(ME))(`chat.${o.method}`, { ...pathParam(o), ...o.params }, o.body);
  return fromResponse(r.status, JSON.stringify(r.body ?? {}));
}

function pathParam(o: ChatOp): Record<string, string> {
  if (!o.path) return {};
  return /create$|list$/.test(o.method) ? { parent: o.path } : { name: o.path };
}

const clocks: { advance(ms: number): void }[] = [];

function twins() {
  const make = () => {
    const { chat, clock } = newEmulator();
    clocks.push(clock);
    chat.addUser(ME);
    chat.addUser('bob@example.com');
    chat.addUser('cy@example.com');
    return chat;
  };
  return [make(), make()] as const;
}

test('every operation answers the same through REST as through the advanced service', () => {
  const [a, b] = twins();
  const script: ((s: string) => ChatOp)[] = [
    () => op.createSpace({ spaceType: 'SPACE', displayName: 'Cohort' }, 'req-1'),
    () => op.createSpace({ spaceType: 'SPACE', displayName: 'Cohort' }, 'req-1'), // same request id
    () =>
      op.setupSpace({
        space: { spaceType: 'GROUP_CHAT' },
        memberships: [
          { member: { name: 'users/bob@example.com', type: 'HUMAN' } },
          { member: { name: 'users/cy@example.com', type: 'HUMAN' } },
        ],
        requestId: 'req-2',
      }),
    (s) => op.getSpace(s),
    (s) => op.patchSpace(s, { spaceDetails: { description: 'Hello' } }, 'space_details'),
    (s) => op.createMember(s, { member: { name: 'users/bob@example.com', type: 'HUMAN' } }),
    (s) => op.createMember(s, { member: { name: 'users/bob@example.com', type: 'HUMAN' } }), // 409
    (s) => op.getMember(`${s}/members/bob@example.com`),
    (s) => op.listMembers(s),
    (s) => op.patchMember(`${s}/members/bob@example.com`, { role: 'ROLE_MANAGER' }),
    (s) => op.deleteMember(`${s}/members/bob@example.com`),
    (s) =>
      op.createMessage(
        s,
        { text: 'Hi *all*', thread: { threadKey: 'k 1/2' } },
        {
          messageId: 'client-a1',
          requestId: 'r-a1',
          messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
        },
        'user',
      ),
    (s) =>
      op.createMessage(s, { text: 'Hi again' }, { messageId: 'client-a1', requestId: 'r-other' }, 'user'), // 409
    (s) => op.getMessage(`${s}/messages/client-a1`),
    (s) => op.patchMessage(`${s}/messages/client-a1`, { text: 'Edited' }, 'text', 'user'),
    (s) => op.deleteMessage(`${s}/messages/client-a1`, 'user'),
    (s) => op.getMessage(`${s}/messages/client-a1`), // 404
    (s) =>
      op.createMessage(
        s,
        { cardsV2: [{ cardId: 'c', card: { header: { title: 'T' } } }] },
        { messageId: 'client-c', requestId: 'r-c' },
        'user',
      ), // 400: cards need an app
    (s) => op.deleteSpace(s),
    (s) => op.getSpace(s), // 404
  ];
  let names: [string, string] = ['', ''];
  const seen: number[] = [];
  for (const build of script) {
    for (const c of clocks) c.advance(1100); // within Chat's per-space write rate
    const ra = viaService(a, build(names[0]));
    const rb = viaRest(b, build(names[1]));
    // Ids differ between the twins only through what each created; compare with those swapped out.
    const norm = (r: ChatResult, own: string) =>
      !own ? r : JSON.parse(JSON.stringify(r).split(own.replace('spaces/', '')).join('S'));
    expect(norm(rb, names[1])).toEqual(norm(ra, names[0]));
    seen.push(rb.status);
    if (ra.ok && !names[0] && typeof ra.body.name === 'string')
      names = [ra.body.name, String(rb.ok ? rb.body.name : '')];
  }
  // The script went through successes and Chat's refusals alike.
  expect(new Set(seen)).toEqual(new Set([200, 409, 404, 400]));
});

test('requests: verbs, paths, query encoding, bearer tokens; a webhook post keeps its own URL', () => {
  const r = toRequest(op.getMember('spaces/AAA/members/a+b@example.com'), 'Bearer u');
  expect(r).toEqual({
    url: 'https://chat.googleapis.com/v1/spaces/AAA/members/a%2Bb%40example.com',
    method: 'get',
    headers: { Authorization: 'Bearer u' },
  });
  const m = toRequest(
    op.createMessage(
      'spaces/AAA',
      { text: 'x' },
      { messageId: 'client-1', requestId: 'r 1', messageReplyOption: undefined },
      'app',
    ),
    'Bearer app',
  );
  expect(m.url).toBe('https://chat.googleapis.com/v1/spaces/AAA/messages?messageId=client-1&requestId=r%201');
  expect(m).toMatchObject({
    method: 'post',
    contentType: 'application/json; charset=UTF-8',
    payload: '{"text":"x"}',
  });
  const hook = 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=K&token=T';
  const w = toRequest(op.postWebhook('team', hook, 'spaces/AAA', { text: 'x' }, 'REPLY_MESSAGE_OR_FAIL'), '');
  expect(w.url).toBe(`${hook}&messageReplyOption=REPLY_MESSAGE_OR_FAIL`);
  expect(w.headers).toBeUndefined();
});

test('no answer at all: every request of the fetchAll fails with code 0 and a message without secrets', () => {
  const t = fetchTransport(
    {
      fetchAll: () => {
        throw new Error(
          'Exception: Timeout: https://chat.googleapis.com/v1/spaces/AAA/messages?key=K123&token=T456',
        );
      },
    },
    () => 'ya29.user',
  );
  const hook = 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=K123&token=T456';
  const out = t.callMany(
    [op.postWebhook('a', hook, 'spaces/AAA', { text: 'x' }), op.getSpace('spaces/AAA')],
    [undefined, undefined],
  );
  expect(out.map((r) => r.status)).toEqual([0, 0]);
  for (const r of out) {
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toMatch(/K123|T456/);
  }
});
