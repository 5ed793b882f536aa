// A seeded Chat workspace for tests and the bench: spaces, group chats and direct messages with people,
// Google groups, invited guests and the Chat app as members, and messages over threads from several senders,
// written straight into the emulator's store (no API call, no quota), deterministic from a seed.
//
// It keeps the emulator's invariants: every named space has a joined human ROLE_MANAGER; a direct message has
// exactly two members (two people, or a person and the app for the app's DM), one DM per pair; a group chat
// has at least three members, the caller among them, all people; groups only in named spaces; invited
// people are external users (the emulator invites only people outside the organization), and only in spaces
// that allow them; ids are unique; every person is a user of the store; a space's lastActiveTime is its
// latest message's createTime; group chats and DMs the caller is in have a message (so spaces.list shows
// them). Named spaces are threaded (a thread start and its replies); group chats and DMs are not (a thread
// per message), as in Chat.
import type { ChatEmulator } from './emulator';
import type { Role, SpaceType } from './enums';
import { Ids } from './ids';
import type { DeletionType, MemberRec, MessageRec, Principal, SpaceRec, ThreadRec } from './state';
import { Store, presetPermissions } from './store';

const DAY = 86_400_000;

export interface WorkspaceOptions {
  /** The person the workspace is built around (an e-mail): the caller of the lists. */
  you: string;
  /** Seeds every choice. Resource ids come from the emulator's own generator (so they never repeat its). */
  seed?: number;
  /** Named spaces (SPACE) `you` are in. */
  spaces?: number;
  /** Share of those that `you` made: `you` are their ROLE_MANAGER. Other people made the rest. */
  madeByYou?: number;
  /** Group chats `you` are in. */
  groupChats?: number;
  /** Direct messages of `you` with another person; with `appDm`, one more with the Chat app. */
  directMessages?: number;
  appDm?: boolean;
  /** Spaces `you` are not in: named spaces, group chats and DMs of other people. */
  notYours?: number;
  /** Memberships per named space, `you` included, the app not: people, groups and invited guests. */
  membersPerSpace?: [min: number, max: number];
  /** People in a group chat besides `you` (at least 2). */
  othersPerGroupChat?: [min: number, max: number];
  /** Of a named space's other memberships, the share that are Google groups. */
  groupShare?: number;
  /** Share of named spaces that allow external people; in those, the share of members who are invited
   *  guests (state INVITED). */
  externalShare?: number;
  invitedShare?: number;
  /** Share of named spaces the Chat app is a member of. */
  appShare?: number;
  /** Messages per space (group chats and DMs get at least one). */
  messagesPerSpace?: [min: number, max: number];
  /** Messages per thread in named spaces: a thread start and its replies. */
  threadLength?: [min: number, max: number];
  /** Share of messages sent by `you` (where `you` are a member), and by the app where it is a member (its
   *  messages carry cardsV2). */
  yourShare?: number;
  appMessageShare?: number;
  /** Share of messages deleted (kept with deleteTime and deletionMetadata, as Chat keeps them). */
  deletedShare?: number;
  /** Messages are spread over the `days` days before the clock's now; spaces and memberships are older. */
  days?: number;
  /** Pools members are drawn from: colleagues (at `you`'s domain), Google groups and external guests. */
  people?: number;
  groups?: number;
  guests?: number;
  guestDomain?: string;

  // ---- for administrator tests (each left out: nothing of it, and the workspace is as without it) ------
  /** Gives `you` the "Manage Chat and spaces conversations" administrator privilege (true) or takes it away
   *  (false); left out, `you`'s privilege is left as it is. */
  admin?: boolean;
  /** A person of `you`'s domain (not one of the pools) who is a member (ROLE_MEMBER, joined) of exactly `in`
   *  named spaces, `alsoYours` of which `you` are in too (default 0) — and of nothing else. Their other spaces
   *  are drawn from the named spaces `you` are not in; more of those are built when there are too few. */
  person?: { email: string; in: number; alsoYours?: number };
  /** `spaces` named spaces last active before `before` (their messages, memberships and creation all
   *  earlier); every other named space then has a message in the last `days` days, so a search for
   *  `last_active_time < before` finds exactly these. `before` must be at or before the start of that
   *  window (now − `days`). */
  idle?: { spaces: number; before: Date | number };
  /** Exactly this many named spaces allow external users (instead of `externalShare` of them). */
  externalSpaces?: number;
}

