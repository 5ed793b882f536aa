import { APP_MISSING_ADVICE, explain, isAppMissing } from '../chat/errors';
import type { ChatResult } from '../chat/ops';
import type { Outcome } from '../engine/executor';
import type { Cell } from '../platform/ports';

export const done = (detail: string, outputs?: Record<string, Cell>): Outcome => ({
  status: 'DONE',
  detail,
  outputs,
});

/** A permanent Chat refusal. No Chat app configured will fail every row alike: the outcome says to stop
 *  the run, with the advice a person needs. */
export function refused(result: Extract<ChatResult, { ok: false }>, method: string): Outcome {
  const outcome: Outcome = { status: 'ERROR', detail: explain(result.error, method) };
  if (isAppMissing(result.error)) outcome.stopRun = APP_MISSING_ADVICE;
  return outcome;
}
