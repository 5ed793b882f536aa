import { APP_MISSING_ADVICE, explain, isAppMissing } from '../chat/errors';
import type { ChatResult } from '../chat/ops';
import type { Outcome } from '../engine/executor';
import type { Run } from '../engine/run';
import type { Cell } from '../platform/ports';

export const done = (detail: string, outputs?: Record<string, Cell>): Outcome => ({
  status: 'DONE',
  detail,
  outputs,
});

/** A permanent Chat refusal. No Chat app configured will fail every row alike: the run stops and says so. */
export function refused(run: Run, result: Extract<ChatResult, { ok: false }>, method: string): Outcome {
  if (isAppMissing(result.error)) {
    run.problems.add(APP_MISSING_ADVICE);
    run.stopOnProblem = true;
  }
  return { status: 'ERROR', detail: explain(result.error, method) };
}