/** Sizes the product's import tests and the bench need. */
export const WORKSPACE_SIZES = {
  /** 330 spaces (200 named, 70 group chats, 45 DMs, 15 not yours), about 3,400 memberships with groups and
   *  invited people, about 2,600 messages over threads and senders. */
  product: {
    spaces: 200,
    groupChats: 70,
    directMessages: 44,
    appDm: true,
    notYours: 15,
    membersPerSpace: [8, 20],
    messagesPerSpace: [4, 12],
    people: 150,
    groups: 20,
    guests: 30,
  },
  /** 2,000 spaces with about 20,700 memberships (and about 3,000 messages). */
  bench: {
    spaces: 1400,
    groupChats: 300,
    directMessages: 249,
    appDm: true,
    notYours: 50,
    membersPerSpace: [10, 16],
    messagesPerSpace: [1, 2],
    people: 600,
    groups: 60,
    guests: 80,
  },
} satisfies Record<string, Partial<WorkspaceOptions>>;

type Kind = SpaceType;
const byKind = (): Record<Kind, number> => ({ SPACE: 0, GROUP_CHAT: 0, DIRECT_MESSAGE: 0 });

export interface SpaceSummary {
  type: Kind;
  /** `you`'s role, when `you` are a member. */
  yourRole?: Role;
  joinedPeople: number;
  invited: number;
  groups: number;
  app: boolean;
  /** Messages not deleted / deleted. */
  messages: number;
  deleted: number;
  threads: number;
}

export interface WorkspaceSummary {
  /** `you` as the store knows them. */
  you: { email: string; name: string };
  /** What spaces.list answers `you` once built, in its order: every space `you` have joined (built or
   *  already there), group chats and DMs among them once they have a message. */
  listable: string[];
  spaces: {
    total: number;
    byKind: Record<Kind, number>;
    /** The spaces `you` are a member of, by kind; `managedByYou`: named spaces where `you` are
     *  ROLE_MANAGER. */
    yours: Record<Kind, number>;
    managedByYou: number;
    notYours: number;
  };
  memberships: {
    total: number;
    /** Joined people (not the app), invited people, Google groups, the app. */
    joinedPeople: number;
    invited: number;
    groups: number;
    app: number;
  };
  messages: {
    /** Every message made, deleted ones included. */
    total: number;
    deleted: number;
    withCards: number;
    threads: number;
    /** Messages not deleted, by sender: an e-mail, or `app` for the Chat app. */
    bySender: Record<string, number>;
    /** The oldest and newest createTime (ms). */
    first: number;
    last: number;
  };
  /** Per built space, by resource name. */
  bySpace: Record<string, SpaceSummary>;
  /** The pools: colleagues' e-mails, group names (`groups/…`), guests' e-mails. */
  people: string[];
  groups: string[];
  guests: string[];
  /** Named spaces built: all of them, those that allow external users, the idle ones (`idle`). */
  named: string[];
  external: string[];
  idle: string[];
  /** With `person`: who they are and the spaces they are in — all, those `you` are in too, the others. */
  person?: { email: string; name: string; spaces: string[]; yours: string[]; notYours: string[] };
}

/** Options without a default: left out, they change nothing. */
type Optional = 'you' | 'admin' | 'person' | 'idle' | 'externalSpaces';

const DEFAULTS: Required<Omit<WorkspaceOptions, Optional>> = {
  seed: 1,
  spaces: 20,
  madeByYou: 0.3,
  groupChats: 6,
  directMessages: 5,
  appDm: true,
  notYours: 4,
  membersPerSpace: [4, 10],
  othersPerGroupChat: [2, 6],
  groupShare: 0.15,
  externalShare: 0.4,
  invitedShare: 0.2,
  appShare: 0.35,
  messagesPerSpace: [3, 10],
  threadLength: [1, 5],
  yourShare: 0.25,
  appMessageShare: 0.2,
  deletedShare: 0.02,
  days: 30,
  people: 40,
  groups: 8,
  guests: 10,
  guestDomain: 'partner.example',
};

