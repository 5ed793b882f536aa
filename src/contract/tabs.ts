// The tabs and columns of PRODUCT.md, as data: setUpSheets, the readers and the validators all use this.

export type TabName = 'Spaces' | 'Members' | 'Messages' | 'Webhooks' | 'Log';

export interface ColumnSpec {
  /** Header as setUpSheets writes it. */
  header: string;
  /** 'in' columns are the user's; the tool writes only 'out' columns. */
  io: 'in' | 'out';
  required?: boolean;
  /** Allowed values (dropdown); PRODUCT.md says which is taken when the cell is blank. */
  values?: readonly string[];
  /** Note shown on the header cell. */
  note: string;
  /** An input column the tool may write too (a generated Key, a redacted webhook URL, a Role an import
   *  refreshes): only where the cell still holds what the run read. */
  toolWrites?: boolean;
  /** The column's number format: times read the same way on every tab and in the run ids. */
  format?: string;
}

export interface TabSpec {
  name: TabName;
  columns: readonly ColumnSpec[];
  /** The input columns that name a row. People insert, delete and sort rows while a run works, so a
   *  result is written to the row that holds this identity when it is written, never by position. */
  identity: readonly string[];
  /** The tab is read with display values too (templates fill in what the cells show). */
  display?: boolean;
}

/** How times show, in the spreadsheet's time zone: the same format as the Log's run ids. */
export const DATE_TIME = 'yyyy-mm-dd hh:mm:ss';

const status = (what: string): ColumnSpec[] => [
  {
    header: 'Status',
    io: 'out',
    note: `Written by the tool: blank = pending, DONE, ERROR, INVALID, WAITING, RETRY… Clear it to ${what} again.`,
  },
  { header: 'Detail', io: 'out', note: 'Written by the tool: what happened to this row, or what to fix.' },
];

export const SPACES: TabSpec = {
  name: 'Spaces',
  identity: ['Key'],
  columns: [
    {
      header: 'Key',
      io: 'in',
      required: true,
      note: 'Your unique name for the space; Members and Messages refer to it.',
    },
    {
      header: 'Display name',
      io: 'in',
      note: 'Name of the space in Chat. Required for SPACE; at most 128 characters.',
    },
    {
      header: 'Type',
      io: 'in',
      values: ['SPACE', 'GROUP_CHAT', 'DIRECT_MESSAGE'],
      note: 'SPACE (default), GROUP_CHAT or DIRECT_MESSAGE. Group chats and DMs take their members from the Members tab.',
    },
    { header: 'Description', io: 'in', note: 'At most 150 characters.' },
    { header: 'Guidelines', io: 'in', note: 'Rules of the space; at most 5000 characters.' },
    {
      header: 'External users',
      io: 'in',
      values: ['TRUE', 'FALSE'],
      note: 'TRUE lets people outside your organisation join. Fixed once the space exists.',
    },
    { header: 'History', io: 'in', values: ['ON', 'OFF'], note: 'Conversation history ON or OFF.' },
    {
      header: 'Permissions',
      io: 'in',
      values: ['COLLABORATION', 'ANNOUNCEMENT'],
      note: 'COLLABORATION (everyone posts) or ANNOUNCEMENT (only managers post). UPDATE applies its settings except who may post, which Chat fixes at creation.',
    },
    {
      header: 'Members mode',
      io: 'in',
      values: ['ADD', 'EXACT'],
      note: 'ADD (default): only add listed members. EXACT: a Members sync also removes members not listed for this space (never you, never apps).',
    },
    {
      header: 'Audience',
      io: 'in',
      note: 'Who can find the space: blank = private (only people added; UPDATE leaves it as it is), ORG = everyone in your organisation, or an audiences/… name (a target audience). SPACE only.',
    },
    {
      header: 'As',
      io: 'in',
      values: ['USER', 'ADMIN'],
      note: 'USER (default) or ADMIN: act with your Google Workspace administrator privilege (useAdminAccess), on spaces you are not in. ADMIN can update (not History, Audience or the type) and delete, not create.',
    },
    {
      header: 'Action',
      io: 'in',
      values: ['CREATE', 'UPDATE', 'DELETE'],
      note: 'Blank = CREATE. UPDATE changes the fields you fill in. DELETE removes the space (asks first).',
    },
    { header: 'Space', io: 'out', note: 'Written by the tool: the space resource name, spaces/…' },
    { header: 'Link', io: 'out', note: 'Written by the tool: link to open the space in Chat.' },
    {
      header: 'Members',
      io: 'out',
      note: 'Written by imports: how many people joined the space, as Chat counts them.',
    },
    {
      header: 'Last active',
      io: 'out',
      format: DATE_TIME,
      note: 'Written by imports: when the space last saw activity.',
    },
    {
      header: 'Created',
      io: 'out',
      format: DATE_TIME,
      note: 'Written by imports: when the space was created.',
    },
    ...status('process the row'),
    {
      header: 'Updated',
      io: 'out',
      format: DATE_TIME,
      note: 'Written by the tool: when the row was last processed.',
    },
  ],
};

