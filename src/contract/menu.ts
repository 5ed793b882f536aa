/** The Chat menu: every entry point of PRODUCT.md but the trigger handlers, and the Preview message
 *  sidebar. */
export const MENU_TITLE = 'Chat';

export type MenuEntry = { caption: string; fn: string } | 'separator';

export const MENU: readonly MenuEntry[] = [
  { caption: 'Set up sheets', fn: 'setUpSheets' },
  { caption: 'Check rows (dry run)', fn: 'checkRows' },
  { caption: 'Preview message', fn: 'previewMessage' },
  'separator',
  { caption: 'Sync spaces', fn: 'syncSpaces' },
  { caption: 'Sync members', fn: 'syncMembers' },
  { caption: 'Send messages', fn: 'sendMessages' },
  { caption: 'Run all', fn: 'runAll' },
  { caption: 'Run selected rows', fn: 'runSelectedRows' },
  { caption: 'Refresh messages', fn: 'refreshMessages' },
  { caption: 'Follow up', fn: 'followUp' },
  'separator',
  { caption: 'Import spaces', fn: 'importSpaces' },
  { caption: 'Import members of selected spaces', fn: 'importMembers' },
  { caption: 'Import messages of selected spaces', fn: 'importMessages' },
  { caption: 'Find a person’s spaces', fn: 'findPersonSpaces' },
  'separator',
  { caption: 'Enable schedule', fn: 'enableSchedule' },
  { caption: 'Disable schedule', fn: 'disableSchedule' },
  { caption: 'Set up app authentication', fn: 'setUpAppAuth' },
];

/** Entry points Apps Script calls itself: the simple trigger, the schedule and the one-off continuation. */
export const TRIGGER_ENTRY_POINTS = ['onOpen', 'onSchedule', 'continueRun'] as const;

/** Every global function of the bundle that a person or a trigger starts. */
export const ENTRY_POINTS: readonly string[] = [
  ...TRIGGER_ENTRY_POINTS,
  ...MENU.flatMap((m) => (m === 'separator' ? [] : [m.fn])),
];
