import { ADMIN_ADVICE, APP_MISSING_ADVICE, explain, isAppMissing } from '../chat/errors';
import type { ChatResult } from '../chat/ops';
import type { Outcome } from '../engine/executor';
import type { Cell } from '../platform/ports';

export const done = (detail: string, outputs?: Record<string, Cell>): Outcome => ({
  status: 'DONE',
  detail,
  outputs,
});

/** A permanent Chat refusal. No Chat app configured, or no admin privilege for a call made with admin
 *  access (`admin`), will fail every such row alike: the outcome says to stop the run, with the advice a
 *  person needs. */
export function refused(result: Extract<ChatResult, { ok: false }>, method: string, admin = false): Outcome {
  if (admin && result.error.code === 403)
    return { status: 'ERROR', detail: ADMIN_ADVICE, stopRun: ADMIN_ADVICE };
  const outcome: Outcome = { status: 'ERROR', detail: explain(result.error, method) };
  if (isAppMissing(result.error)) outcome.stopRun = APP_MISSING_ADVICE;
  return outcome;
}
