// Lookups over the emulator's state and the JSON Chat answers for each resource.
import { reactionSummaries } from './emoji';
import { ChatError, invalid, notFound } from './errors';
import type { Caller } from './auth';
import type { Ids } from './ids';
import type { PermissionPreset, Role } from './enums';
import type {
  ChatState,
  GroupRec,
  MemberRec,
  MessageRec,
  PermissionSettingRec,
  Principal,
  ReactionRec,
  SpaceRec,
  ThreadRec,
  UserRec,
} from './state';

const iso = (t: number): string => new Date(t).toISOString();

export const GROUP_EMAIL_MESSAGE =
  "Group email addresses aren't accepted as members. Add a Google Group with groupMember.name = groups/{group id}.";

/** Which roles may do what, per predefined setting (Chat's defaults for collaboration and announcement spaces). */
export function presetPermissions(preset: PermissionPreset): Record<string, PermissionSettingRec> {
  const all = (): PermissionSettingRec => ({
    managersAllowed: true,
    assistantManagersAllowed: true,
    membersAllowed: true,
  });
  const managers = (): PermissionSettingRec => ({
    managersAllowed: true,
    assistantManagersAllowed: true,
    membersAllowed: false,
  });
  const announce = preset === 'ANNOUNCEMENT_SPACE';
  return {
    manageMembersAndGroups: announce ? managers() : all(),
    modifySpaceDetails: announce ? managers() : all(),
    toggleHistory: announce ? managers() : all(),
    useAtMentionAll: announce ? managers() : all(),
    manageApps: announce ? managers() : all(),
    manageWebhooks: announce ? managers() : all(),
    postMessages: announce ? managers() : all(),
    replyMessages: all(),
  };
}

type PerSpace = 'members' | 'messages' | 'threads' | 'reactions';

interface SpaceIndex {
  of: { space: string }[];
  length: number;
  last: unknown;
  bySpace: Map<string, { space: string }[]>;
}

export class Store {
  private readonly indexes: Partial<Record<PerSpace, SpaceIndex>> = {};

  constructor(
    readonly state: ChatState,
    readonly ids: Ids,
  ) {}

  /**
   * The records of one space, in the order of the state's list, from an index rebuilt when that list
   * changed: the emulator adds records with `push` (the length and the last record change) and removes them
   * by replacing the list (`filter`), never by editing it in place — keep it so. Lists over a workspace of
   * thousands of spaces would otherwise scan every membership or message of every space per call. The
   * lists handed out are the index's own: read them, never change them.
   */
  private inSpace<K extends PerSpace>(key: K, spaceId: string): Readonly<ChatState[K]> {
    const list = this.state[key] as { space: string }[];
    let ix = this.indexes[key];
    if (!ix || ix.of !== list || ix.length !== list.length || ix.last !== list[list.length - 1]) {
      const bySpace = new Map<string, { space: string }[]>();
      for (const r of list) {
        const xs = bySpace.get(r.space);
        if (xs) xs.push(r);
        else bySpace.set(r.space, [r]);
      }
      ix = this.indexes[key] = { of: list, length: list.length, last: list[list.length - 1], bySpace };
    }
    return (ix.bySpace.get(spaceId) ?? []) as unknown as Readonly<ChatState[K]>;
  }

  membersIn(spaceId: string): readonly MemberRec[] {
    return this.inSpace('members', spaceId);
  }

  messagesIn(spaceId: string): readonly MessageRec[] {
    return this.inSpace('messages', spaceId);
  }

  threadsIn(spaceId: string): readonly ThreadRec[] {
    return this.inSpace('threads', spaceId);
  }

  reactionsIn(spaceId: string): readonly ReactionRec[] {
    return this.inSpace('reactions', spaceId);
  }

  // ---- directory ---------------------------------------------------------------------------------------

  userByEmail(email: string): UserRec | undefined {
    const e = email.toLowerCase();
    return this.state.users.find((u) => u.email === e);
  }

  groupByEmail(email: string): GroupRec | undefined {
    const e = email.toLowerCase();
    return this.state.groups.find((g) => g.email === e);
  }

