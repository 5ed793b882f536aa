// Refresh messages: reads back the Messages tab's DONE rows from Chat. Kept apart from messages.ts (the
// sending half) so the two grow without getting in each other's way.
import { MESSAGES } from '../contract/tabs';
import { call, op, type Auth } from '../chat/ops';
import type { Tab } from '../engine/step';
import { describeTime } from '../messages/send-at';
import { cellText } from './fields';
import { done, refused } from './outcomes';

const outputs = (m: ChatV1.Message): Record<string, string> => ({
  Message: m.name ?? '',
  Thread: m.thread?.name ?? '',
});

/** refreshMessages: reads back DONE rows' messages and records the ones deleted in Chat. */
export const refreshTab: Tab<{ name: string; auth: Auth; detail: string }> = {
  spec: MESSAGES,
  stamp: null,
  open: (run) => ({
    plan(row) {
      const name = cellText(row.get('Message'));
      if (!/^spaces\/[^/]+\/messages\/.+/.test(name)) return { kind: 'skip' };
      const as = cellText(row.get('As')).toUpperCase() === 'APP' ? 'app' : 'user';
      return {
        kind: 'ready',
        record: { name, auth: as, detail: cellText(row.get('Detail')) },
        preview: `read back ${name}.`,
      };
    },
    *task(rec) {
      const got = yield* call(op.getMessage(rec.name, rec.auth));
      if (got.ok) return done(rec.detail, outputs(got.body));
      const when = describeTime(
        new Date(run.env.clock.now()),
        run.env.workbook.timeZone,
        run.env.calendar.format,
      );
      if (got.error.code === 404) return done(`Deleted in Chat (found by Refresh messages, ${when}).`);
      return refused(got, 'spaces.messages.get');
    },
  }),
};
