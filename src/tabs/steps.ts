// The tabs jobs work through, as steps. A tab is a file beside this one (a Tab<R>: see engine/step.ts)
// and its columns in contract/tabs.ts, whose TabName makes TypeScript ask for its entry here.
import type { TabName } from '../contract/tabs';
import { step, type Step } from '../engine/step';
import { membersTab } from './members';
import { messagesTab } from './messages';
import { followUpStep } from './follow-up';
import { refreshMessagesStep } from './refresh-messages';
import { spacesTab } from './spaces';
import { webhooksTab } from './webhooks';

/** Every tab a run processes, by name (the Log is only written to). */
export const TAB_STEPS: Readonly<Record<Exclude<TabName, 'Log'>, Step>> = {
  Webhooks: step(webhooksTab),
  Spaces: step(spacesTab),
  Members: step(membersTab),
  Messages: step(messagesTab),
};

/** Selected Messages rows may use a webhook whose URL was pasted a moment ago: this step stores such
 *  URLs (and only those) first — in checks too, since a secret must not stay in the sheet. */
export const PASTED_WEBHOOKS: Step = step(webhooksTab, { freshOnly: true });

/** Refresh messages: reads back the Messages tab's DONE rows. */
export const REFRESH_MESSAGES: Step = refreshMessagesStep;

/** The step for a tab a person selected rows on; none for other sheets (the Log, their own). */
export function stepFor(sheet: string): Step | undefined {
  return Object.values(TAB_STEPS).find((s) => s.spec.name === sheet);
}

/** Follow up: a reply row for each selected DONE Messages row, mentioning its Not yet. */
export const FOLLOW_UP: Step = followUpStep;
