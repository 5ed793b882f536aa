// The emulator's whole state as plain JSON-able records (so `toJSON`/`fromJSON` are a structured copy).
import type { HistoryState, MembershipState, PermissionPreset, Role, SpaceType } from './enums';

export interface UserRec {
  id: string;
  email: string;
  displayName: string;
  /** Outside the emulated Workspace domain: added as INVITED, refused in spaces that don't allow externals. */
  external: boolean;
  /** A Google Workspace administrator with the "Manage Chat and spaces conversations" privilege, which
   *  `useAdminAccess=true` needs (admin.ts). Unset: not said either way — not an administrator, except the
   *  sandbox's runner, whom the Sandbox makes one (`ChatEmulator.registerRunner`). */
  admin?: boolean;
}

export interface GroupRec {
  id: string;
  email: string;
}

/** Who a member, a sender or a thread creator is. `app` is the project's Chat app. */
export type Principal = { kind: 'user'; id: string } | { kind: 'app' } | { kind: 'webhook'; id: string };

export interface PermissionSettingRec {
  managersAllowed: boolean;
  assistantManagersAllowed: boolean;
  membersAllowed: boolean;
}

export interface SpaceRec {
  id: string;
  spaceType: SpaceType;
  displayName?: string;
  description?: string;
  guidelines?: string;
  externalUserAllowed: boolean;
  historyState: HistoryState;
  preset: PermissionPreset;
  permissionSettings: Record<string, PermissionSettingRec>;
  /** `accessSettings.audience` (`audiences/…`): who can discover the space; unset = private. */
  audience?: string;
  singleUserBotDm: boolean;
  createTime: number;
  lastActiveTime?: number;
}

export interface MemberRec {
  space: string;
  /** `user`/`app` members and `group` memberships. */
  kind: 'user' | 'app' | 'group';
  /** user id, group id, or the app's user id. */
  id: string;
  role: Role;
  state: MembershipState;
  createTime: number;
}

export interface ThreadRec {
  space: string;
  id: string;
  /** `threadKey`s are scoped to their creator (a webhook and a user with the same key get two threads). */
  key?: string;
  creator: string;
}

export interface MessageRec {
  space: string;
  id: string;
  clientId?: string;
  thread: string;
  threadReply: boolean;
  sender: Principal;
  text?: string;
  cardsV2?: unknown[];
  accessoryWidgets?: unknown[];
  fallbackText?: string;
  /** Attachments as the Message JSON shows them (`Attachment` resources: name, contentName, contentType,
   *  attachmentDataRef, source…), made from uploads (media.upload) when the message was created. */
  attachment?: unknown[];
  /** `privateMessageViewer`: the user id of the only person who sees the message (besides the app). */
  privateViewer?: string;
  createTime: number;
  lastUpdateTime?: number;
  /** Set when the message is deleted: Chat keeps it, hidden from get and from list unless showDeleted. */
  deleteTime?: number;
  deletionType?: DeletionType;
}

/** Who deleted a message (Message.deletionMetadata.deletionType). */
export type DeletionType =
  | 'CREATOR'
  | 'SPACE_OWNER'
  | 'ADMIN'
  | 'APP_MESSAGE_EXPIRY'
  | 'CREATOR_VIA_APP'
  | 'SPACE_OWNER_VIA_APP'
  | 'SPACE_MEMBER';

/** A file uploaded with media.upload: its bytes are not kept, only what Chat shows of them and a digest. */
export interface UploadRec {
  space: string;
  /** `attachmentDataRef.resourceName` (what media.download would take). */
  resourceName: string;
  /** `attachmentDataRef.attachmentUploadToken`: what messages.create takes to attach the file. */
  token: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** The uploader's user id. */
  uploader: string;
  createTime: number;
  /** The message it was attached to (a token attaches once). */
  usedBy?: string;
}

/** A reaction to a message (spaces.messages.reactions): one per person, message and emoji. */
export interface ReactionRec {
  space: string;
  message: string;
  id: string;
  /** The reacting person's user id. */
  user: string;
  /** `{unicode}` or the uid of a custom emoji (customEmojis in ChatState). */
  emoji: { unicode: string } | { customEmojiUid: string };
  createTime: number;
}

/** A custom emoji of the organization (https://support.google.com/chat/answer/12800149). */
export interface CustomEmojiRec {
  id: string;
  uid: string;
  /** `:name:` */
  emojiName: string;
}

export interface WebhookRec {
  id: string;
  space: string;
  displayName: string;
  token: string;
}

export interface ServiceAccountRec {
  clientEmail: string;
  clientId: string;
  projectId: string;
  privateKeyId: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface TokenRec {
  /** A user token's `scopes` are those it was granted (the script's manifest `oauthScopes`); without them
   *  the token is not restricted (Apps Script's automatic scope detection, or a test's own token). */
  principal:
    | { kind: 'user'; email: string; scopes?: string[] }
    | { kind: 'app'; clientEmail: string; scopes: string[] };
  expires: number;
}

export interface LedgerRec {
  /** The caller that first used the request id (same id from another caller is refused). */
  caller: string;
  resource: string;
}

export interface ChatState {
  /** The Workspace domain; when set, people of other domains are external. */
  domain?: string;
  appName: string;
  appUserId: string;
  appConfigured: boolean;
  apiKey: string;
  rng: number;
  users: UserRec[];
  groups: GroupRec[];
  spaces: SpaceRec[];
  members: MemberRec[];
  threads: ThreadRec[];
  messages: MessageRec[];
  /** Uploads, reactions and custom emojis (a state saved before they were modelled gets empty lists). */
  uploads: UploadRec[];
  reactions: ReactionRec[];
  customEmojis: CustomEmojiRec[];
  webhooks: WebhookRec[];
  serviceAccounts: ServiceAccountRec[];
  tokens: Record<string, TokenRec>;
  /** `<scope>|<request id>` → what it made. */
  ledger: Record<string, LedgerRec>;
  /** Write times per rate-limit window key (space ids, `project:messages`…), pruned as they age out. */
  windows: Record<string, number[]>;
}