  addUser(
    email: string,
    opts: { id?: string; displayName?: string; external?: boolean; admin?: boolean } = {},
  ): UserRec {
    const e = email.toLowerCase();
    const existing = this.userByEmail(e);
    if (existing) {
      if (opts.displayName) existing.displayName = opts.displayName;
      if (opts.external !== undefined) existing.external = opts.external;
      if (opts.admin !== undefined) existing.admin = opts.admin;
      return existing;
    }
    const user: UserRec = {
      id: opts.id ?? this.ids.user(),
      email: e,
      displayName: opts.displayName ?? e.split('@')[0],
      // Without a configured domain everyone is a colleague; with one, other domains are external.
      external: opts.external ?? (this.state.domain !== undefined && e.split('@')[1] !== this.state.domain),
      ...(opts.admin !== undefined ? { admin: opts.admin } : {}),
    };
    this.state.users.push(user);
    return user;
  }

  /** `users/{email or id}` → a person (unknown e-mails join the directory), or the app for `users/app` and
   *  the app's own id. Group e-mails are refused as Chat does. */
  resolveUser(name: string): Principal {
    const m = /^users\/(.+)$/.exec(name);
    if (!m) throw invalid(`Invalid user resource name: "${name}". Expected users/{user}.`);
    const key = m[1];
    if (key === 'app' || key === this.state.appUserId) return { kind: 'app' };
    if (key.includes('@')) {
      if (this.groupByEmail(key)) throw invalid(GROUP_EMAIL_MESSAGE);
      return { kind: 'user', id: this.addUser(key).id };
    }
    const user = this.state.users.find((u) => u.id === key);
    if (!user) throw notFound(`User not found: ${name}`);
    return { kind: 'user', id: user.id };
  }

  principalOf(caller: Caller): Principal {
    if (caller.kind === 'user') return { kind: 'user', id: this.addUser(caller.email).id };
    if (caller.kind === 'app') return { kind: 'app' };
    return { kind: 'webhook', id: caller.webhookId };
  }

  /** A stable key for ledgers and thread keys. */
  static keyOf(p: Principal): string {
    return p.kind === 'app' ? 'app' : `${p.kind}:${p.id}`;
  }

  // ---- spaces -------------------------------------------------------------------------------------------

  spaceIdOf(name: unknown): string {
    const m = typeof name === 'string' ? /^spaces\/([^/]+)$/.exec(name) : null;
    if (!m)
      throw invalid(`Invalid space resource name: ${JSON.stringify(name ?? '')}. Expected spaces/{space}.`);
    return m[1];
  }

  space(id: string): SpaceRec {
    const s = this.state.spaces.find((x) => x.id === id);
    if (!s) throw notFound();
    return s;
  }

  memberOf(spaceId: string, p: Principal): MemberRec | undefined {
    return this.membersIn(spaceId).find((m) =>
      p.kind === 'app' ? m.kind === 'app' : p.kind === 'user' && m.kind === 'user' && m.id === p.id,
    );
  }

  /** The space, if the caller may see it: people need a membership (403 otherwise — they can know the space
   *  exists), the app too (404: spaces it isn't in are invisible to it). Webhooks are bound to their space. */
  visibleSpace(id: string, caller: Principal): SpaceRec {
    const s = this.space(id);
    if (caller.kind === 'webhook') return s;
    const m = this.memberOf(id, caller);
    if (!m || m.state !== 'JOINED') throw caller.kind === 'app' ? notFound() : new ChatError(403);
    return s;
  }

  /** Whether the caller's role passes one of the space's permission settings (apps are not restricted here). */
  allowed(space: SpaceRec, caller: Principal, setting: string): boolean {
    if (caller.kind !== 'user' || space.spaceType !== 'SPACE') return true;
    const role: Role | undefined = this.memberOf(space.id, caller)?.role;
    const rule = space.permissionSettings[setting];
    if (!rule || !role) return false;
    return role === 'ROLE_MANAGER'
      ? rule.managersAllowed
      : role === 'ROLE_ASSISTANT_MANAGER'
        ? rule.assistantManagersAllowed
        : rule.membersAllowed;
  }

  deleteSpace(id: string): void {
    const st = this.state;
    st.spaces = st.spaces.filter((s) => s.id !== id);
    st.members = st.members.filter((m) => m.space !== id);
    st.threads = st.threads.filter((t) => t.space !== id);
    st.messages = st.messages.filter((m) => m.space !== id);
    st.reactions = st.reactions.filter((r) => r.space !== id);
    st.uploads = st.uploads.filter((u) => u.space !== id);
    st.webhooks = st.webhooks.filter((w) => w.space !== id);
  }