// prettier-ignore
const FIRST = [
  'ada', 'ben', 'chloe', 'dev', 'emma', 'farid', 'grace', 'hugo', 'ines', 'jon', 'kai', 'lena', 'mo', 'nora',
  'omar', 'priya', 'quinn', 'rosa', 'sam', 'tara', 'uma', 'viktor', 'wen', 'xavi', 'yara', 'zoe',
];
// prettier-ignore
const LAST = [
  'adams', 'baker', 'chen', 'diaz', 'evans', 'fischer', 'garcia', 'haddad', 'ito', 'jensen', 'khan', 'lopez',
  'martin', 'nguyen', 'okafor', 'patel', 'rossi', 'silva', 'tanaka', 'weber',
];
// prettier-ignore
const TEAMS = [
  'Platform', 'Payments', 'Onboarding', 'Design', 'Support', 'Growth', 'Security', 'Data', 'Mobile', 'Billing',
  'Search', 'Infra', 'Legal', 'Finance', 'Hiring', 'Sales', 'Marketing', 'Research', 'Docs', 'Quality',
];
// prettier-ignore
const TOPICS = [
  'weekly sync', 'release', 'incidents', 'roadmap', 'standup', 'launch', 'retro', 'planning', 'reviews',
  'questions', 'announcements', 'on-call', 'metrics', 'hiring', 'offsite',
];
// prettier-ignore
const LINES = [
  'Can someone take a look at this?', 'Shipped, thanks everyone!', 'Moving the meeting to 3pm.',
  'Notes from today are in the doc.', 'Who is on call this week?', 'The dashboard is green again.',
  'Please review before Friday.', 'Great work on the launch.', 'I will follow up with the customer.',
  'Any blockers?', 'Draft is ready for comments.', 'Reminder: retro tomorrow.',
];

