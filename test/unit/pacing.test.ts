// The Pacer's rules on their own, in exact milliseconds: the gap per space, the per-minute quotas by
// kind, the writes a wave plans before it records them, and what carries over to the next execution.
// (End to end, test/e2e/faults.test.ts and parallel.test.ts check that Chat never has to refuse a run.)
import { op, type ChatOp } from '../../src/chat/ops';
import { Pacer } from '../../src/engine/pacing';

const send = (space: string): ChatOp =>
  op.createMessage(space, { text: 'hi' }, { messageId: 'client-1', requestId: 'r1' }, 'user');
const addMember = (space: string): ChatOp => op.createMember(space, { member: { name: 'users/1' } });
const createSpace = (): ChatOp => op.createSpace({ displayName: 'S', spaceType: 'SPACE' }, 'r1');
const setupSpace = (): ChatOp => op.setupSpace({ space: { displayName: 'S', spaceType: 'SPACE' } });
const patchSpace = (space: string): ChatOp => op.patchSpace(space, { displayName: 'T' }, 'displayName');
const file = { name: 'a.pdf', contentType: 'application/pdf', bytes: () => [], blob: () => ({}) };
const upload = (space: string): ChatOp => op.uploadAttachment(space, file, 'b');

/** `n` writes made by `make(i)` at times `at(i)`. */
function recorded(p: Pacer, n: number, make: (i: number) => ChatOp, at: (i: number) => number = () => 0) {
  for (let i = 0; i < n; i++) p.record(make(i), at(i));
  return p;
}

describe('one space', () => {
  it('a message or space write waits 1050 ms from the space’s last one; memberships and other spaces are free', () => {
    const p = new Pacer();
    p.record(send('spaces/a'), 1000);
    expect(p.delayFor(send('spaces/a'), 1000)).toBe(1050);
    // members.* are not per-space writes (Chat's limits page): only the membership quota paces them.
    expect(p.delayFor(addMember('spaces/a'), 1500)).toBe(0);
    p.record(addMember('spaces/a'), 1600);
    expect(p.delayFor(patchSpace('spaces/a'), 2049)).toBe(1);
    expect(p.delayFor(send('spaces/a'), 2050)).toBe(0);
    expect(p.delayFor(send('spaces/b'), 1000)).toBe(0);
  });

  it('reads don’t wait for writes, even in a space just written', () => {
    const p = recorded(new Pacer(), 3000, () => send('spaces/a'));
    expect(p.delayFor(op.getSpace('spaces/a'), 0)).toBe(0);
    expect(p.delayFor(op.listMembers('spaces/a'), 0)).toBe(0);
  });

  it('reads of one space are 70 ms apart (Chat: 15 a second per space); spaces.list reads no one space', () => {
    const p = new Pacer();
    p.record(op.listMembers('spaces/a'), 1000);
    expect(p.delayFor(op.getMessage('spaces/a/messages/m'), 1000)).toBe(70);
    expect(p.delayFor(op.getMember('spaces/a/members/1'), 1069)).toBe(1);
    expect(p.delayFor(op.getSpace('spaces/a'), 1070)).toBe(0);
    expect(p.delayFor(op.listMembers('spaces/b'), 1000)).toBe(0);
    p.record(op.listSpaces(), 1000);
    expect(p.delayFor(op.listSpaces(), 1000)).toBe(0);
  });

  it('a new space’s creation paces no space: the space it makes takes its first message at once', () => {
    const p = new Pacer();
    p.record(createSpace(), 0);
    p.record(send('spaces/a'), 0);
    expect(p.delayFor(send('spaces/AAA'), 0)).toBe(0);
    expect(p.delayFor(send('spaces/a'), 0)).toBe(1050);
    // …but it counts toward the creations' minute.
    expect(p.delayFor(createSpace(), 0, { creation: 33 })).toBe(60_000);
  });
});