export const MEMBERS: TabSpec = {
  name: 'Members',
  identity: ['Space', 'Member'],
  columns: [
    {
      header: 'Space',
      io: 'in',
      required: true,
      note: 'A Spaces key, a space resource name spaces/…, or the space’s Chat URL.',
    },
    {
      header: 'Member',
      io: 'in',
      required: true,
      note: 'An e-mail, users/…, groups/<id> (not a group e-mail), or app for the Chat app.',
    },
    {
      header: 'Role',
      io: 'in',
      values: ['MEMBER', 'MANAGER', 'ASSISTANT_MANAGER'],
      // Imports refresh it on settled rows (DONE, nothing else to do), never where a person typed since.
      toolWrites: true,
      note: 'MEMBER (default), MANAGER (Owner in Chat) or ASSISTANT_MANAGER (Manager in Chat).',
    },
    {
      header: 'As',
      io: 'in',
      values: ['USER', 'ADMIN'],
      note: 'USER (default) or ADMIN: act with your Google Workspace administrator privilege (useAdminAccess), in spaces you are not in. Not for the Chat app, groups, or people outside your organisation.',
    },
    {
      header: 'Action',
      io: 'in',
      values: ['ADD', 'REMOVE', 'ROLE'],
      note: 'Blank = ADD. REMOVE takes the member out; ROLE only changes the role.',
    },
    {
      header: 'Membership',
      io: 'out',
      note: 'Written by the tool: the membership resource name, spaces/…/members/…',
    },
    { header: 'State', io: 'out', note: 'Written by the tool: JOINED, INVITED… as Chat reports it.' },
    ...status('process the row'),
    {
      header: 'Updated',
      io: 'out',
      format: DATE_TIME,
      note: 'Written by the tool: when the row was last processed.',
    },
  ],
};

