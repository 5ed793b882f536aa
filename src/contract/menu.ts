/** The Chat menu: every entry point of PRODUCT.md but onOpen, onSchedule and continueRun, and the
 *  Preview message sidebar. */
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
  'separator',
  { caption: 'Enable schedule', fn: 'enableSchedule' },
  { caption: 'Disable schedule', fn: 'disableSchedule' },
  { caption: 'Set up app authentication', fn: 'setUpAppAuth' },
];