  spaceJson(s: SpaceRec): Record<string, unknown> {
    let humans = 0;
    let groups = 0;
    for (const m of this.membersIn(s.id))
      if (m.state === 'JOINED') {
        if (m.kind === 'user') humans++;
        else if (m.kind === 'group') groups++;
      }
    const named = s.spaceType === 'SPACE';
    return {
      name: `spaces/${s.id}`,
      type: s.spaceType === 'DIRECT_MESSAGE' ? 'DM' : 'ROOM',
      ...(s.singleUserBotDm ? { singleUserBotDm: true } : {}),
      ...(s.displayName !== undefined ? { displayName: s.displayName } : {}),
      externalUserAllowed: s.externalUserAllowed,
      spaceThreadingState: named ? 'THREADED_MESSAGES' : 'UNTHREADED_MESSAGES',
      ...(s.description !== undefined || s.guidelines !== undefined
        ? {
            spaceDetails: {
              ...(s.description !== undefined ? { description: s.description } : {}),
              ...(s.guidelines !== undefined ? { guidelines: s.guidelines } : {}),
            },
          }
        : {}),
      spaceHistoryState: s.historyState,
      spaceType: s.spaceType,
      // Space (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces#Space): createTime is
      // "only populated in the output when spaceType is GROUP_CHAT or SPACE"; lastActiveTime is the
      // "timestamp of the last message in the space" (set when a message is created, not when one is edited);
      // membershipCount is "populated when the space_type is SPACE, DIRECT_MESSAGE or GROUP_CHAT", its counts
      // of JOINED human users (not the app, not people who are only invited) and groups. A count of zero is
      // left out, as proto3 JSON leaves out default values.
      ...(s.spaceType !== 'DIRECT_MESSAGE' ? { createTime: iso(s.createTime) } : {}),
      ...(s.lastActiveTime ? { lastActiveTime: iso(s.lastActiveTime) } : {}),
      membershipCount: {
        ...(humans ? { joinedDirectHumanUserCount: humans } : {}),
        ...(groups ? { joinedGroupCount: groups } : {}),
      },
      // AccessSettings: accessState DISCOVERABLE when "a space manager has granted a target audience access to
      // the space", PRIVATE otherwise; "Only populated when the space_type is SPACE".
      ...(named
        ? {
            accessSettings: s.audience
              ? { accessState: 'DISCOVERABLE', audience: s.audience }
              : { accessState: 'PRIVATE' },
          }
        : {}),
      spaceUri: `https://mail.google.com/chat/u/0/#chat/${s.spaceType === 'SPACE' ? 'space' : 'dm'}/${s.id}`,
      ...(named ? { permissionSettings: structuredClone(s.permissionSettings) } : {}),
    };
  }

  // ---- memberships ---------------------------------------------------------------------------------------

  memberName(m: MemberRec): string {
    return `spaces/${m.space}/members/${m.kind === 'app' ? this.state.appUserId : m.id}`;
  }

  /** `spaces/S/members/{user id | e-mail | app | group id}` → the membership (404 when there is none). */
  findMember(name: unknown): { space: SpaceRec; member: MemberRec } {
    const m = typeof name === 'string' ? /^spaces\/([^/]+)\/members\/(.+)$/.exec(name) : null;
    if (!m) throw invalid(`Invalid membership resource name: ${JSON.stringify(name ?? '')}.`);
    const space = this.space(m[1]);
    const key = m[2];
    let found: MemberRec | undefined;
    if (key === 'app' || key === this.state.appUserId)
      found = this.membersIn(space.id).find((x) => x.kind === 'app');
    else if (key.includes('@')) {
      const user = this.userByEmail(key);
      found = user && this.membersIn(space.id).find((x) => x.kind === 'user' && x.id === user.id);
    } else found = this.membersIn(space.id).find((x) => x.kind !== 'app' && x.id === key);
    if (!found) throw notFound();
    return { space, member: found };
  }

  memberJson(m: MemberRec): Record<string, unknown> {
    return {
      name: this.memberName(m),
      state: m.state,
      role: m.role,
      ...(m.kind === 'group'
        ? { groupMember: { name: `groups/${m.id}` } }
        : {
            member: {
              name: `users/${m.kind === 'app' ? this.state.appUserId : m.id}`,
              type: m.kind === 'app' ? 'BOT' : 'HUMAN',
            },
          }),
      createTime: iso(m.createTime),
    };
  }