export const MESSAGES: TabSpec = {
  name: 'Messages',
  identity: ['Key'],
  display: true,
  columns: [
    {
      header: 'Key',
      io: 'in',
      toolWrites: true,
      note: 'Unique per tab; blank = the tool fills one in. It makes sending idempotent. To send again on purpose, clear Status and Key.',
    },
    {
      header: 'Space',
      io: 'in',
      note: 'A Spaces key, spaces/… or a Chat URL. Exactly one of Space or Webhook.',
    },
    { header: 'Webhook', io: 'in', note: 'An alias from the Webhooks tab. Exactly one of Space or Webhook.' },
    {
      header: 'Text',
      io: 'in',
      note: 'Message text. {{Column header}} is replaced by that column’s value in this row.',
    },
    {
      header: 'Card',
      io: 'in',
      note: 'Card JSON (a card, a cardsV2 entry, an array of them, or {"cardsV2": […]}). Placeholders allowed in strings.',
    },
    { header: 'Thread key', io: 'in', note: 'Reply into, or start, the thread with this key.' },
    {
      header: 'Reply option',
      io: 'in',
      values: ['FALLBACK_TO_NEW_THREAD', 'REPLY_OR_FAIL'],
      note: 'FALLBACK_TO_NEW_THREAD (default with a thread key) or REPLY_OR_FAIL.',
    },
    {
      header: 'Send at',
      io: 'in',
      note: 'A date-time. Later than now: the row waits (SCHEDULED) and the schedule sends it.',
    },
    {
      header: 'As',
      io: 'in',
      values: ['USER', 'APP'],
      note: 'USER (default) or APP (the Chat app; needed for cards through the Chat API).',
    },
    {
      header: 'Attachment',
      io: 'in',
      note: 'A Google Drive file (URL or id) attached to the message. As USER only, not through a webhook; at most 50 MB (a Google Docs file goes as PDF).',
    },
    {
      header: 'Visible to',
      io: 'in',
      note: 'One person (e-mail or users/…) who alone sees this message in the space. As APP only, named spaces only, no attachment.',
    },
    {
      header: 'Action',
      io: 'in',
      values: ['SEND', 'UPDATE', 'DELETE'],
      note: 'Blank = SEND. UPDATE edits a sent message; DELETE removes it.',
    },
    { header: 'Message', io: 'out', note: 'Written by the tool: the message resource name.' },
    { header: 'Thread', io: 'out', note: 'Written by the tool: the thread resource name.' },
    {
      header: 'From',
      io: 'out',
      note: 'Written by imports: who sent the message (users/…); only your own messages can be edited or deleted.',
    },
    {
      header: 'Reactions',
      io: 'out',
      note: 'Written by Refresh messages: the reactions as Chat counts them, e.g. 👍 12 · 🎉 3.',
    },
    { header: 'Replies', io: 'out', note: 'Written by Refresh messages: messages in its thread after it.' },
    {
      header: 'Acknowledged',
      io: 'out',
      note: 'Written by Refresh messages: how many people reacted to it or replied in its thread.',
    },
    {
      header: 'Not yet',
      io: 'out',
      note: 'Written by Refresh messages: the space’s members who did neither (spaces up to 200 members). Follow up mentions them.',
    },
    ...status('send the row'),
    { header: 'Sent', io: 'out', format: DATE_TIME, note: 'Written by the tool: when the row was sent.' },
  ],
};

export const WEBHOOKS: TabSpec = {
  name: 'Webhooks',
  identity: ['Alias'],
  columns: [
    {
      header: 'Alias',
      io: 'in',
      required: true,
      note: 'The name Messages rows use in their Webhook column.',
    },
    {
      header: 'URL',
      io: 'in',
      toolWrites: true,
      note: 'Paste the incoming-webhook URL. The next run stores it outside the sheet and hides its key and token here.',
    },
    ...status('process the row'),
  ],
};

const LOG_NOTES: Record<string, string> = {
  Time: 'when the call was made.',
  Run: 'the run it belongs to.',
  Tab: 'the tab of the row.',
  Row: 'the row number.',
  Action: 'the Chat method or webhook post.',
  Target: 'the space, member or message it was about.',
  Result: 'OK, or the error status.',
  HTTP: 'the HTTP status code.',
  Detail: 'what Chat said, in plain words.',
  Ms: 'how long the call took, in milliseconds.',
};

export const LOG: TabSpec = {
  name: 'Log',
  identity: [],
  columns: ['Time', 'Run', 'Tab', 'Row', 'Action', 'Target', 'Result', 'HTTP', 'Detail', 'Ms'].map(
    (header): ColumnSpec => ({
      header,
      io: 'out',
      note: `Written by the tool: ${LOG_NOTES[header]}`,
      ...(header === 'Time' ? { format: DATE_TIME } : {}),
    }),
  ),
};

export const TABS: readonly TabSpec[] = [SPACES, MEMBERS, MESSAGES, WEBHOOKS, LOG];