describe('per-minute quotas', () => {
  it('the 301st membership write in a minute waits until the first leaves the window; messages don’t', () => {
    const p = recorded(
      new Pacer(),
      300,
      (i) => addMember(`spaces/m${i}`),
      (i) => i,
    );
    expect(p.delayFor(addMember('spaces/new'), 300)).toBe(59_700);
    expect(p.delayFor(addMember('spaces/new'), 59_999)).toBe(1);
    expect(p.delayFor(addMember('spaces/new'), 60_000)).toBe(0);
    expect(p.delayFor(send('spaces/new'), 300)).toBe(0);
  });

  it('uploads: a per-space write (the message after it waits), and 600 a minute of their own', () => {
    const p = new Pacer();
    p.record(upload('spaces/a'), 0);
    expect(p.delayFor(send('spaces/a'), 0)).toBe(1050);
    recorded(
      p,
      599,
      (i) => upload(`spaces/u${i}`),
      (i) => i + 1,
    );
    expect(p.delayFor(upload('spaces/new'), 600)).toBe(59_400);
    expect(p.delayFor(send('spaces/new'), 600)).toBe(0);
  });

  it('space creations: 34 a minute (spaces.create and spaces.setup), inside the 60 space writes', () => {
    const p = recorded(new Pacer(), 33, createSpace);
    p.record(setupSpace(), 0);
    expect(p.delayFor(createSpace(), 10)).toBe(59_990);
    expect(p.delayFor(setupSpace(), 10)).toBe(59_990);
    // Other space writes count only against the 60.
    expect(p.delayFor(patchSpace('spaces/x'), 10)).toBe(0);
    recorded(
      p,
      26,
      (i) => patchSpace(`spaces/p${i}`),
      () => 5,
    );
    expect(p.delayFor(patchSpace('spaces/x'), 10)).toBe(59_990);
  });

  it('writes planned for the same wave count as if recorded', () => {
    const p = recorded(new Pacer(), 20, createSpace, (i) => i * 100);
    // 20 recorded (at 0, 100 … 1900) + 13 planned: the 34th creation may go with them.
    expect(p.delayFor(createSpace(), 2000, { creation: 13, space: 13 })).toBe(0);
    // + 14 planned: the 35th waits until the oldest recorded one leaves the window.
    expect(p.delayFor(createSpace(), 2000, { creation: 14, space: 14 })).toBe(58_000);
    // + 24 planned: until 11 of them have left (the 11th was at 1000).
    expect(p.delayFor(createSpace(), 2000, { creation: 24, space: 24 })).toBe(59_000);
    // A wave planned full on its own: the next minute.
    expect(new Pacer().delayFor(createSpace(), 0, { creation: 34 })).toBe(60_000);
    // Other kinds' plans don't matter.
    expect(new Pacer().delayFor(send('spaces/a'), 0, { creation: 34, membership: 300 })).toBe(0);
  });

  it('count adds a write to the plan under each quota it counts against', () => {
    const planned: Record<string, number> = {};
    new Pacer().count(createSpace(), planned);
    new Pacer().count(send('spaces/a'), planned);
    new Pacer().count(send('spaces/b'), planned);
    new Pacer().count(op.getSpace('spaces/a'), planned);
    // …and marks the spaces whose one-write-a-second pace it uses (a second write to one waits).
    expect(planned).toEqual({
      space: 1,
      creation: 1,
      message: 2,
      'read:space': 1,
      '@spaces/a': 1,
      '@spaces/b': 1,
    });
  });
});

