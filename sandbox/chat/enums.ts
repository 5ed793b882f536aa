// Enum values the emulator enforces. They are listed by hand because the `@googleapis/chat` declarations
// type every enum field as plain `string` (the values live only in the discovery document, which we must not
// copy). Keep this to the enums the emulator actually checks; names follow the proto types Google quotes in
// its "Invalid value at …" errors.

export interface EnumDef {
  /** The proto type Google names in the 400 message, e.g. `google.chat.v1.Space.SpaceType`. */
  protoType: string;
  values: readonly string[];
}

export const SPACE_TYPE: EnumDef = {
  protoType: 'google.chat.v1.Space.SpaceType',
  values: ['SPACE_TYPE_UNSPECIFIED', 'SPACE', 'GROUP_CHAT', 'DIRECT_MESSAGE'],
};
export const HISTORY_STATE: EnumDef = {
  protoType: 'google.chat.v1.HistoryState',
  values: ['HISTORY_STATE_UNSPECIFIED', 'HISTORY_OFF', 'HISTORY_ON'],
};
export const PREDEFINED_PERMISSION_SETTINGS: EnumDef = {
  protoType: 'google.chat.v1.Space.PredefinedPermissionSettings',
  values: ['PREDEFINED_PERMISSION_SETTINGS_UNSPECIFIED', 'COLLABORATION_SPACE', 'ANNOUNCEMENT_SPACE'],
};
export const MEMBERSHIP_ROLE: EnumDef = {
  protoType: 'google.chat.v1.Membership.MembershipRole',
  values: ['MEMBERSHIP_ROLE_UNSPECIFIED', 'ROLE_MEMBER', 'ROLE_MANAGER', 'ROLE_ASSISTANT_MANAGER'],
};
export const MEMBERSHIP_STATE: EnumDef = {
  protoType: 'google.chat.v1.Membership.MembershipState',
  values: ['MEMBERSHIP_STATE_UNSPECIFIED', 'JOINED', 'INVITED', 'NOT_A_MEMBER'],
};
export const USER_TYPE: EnumDef = {
  protoType: 'google.chat.v1.User.Type',
  values: ['TYPE_UNSPECIFIED', 'HUMAN', 'BOT'],
};
export const MESSAGE_REPLY_OPTION: EnumDef = {
  protoType: 'google.chat.v1.CreateMessageRequest.MessageReplyOption',
  values: [
    'MESSAGE_REPLY_OPTION_UNSPECIFIED',
    'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
    'REPLY_MESSAGE_OR_FAIL',
  ],
};

/** Enum-typed body fields: `Schema$X.field` → its enum. Output-only enums (membership state, the deprecated
 *  `Space.type`) are not here: output-only input is ignored, as Google does. */
export const BODY_ENUMS: Record<string, EnumDef> = {
  'Schema$Space.spaceType': SPACE_TYPE,
  'Schema$Space.spaceHistoryState': HISTORY_STATE,
  'Schema$Space.predefinedPermissionSettings': PREDEFINED_PERMISSION_SETTINGS,
  'Schema$Membership.role': MEMBERSHIP_ROLE,
  'Schema$User.type': USER_TYPE,
};

/** Enum-typed query parameters: `Params$Resource$….param` → its enum. */
export const PARAM_ENUMS: Record<string, EnumDef> = {
  'Params$Resource$Spaces$Messages$Create.messageReplyOption': MESSAGE_REPLY_OPTION,
};

export type SpaceType = 'SPACE' | 'GROUP_CHAT' | 'DIRECT_MESSAGE';
export type HistoryState = 'HISTORY_OFF' | 'HISTORY_ON';
export type PermissionPreset = 'COLLABORATION_SPACE' | 'ANNOUNCEMENT_SPACE';
export type Role = 'ROLE_MEMBER' | 'ROLE_MANAGER' | 'ROLE_ASSISTANT_MANAGER';
export type MembershipState = 'JOINED' | 'INVITED';
export type ReplyOption =
  'MESSAGE_REPLY_OPTION_UNSPECIFIED' | 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' | 'REPLY_MESSAGE_OR_FAIL';