  // ---- messages ------------------------------------------------------------------------------------------

  threadName(t: ThreadRec): string {
    return `spaces/${t.space}/threads/${t.id}`;
  }

  /** `spaces/S/messages/{id | client-…}` → the message (404 when missing or deleted: "messages.get of a
   *  deleted message answers 404 NOT_FOUND"). */
  findMessage(name: unknown): MessageRec {
    const m = typeof name === 'string' ? /^spaces\/([^/]+)\/messages\/([^/]+)$/.exec(name) : null;
    if (!m) throw invalid(`Invalid message resource name: ${JSON.stringify(name ?? '')}.`);
    const msg = this.messagesIn(m[1]).find(
      (x) =>
        x.deleteTime === undefined && (x.id === m[2] || (x.clientId !== undefined && x.clientId === m[2])),
    );
    if (!msg) throw notFound();
    return msg;
  }

  senderJson(p: Principal): Record<string, unknown> {
    if (p.kind === 'user') return { name: `users/${p.id}`, type: 'HUMAN' };
    if (p.kind === 'app')
      return { name: `users/${this.state.appUserId}`, displayName: this.state.appName, type: 'BOT' };
    const hook = this.state.webhooks.find((w) => w.id === p.id);
    return { name: `users/${p.id}`, displayName: hook?.displayName ?? 'Webhook', type: 'BOT' };
  }

  messageJson(msg: MessageRec): Record<string, unknown> {
    const thread = this.threadsIn(msg.space).find((t) => t.id === msg.thread);
    const threadJson = {
      name: `spaces/${msg.space}/threads/${msg.thread}`,
      ...(thread?.key !== undefined ? { threadKey: thread.key } : {}),
    };
    // A deleted message (listed with showDeleted): "Deleted messages include deleted time and metadata about
    // their deletion, but message content is unavailable"
    // (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/list), and the
    // message-deleted event's message has "only the name, createTime, and deletionMetadata fields"
    // (MessageDeletedEventData, https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.spaceEvents).
    // The emulator adds deleteTime (the list page's "deleted time") and the thread and space, which place the
    // message without telling what it said.
    if (msg.deleteTime !== undefined)
      return {
        name: `spaces/${msg.space}/messages/${msg.id}`,
        createTime: iso(msg.createTime),
        deleteTime: iso(msg.deleteTime),
        deletionMetadata: { deletionType: msg.deletionType ?? 'CREATOR' },
        thread: threadJson,
        space: { name: `spaces/${msg.space}` },
      };
    const summaries = reactionSummaries(this, msg);
    return {
      name: `spaces/${msg.space}/messages/${msg.id}`,
      sender: this.senderJson(msg.sender),
      createTime: iso(msg.createTime),
      ...(msg.lastUpdateTime ? { lastUpdateTime: iso(msg.lastUpdateTime) } : {}),
      ...(msg.text !== undefined ? { text: msg.text, formattedText: msg.text, argumentText: msg.text } : {}),
      ...(msg.cardsV2 ? { cardsV2: structuredClone(msg.cardsV2) } : {}),
      ...(msg.accessoryWidgets ? { accessoryWidgets: structuredClone(msg.accessoryWidgets) } : {}),
      ...(msg.fallbackText !== undefined ? { fallbackText: msg.fallbackText } : {}),
      ...(msg.attachment ? { attachment: structuredClone(msg.attachment) } : {}),
      ...(msg.privateViewer !== undefined
        ? { privateMessageViewer: { name: `users/${msg.privateViewer}` } }
        : {}),
      thread: threadJson,
      space: { name: `spaces/${msg.space}` },
      ...(msg.threadReply ? { threadReply: true } : {}),
      ...(summaries.length ? { emojiReactionSummaries: summaries } : {}),
      ...(msg.clientId ? { clientAssignedMessageId: msg.clientId } : {}),
    };
  }

  /** Who may write into a space right now, for tests and the tree. */
  describePrincipal(p: Principal): string {
    if (p.kind === 'app') return `${this.state.appName} [app]`;
    if (p.kind === 'webhook')
      return `${this.state.webhooks.find((w) => w.id === p.id)?.displayName ?? 'webhook'} [webhook]`;
    return this.state.users.find((u) => u.id === p.id)?.email ?? `users/${p.id}`;
  }
}