describe('read quotas', () => {
  it('3000 reads a minute of each kind (spaces, members, messages), counted apart', () => {
    const p = recorded(
      new Pacer(),
      3000,
      (i) => op.listMembers(`spaces/s${i}`),
      (i) => i * 10,
    );
    // The 3001st members read waits until the first leaves the window; a spaces or messages read doesn't.
    expect(p.delayFor(op.listMembers('spaces/new'), 30_000)).toBe(30_000);
    expect(p.delayFor(op.getMember('spaces/new/members/1'), 59_999)).toBe(1);
    expect(p.delayFor(op.getMember('spaces/new/members/1'), 60_000)).toBe(0);
    expect(p.delayFor(op.listSpaces(), 30_000)).toBe(0);
    expect(p.delayFor(op.listMessages('spaces/new', ''), 30_000)).toBe(0);
  });

  it('reactions.list counts against reaction reads, apart from message reads, and paces its space', () => {
    const message = 'spaces/a/messages/m';
    const p = recorded(
      new Pacer(),
      3000,
      (i) => op.listMessages(`spaces/s${i}`, ''),
      (i) => i * 10,
    );
    expect(p.delayFor(op.listReactions(message), 30_000)).toBe(0);
    const r = recorded(
      new Pacer(),
      3000,
      (i) => op.listReactions(`spaces/s${i}/messages/m`),
      (i) => i * 10,
    );
    expect(r.delayFor(op.listReactions(message), 30_000)).toBe(30_000);
    expect(r.delayFor(op.getMessage(message), 30_000)).toBe(0);
    // One space's reads, whatever their kind, are 70 ms apart.
    const one = new Pacer();
    one.record(op.listReactions(message), 1000);
    expect(one.delayFor(op.getMessage(message), 1000)).toBe(70);
  });

  it('a wave plans its reads against the quota before they are recorded', () => {
    const p = recorded(new Pacer(), 2999, () => op.listSpaces());
    const planned: Record<string, number> = {};
    expect(p.delayFor(op.listSpaces(), 0, planned)).toBe(0);
    p.count(op.listSpaces(), planned);
    expect(p.delayFor(op.listSpaces(), 0, planned)).toBe(60_000);
  });
});

describe('across executions', () => {
  it('a snapshot keeps only writes still inside a window; restored, it paces the next execution', () => {
    const p = new Pacer();
    p.record(send('spaces/a'), 0);
    p.record(send('spaces/b'), 1000);
    p.record(createSpace(), 500);
    const saved = p.snapshot(1500);
    expect(JSON.parse(saved)).toEqual({
      spaces: { 'spaces/b': 1000 },
      windows: { message: [0, 1000], space: [500], creation: [500] },
    });
    const next = Pacer.restore(saved);
    expect(next.delayFor(send('spaces/a'), 1500)).toBe(0);
    expect(next.delayFor(send('spaces/b'), 1500)).toBe(550);
    expect(next.delayFor(send('spaces/c'), 1500)).toBe(0);
    expect(JSON.parse(next.snapshot(60_600))).toEqual({ spaces: {}, windows: { message: [1000] } });
  });

  it('restored windows are put in time order, whatever order they were saved in', () => {
    const times = Array.from({ length: 34 }, (_, i) => (i === 0 ? 30_000 : i === 1 ? 0 : 30_000 + i));
    const p = Pacer.restore(JSON.stringify({ windows: { creation: times } }));
    // The oldest creation (t=0) is the one that has to leave the window.
    expect(p.delayFor(createSpace(), 30_100)).toBe(29_900);
  });

  it('nothing usable in the cache: pacing starts from scratch', () => {
    for (const saved of [null, '', 'not json', '[]', '{"spaces":7}']) {
      const p = Pacer.restore(saved);
      expect(p.delayFor(send('spaces/a'), 0)).toBe(0);
      expect(p.snapshot(0)).toBe('{"spaces":{},"windows":{}}');
    }
    const junk = Pacer.restore(
      JSON.stringify({
        spaces: { 'spaces/a': '900', 'spaces/b': 900 },
        windows: { message: [1, '2', null] },
      }),
    );
    expect(JSON.parse(junk.snapshot(1000))).toEqual({
      spaces: { 'spaces/b': 900 },
      windows: { message: [1] },
    });
  });
});