/** A seeded random source (mulberry32 through Ids) with the helpers the builder needs. */
class Rng {
  private readonly ids: Ids;
  constructor(seed: number) {
    this.ids = new Ids(seed);
  }
  next(): number {
    return this.ids.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  range([min, max]: [number, number]): number {
    return this.int(min, Math.max(min, max));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  /** `n` distinct items of `xs` (fewer when `xs` has fewer), none of `except`. */
  sample<T>(xs: readonly T[], n: number, except: ReadonlySet<T> = new Set()): T[] {
    if (n * 3 < xs.length - except.size) {
      // Few of many: draw until `n` new ones came up.
      const out: T[] = [];
      const seen = new Set<T>(except);
      while (out.length < n) {
        const x = this.pick(xs);
        if (!seen.has(x)) {
          seen.add(x);
          out.push(x);
        }
      }
      return out;
    }
    const pool = xs.filter((x) => !except.has(x));
    const k = Math.min(n, pool.length);
    for (let i = 0; i < k; i++) {
      const j = this.int(i, pool.length - 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, k);
  }
}

interface Person {
  email: string;
  id: string;
}

/**
 * Fills the emulator with a workspace around `opts.you` and returns what was built. Fast: 2,000 spaces and
 * 20,000 memberships take a fraction of a second. It may be called on an emulator that already has spaces
 * (its names avoid theirs) and more than once with different seeds or callers.
 *
 *     const { chat } = newEmulator();
 *     const ws = buildWorkspace(chat, { you: 'you@example.com', seed: 7, ...WORKSPACE_SIZES.product });
 *     const you = callAs(chat, chat.userToken('you@example.com'));
 *     // spaces.list pages through ws.listable; members.list / messages.list answer ws.bySpace[name]
 *
 * For administrator tests (`useAdminAccess`, spaces.search), e.g. offboarding, idle clean-up, an audit:
 *
 *     const ws = buildWorkspace(chat, { you: 'admin@example.com', ...WORKSPACE_SIZES.product, admin: true,
 *       person: { email: 'leaver@example.com', in: 40, alsoYours: 5 },   // → ws.person.spaces / yours
 *       idle: { spaces: 50, before: new Date('2025-10-01') },            // → ws.idle
 *       externalSpaces: 12 });                                           // → ws.external
 *
 * Left out, those options change nothing: the same seed builds the same workspace as without them.
 */
export function buildWorkspace(chat: ChatEmulator, options: WorkspaceOptions): WorkspaceSummary {
  const o = { ...DEFAULTS, ...options };
  const rng = new Rng(o.seed);
  const now = chat.clock.now();
  const windowStart = now - o.days * DAY;
  const youEmail = o.you.toLowerCase();
  const domain = youEmail.split('@')[1] ?? 'example.com';
  if (o.guestDomain.toLowerCase() === domain)
    throw new Error(`buildWorkspace: guests come from outside ${domain}; give another guestDomain.`);
  const personEmail = o.person?.email.toLowerCase();
  if (o.person) {
    const { in: n, alsoYours = 0 } = o.person;
    if (personEmail === youEmail) throw new Error('buildWorkspace: person must be someone other than you.');
    if (personEmail?.split('@')[1] !== domain)
      throw new Error(
        `buildWorkspace: person must be of ${domain}, as administrators manage their own people.`,
      );
    if (![n, alsoYours].every((x) => Number.isInteger(x) && x >= 0) || alsoYours > n)
      throw new Error('buildWorkspace: person.in and person.alsoYours are whole numbers, alsoYours ≤ in.');
  }
  const idleBefore = o.idle ? new Date(o.idle.before).getTime() : undefined;
  if (idleBefore !== undefined && !(idleBefore <= windowStart))
    throw new Error(
      `buildWorkspace: idle.before must be at or before now − days (${new Date(windowStart).toISOString()}), ` +
        'so that every other named space is active after it.',
    );

  return chat.seed((store, ids) => {
    const st = store.state;
    const you: Person = {
      email: youEmail,
      id: store.addUser(youEmail, { external: false, ...(o.admin !== undefined ? { admin: o.admin } : {}) })
        .id,
    };

    // ---- the pools -----------------------------------------------------------------------------------
    const personName = (i: number) => {
      const first = FIRST[i % FIRST.length];
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
      const round = Math.floor(i / (FIRST.length * LAST.length));
      return { local: `${first}.${last}${round ? round + 1 : ''}`, display: `${cap(first)} ${cap(last)}` };
    };
    const people: Person[] = [];
    for (let i = 0; people.length < o.people; i++) {
      const n = personName(i);
      const email = `${n.local}@${domain}`;
      if (email === youEmail || email === personEmail) continue;
      people.push({ email, id: store.addUser(email, { displayName: n.display, external: false }).id });
    }
    const guests: Person[] = Array.from({ length: o.guests }, (_, i) => {
      const n = personName(i * 7 + 3);
      const email = `${n.local}@${o.guestDomain}`;
      return { email, id: store.addUser(email, { displayName: n.display, external: true }).id };
    });
    const groupIds: string[] = Array.from({ length: o.groups }, (_, i) =>
      chat.addGroup(`${TEAMS[i % TEAMS.length].toLowerCase()}-${i + 1}@${domain}`).slice('groups/'.length),
    );
    const emailOf = new Map<string, string>(
      [you, ...people, ...guests].map((p): [string, string] => [p.id, p.email]),
    );

    // ---- what exists already -------------------------------------------------------------------------
    const spaceIds = new Set(st.spaces.map((s) => s.id));
    const names = new Set(st.spaces.map((s) => s.displayName?.trim().toLowerCase()).filter(Boolean));
    const messageIds = new Set(st.messages.map((m) => `${m.space}/${m.id}`));
    const threadIds = new Set(st.threads.map((t) => `${t.space}/${t.id}`));
    const dmPairs = new Set<string>();
    const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    for (const s of st.spaces)
      if (s.spaceType === 'DIRECT_MESSAGE') {
        const ms = store.membersIn(s.id);
        if (ms.length === 2) dmPairs.add(pair(keyOfMember(ms[0]), keyOfMember(ms[1])));
      }

    const summary: WorkspaceSummary = {
      you: { email: you.email, name: `users/${you.id}` },
      listable: [],
      spaces: { total: 0, byKind: byKind(), yours: byKind(), managedByYou: 0, notYours: 0 },
      memberships: { total: 0, joinedPeople: 0, invited: 0, groups: 0, app: 0 },
      messages: { total: 0, deleted: 0, withCards: 0, threads: 0, bySender: {}, first: now, last: 0 },
      bySpace: {},
      people: people.map((p) => p.email),
      groups: groupIds.map((g) => `groups/${g}`),
      guests: guests.map((p) => p.email),
      named: [],
      external: [],
      idle: [],
    };

    // ---- builders --------------------------------------------------------------------------------------
    const newSpaceId = () => {
      let id = ids.space();
      while (spaceIds.has(id)) id = ids.space();
      spaceIds.add(id);
      return id;
    };
    let nameCounter = 0;
    const displayName = () => {
      for (;;) {
        nameCounter++;
        const n = `${rng.pick(TEAMS)} ${rng.pick(TOPICS)} ${String(nameCounter).padStart(4, '0')}`;
        if (!names.has(n.toLowerCase())) {
          names.add(n.toLowerCase());
          return n;
        }
      }
    };
    const second = (t: number) => Math.floor(t / 1000) * 1000;
    /** When a space's people talk (its messages' times): the last `days` days, or for an idle space the
     *  `days` days before `idle.before`. Its memberships are older, its creation older still. */
    const windows = new Map<SpaceRec, { start: number; end: number }>();
    const windowOf = (space: SpaceRec) => windows.get(space) ?? { start: windowStart, end: now };
    /** Which named spaces (by their order in the plan) allow external users, and which are idle: chosen once
     *  the plan is made, when `externalSpaces` or `idle` ask for exact counts. */
    let externalAt: Set<number> | undefined;
    let idleAt: Set<number> | undefined;
    const built = new Map<string, SpaceRec>();

    function makeSpace(
      type: Kind,
      opts: { external?: boolean; botDm?: boolean; idle?: boolean } = {},
    ): SpaceRec {
      let start = windowStart;
      if (opts.idle && idleBefore !== undefined) start = idleBefore - 1000 - o.days * DAY;
      const createTime = second(start - rng.int(1, 365) * DAY - rng.int(0, DAY));
      const space: SpaceRec = {
        id: newSpaceId(),
        spaceType: type,
        ...(type === 'SPACE' ? { displayName: displayName() } : {}),
        ...(type === 'SPACE' && rng.chance(0.3) ? { description: `The ${rng.pick(TOPICS)} space.` } : {}),
        externalUserAllowed: type !== 'SPACE' || opts.external === true,
        historyState: 'HISTORY_ON',
        preset: 'COLLABORATION_SPACE',
        permissionSettings: presetPermissions('COLLABORATION_SPACE'),
        singleUserBotDm: opts.botDm === true,
        createTime,
      };
      if (opts.idle && idleBefore !== undefined) windows.set(space, { start, end: idleBefore - 1000 });
      st.spaces.push(space);
      summary.spaces.total++;
      summary.spaces.byKind[type]++;
      return space;
    }

    function join(
      space: SpaceRec,
      sum: SpaceSummary,
      who:
        | { kind: 'user'; person: Person; invited?: boolean; creator?: boolean }
        | { kind: 'group'; id: string }
        | { kind: 'app' },
      role: Role = 'ROLE_MEMBER',
    ): MemberRec {
      const state = who.kind === 'user' && who.invited ? 'INVITED' : 'JOINED';
      const m: MemberRec = {
        space: space.id,
        kind: who.kind,
        id: who.kind === 'user' ? who.person.id : who.kind === 'group' ? who.id : 'app',
        role,
        state,
        createTime: second(
          space.createTime + rng.int(0, Math.max(0, windowOf(space).start - space.createTime - 1000)),
        ),
      };
      if (who.kind === 'user' && who.creator) m.createTime = space.createTime;
      st.members.push(m);
      summary.memberships.total++;
      if (who.kind === 'group') {
        summary.memberships.groups++;
        sum.groups++;
      } else if (who.kind === 'app') {
        summary.memberships.app++;
        sum.app = true;
      } else if (state === 'INVITED') {
        summary.memberships.invited++;
        sum.invited++;
      } else {
        summary.memberships.joinedPeople++;
        sum.joinedPeople++;
      }
      return m;
    }

    const newSummary = (type: Kind): SpaceSummary => ({
      type,
      joinedPeople: 0,
      invited: 0,
      groups: 0,
      app: false,
      messages: 0,
      deleted: 0,
      threads: 0,
    });

    /** Messages over the last `days` days from the space's joined people (and the app, if it's in). */
    function converse(
      space: SpaceRec,
      sum: SpaceSummary,
      posters: Person[],
      app: boolean,
      count: number,
    ): void {
      const youIn = posters.some((p) => p.id === you.id);
      const others = posters.filter((p) => p.id !== you.id);
      const { start, end } = windowOf(space);
      const times = Array.from({ length: count }, () => rng.int(start, end - 1000)).sort((a, b) => a - b);
      const threaded = space.spaceType === 'SPACE';
      let thread: ThreadRec | undefined;
      let left = 0;
      const starters = new Map<string, MessageRec>();
      let cardNo = 0;
      for (const createTime of times) {
        const fromApp = app && (space.singleUserBotDm ? rng.chance(0.7) : rng.chance(o.appMessageShare));
        const fromYou = !fromApp && youIn && (others.length === 0 || rng.chance(o.yourShare));
        const sender: Principal = fromApp
          ? { kind: 'app' }
          : { kind: 'user', id: fromYou ? you.id : rng.pick(others).id };
        if (!thread || !threaded || left <= 0) {
          let tid = ids.thread();
          while (threadIds.has(`${space.id}/${tid}`)) tid = ids.thread();
          threadIds.add(`${space.id}/${tid}`);
          thread = { space: space.id, id: tid, creator: Store.keyOf(sender) };
          st.threads.push(thread);
          summary.messages.threads++;
          sum.threads++;
          left = threaded ? rng.range(o.threadLength) : 1;
        }
        left--;
        let id = ids.message();
        while (messageIds.has(`${space.id}/${id}`)) id = ids.message();
        messageIds.add(`${space.id}/${id}`);
        const reply = starters.has(thread.id);
        const msg: MessageRec = {
          space: space.id,
          id,
          thread: thread.id,
          threadReply: threaded && reply,
          sender,
          ...(fromApp
            ? rng.chance(0.7)
              ? { cardsV2: [card(++cardNo, space)], fallbackText: `Report ${cardNo}` }
              : { text: `Automated ${rng.pick(TOPICS)} update ${++cardNo}` }
            : { text: rng.pick(LINES) }),
          createTime,
        };
        if (!reply) starters.set(thread.id, msg);
        if (rng.chance(o.deletedShare)) {
          msg.deleteTime = rng.int(createTime + 1000, Math.max(createTime + 1000, now));
          msg.deletionType = deletionOf(sender, space);
        }
        st.messages.push(msg);
        space.lastActiveTime = Math.max(space.lastActiveTime ?? 0, createTime);
        summary.messages.total++;
        summary.messages.first = Math.min(summary.messages.first, createTime);
        summary.messages.last = Math.max(summary.messages.last, createTime);
        if (msg.cardsV2) summary.messages.withCards++;
        if (msg.deleteTime !== undefined) {
          summary.messages.deleted++;
          sum.deleted++;
        } else {
          sum.messages++;
          const key = sender.kind === 'app' ? 'app' : (emailOf.get(sender.id) ?? `users/${sender.id}`);
          summary.messages.bySender[key] = (summary.messages.bySender[key] ?? 0) + 1;
        }
      }
    }

    function deletionOf(sender: Principal, space: SpaceRec): DeletionType {
      if (sender.kind === 'app') return rng.chance(0.5) ? 'CREATOR' : 'SPACE_MEMBER';
      const r = rng.next();
      if (space.spaceType === 'SPACE' && r < 0.25) return 'SPACE_OWNER';
      if (r > 0.9) return 'ADMIN';
      return r > 0.7 ? 'CREATOR_VIA_APP' : 'CREATOR';
    }

    /** A named space: its creator (a person) manages it; `withYou` puts `you` in (as creator or not). `k`:
     *  its place among the plan's named spaces (-1 for one built after the plan). */
    function namedSpace(withYou: boolean, k: number): void {
      const external = externalAt ? externalAt.has(k) : rng.chance(o.externalShare);
      const idle = idleAt?.has(k) === true;
      const space = makeSpace('SPACE', { external, idle });
      const sum = newSummary('SPACE');
      const byYou = withYou && rng.chance(o.madeByYou);
      const creator = byYou ? you : rng.pick(people);
      join(space, sum, { kind: 'user', person: creator, creator: true }, 'ROLE_MANAGER');
      const posters = [creator];
      const taken = new Set<Person>([creator]);
      if (withYou && !byYou) {
        sum.yourRole = rng.chance(0.1)
          ? 'ROLE_MANAGER'
          : rng.chance(0.1)
            ? 'ROLE_ASSISTANT_MANAGER'
            : 'ROLE_MEMBER';
        join(space, sum, { kind: 'user', person: you }, sum.yourRole);
        posters.push(you);
        taken.add(you);
      }
      if (byYou) sum.yourRole = 'ROLE_MANAGER';
      const rest = Math.max(0, rng.range(o.membersPerSpace) - taken.size);
      const groupCount = Math.min(groupIds.length, countOf(rest, o.groupShare));
      const guestCount = external ? Math.min(guests.length, countOf(rest - groupCount, o.invitedShare)) : 0;
      for (const g of rng.sample(groupIds, groupCount)) join(space, sum, { kind: 'group', id: g });
      for (const p of rng.sample(guests, guestCount))
        join(space, sum, { kind: 'user', person: p, invited: true });
      const colleagues = rng.sample(people, rest - groupCount - guestCount, taken);
      for (const p of colleagues) {
        const role: Role = rng.chance(0.05)
          ? 'ROLE_MANAGER'
          : rng.chance(0.05)
            ? 'ROLE_ASSISTANT_MANAGER'
            : 'ROLE_MEMBER';
        join(space, sum, { kind: 'user', person: p }, role);
        posters.push(p);
      }
      const app = rng.chance(o.appShare);
      if (app) join(space, sum, { kind: 'app' });
      const count = rng.range(o.messagesPerSpace);
      // With idle spaces asked for, every other one has been active lately.
      converse(space, sum, posters, app, o.idle && !idle ? Math.max(1, count) : count);
      finish(space, sum, withYou);
      const name = `spaces/${space.id}`;
      summary.named.push(name);
      if (space.externalUserAllowed) summary.external.push(name);
      if (idle) summary.idle.push(name);
    }

    function groupChat(withYou: boolean): void {
      const space = makeSpace('GROUP_CHAT');
      const sum = newSummary('GROUP_CHAT');
      const n = Math.max(2, rng.range(o.othersPerGroupChat));
      const first = withYou ? you : rng.pick(people);
      const others = rng.sample(people, n, new Set([first]));
      join(space, sum, { kind: 'user', person: first, creator: true });
      if (withYou) sum.yourRole = 'ROLE_MEMBER';
      for (const p of others) join(space, sum, { kind: 'user', person: p });
      // Now and then a guest is invited too (never instead of the two joined others a group chat needs).
      if (guests.length && rng.chance(o.invitedShare / 2))
        join(space, sum, { kind: 'user', person: rng.pick(guests), invited: true });
      converse(space, sum, [first, ...others], false, Math.max(1, rng.range(o.messagesPerSpace)));
      finish(space, sum, withYou);
    }

    function directMessage(a: Person, b: Person | 'app'): void {
      const bot = b === 'app';
      const space = makeSpace('DIRECT_MESSAGE', { botDm: bot });
      const sum = newSummary('DIRECT_MESSAGE');
      join(space, sum, { kind: 'user', person: a, creator: true });
      if (bot) join(space, sum, { kind: 'app' });
      else join(space, sum, { kind: 'user', person: b });
      const withYou = a.id === you.id || (!bot && b.id === you.id);
      if (withYou) sum.yourRole = 'ROLE_MEMBER';
      converse(space, sum, bot ? [a] : [a, b], bot, Math.max(1, rng.range(o.messagesPerSpace)));
      finish(space, sum, withYou);
    }

    function finish(space: SpaceRec, sum: SpaceSummary, withYou: boolean): void {
      summary.bySpace[`spaces/${space.id}`] = sum;
      built.set(`spaces/${space.id}`, space);
      if (withYou) {
        summary.spaces.yours[space.spaceType]++;
        if (sum.yourRole === 'ROLE_MANAGER' && space.spaceType === 'SPACE') summary.spaces.managedByYou++;
      } else summary.spaces.notYours++;
    }

    // ---- the workspace ---------------------------------------------------------------------------------
    // Kinds are interleaved (as a real account's spaces would be), deterministically.
    const plan: (() => void)[] = [];
    let namedCount = 0;
    const named = (withYou: boolean) => {
      const k = namedCount++;
      plan.push(() => namedSpace(withYou, k));
    };
    for (let i = 0; i < o.spaces; i++) named(true);
    for (let i = 0; i < o.groupChats; i++) plan.push(() => groupChat(true));
    const dmPartners = rng.sample(
      people.filter((p) => !dmPairs.has(pair(keyOf(you), keyOf(p)))),
      o.directMessages,
    );
    if (dmPartners.length < o.directMessages)
      throw new Error(
        `buildWorkspace: ${o.directMessages} direct messages need as many people without a DM with ${youEmail}; ` +
          `raise "people" (${o.people}).`,
      );
    for (const p of dmPartners) {
      dmPairs.add(pair(keyOf(you), keyOf(p)));
      plan.push(() => directMessage(you, p));
    }
    const youHaveAppDm = dmPairs.has(pair(keyOf(you), 'app'));
    if (o.appDm && !youHaveAppDm) {
      dmPairs.add(pair(keyOf(you), 'app'));
      plan.push(() => directMessage(you, 'app'));
    }
    for (let i = 0; i < o.notYours; i++) {
      const r = rng.next();
      if (r < 0.6) named(false);
      else if (r < 0.85) plan.push(() => groupChat(false));
      else {
        const [a, b] = rng.sample(people, 2);
        if (a && b && !dmPairs.has(pair(keyOf(a), keyOf(b)))) {
          dmPairs.add(pair(keyOf(a), keyOf(b)));
          plan.push(() => directMessage(a, b));
        } else named(false);
      }
    }
    const exactly = (n: number, what: string): Set<number> => {
      if (!Number.isInteger(n) || n < 0 || n > namedCount)
        throw new Error(
          `buildWorkspace: ${what} ${n} of ${namedCount} named spaces; raise "spaces" or "notYours".`,
        );
      return new Set(
        rng.sample(
          Array.from({ length: namedCount }, (_, i) => i),
          n,
        ),
      );
    };
    if (o.externalSpaces !== undefined) externalAt = exactly(o.externalSpaces, 'externalSpaces');
    if (o.idle) idleAt = exactly(o.idle.spaces, 'idle.spaces');
    for (let i = plan.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [plan[i], plan[j]] = [plan[j], plan[i]];
    }
    for (const step of plan) step();

    // The chosen person: in `alsoYours` of `you`'s named spaces and in named spaces `you` are not in.
    if (o.person && personEmail) {
      const alsoYours = o.person.alsoYours ?? 0;
      const person: Person = { email: personEmail, id: store.addUser(personEmail, { external: false }).id };
      const mine = summary.named.filter((n) => summary.bySpace[n].yourRole !== undefined);
      if (mine.length < alsoYours)
        throw new Error(
          `buildWorkspace: person.alsoYours ${alsoYours} needs as many named spaces of yours; raise "spaces" (${o.spaces}).`,
        );
      const notMine = () => summary.named.filter((n) => summary.bySpace[n].yourRole === undefined);
      while (notMine().length < o.person.in - alsoYours) namedSpace(false, -1);
      const yours = rng.sample(mine, alsoYours);
      const others = rng.sample(notMine(), o.person.in - alsoYours);
      const chosen = new Set([...yours, ...others]);
      for (const n of chosen) join(built.get(n) as SpaceRec, summary.bySpace[n], { kind: 'user', person });
      const inOrder = (xs: string[]) => summary.named.filter((n) => xs.includes(n));
      summary.person = {
        email: person.email,
        name: `users/${person.id}`,
        spaces: summary.named.filter((n) => chosen.has(n)),
        yours: inOrder(yours),
        notYours: inOrder(others),
      };
    }

    // What spaces.list returns to `you` (listSpaces: joined; group chats and DMs once they have a message).
    const joined = new Set(
      st.members
        .filter((m) => m.kind === 'user' && m.id === you.id && m.state === 'JOINED')
        .map((m) => m.space),
    );
    summary.listable = st.spaces
      .filter((s) => joined.has(s.id) && (s.spaceType === 'SPACE' || s.lastActiveTime !== undefined))
      .map((s) => `spaces/${s.id}`);
    return summary;
  });

  function countOf(n: number, share: number): number {
    let c = 0;
    for (let i = 0; i < n; i++) if (rng.chance(share)) c++;
    return c;
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const keyOf = (p: Person) => `user:${p.id}`;
const keyOfMember = (m: MemberRec) => (m.kind === 'app' ? 'app' : `${m.kind}:${m.id}`);

function card(n: number, space: SpaceRec): unknown {
  return {
    cardId: `report-${n}`,
    card: {
      header: { title: `Report ${n}`, subtitle: space.displayName ?? 'Direct message' },
      sections: [{ widgets: [{ textParagraph: { text: `Everything is on track (${n}).` } }] }],
    },
  };
}

/**
 * Makes a person a member of the given spaces, straight in the store (no call, no quota): joined, with
 * `role` (default ROLE_MEMBER; group chats take members only) and the clock's now as the membership's time.
 * Named spaces and group chats only (a DM has its two people); a person already in one is left as they are.
 * People outside the organization are invited (INVITED), and only into spaces that allow them, as the
 * emulator adds them. Returns their user name (`users/…`).
 *
 *     addToSpaces(chat, 'leaver@example.com', ws.named.slice(0, 40));
 */
export function addToSpaces(
  chat: ChatEmulator,
  email: string,
  spaces: readonly string[],
  role: Role = 'ROLE_MEMBER',
): string {
  return chat.seed((store) => {
    const user = store.addUser(email);
    const now = chat.clock.now();
    for (const name of spaces) {
      const space = store.space(store.spaceIdOf(name));
      if (space.spaceType === 'DIRECT_MESSAGE')
        throw new Error(`addToSpaces: ${name} is a direct message; it has its two people.`);
      if (user.external && space.spaceType === 'SPACE' && !space.externalUserAllowed)
        throw new Error(`addToSpaces: ${name} doesn't allow people outside the organization.`);
      if (store.memberOf(space.id, { kind: 'user', id: user.id })) continue;
      store.state.members.push({
        space: space.id,
        kind: 'user',
        id: user.id,
        role: space.spaceType === 'SPACE' ? role : 'ROLE_MEMBER',
        state: user.external ? 'INVITED' : 'JOINED',
        createTime: Math.max(now, space.createTime),
      });
    }
    return `users/${user.id}`;
  });
}
