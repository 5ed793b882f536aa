// processTab (src/engine/step.ts) on the real Messages tab, through the fake Env of
// test/support/fake-world.ts: what reaches the fake sheet, when, and which Chat calls leave. Spaces are
// given as spaces/… names and webhooks are stored in the fake script properties, so no other tab is needed.
import { MESSAGES } from '../../src/contract/tabs';
import { Run } from '../../src/engine/run';
import { processTab, runStep, type StepOptions } from '../../src/engine/step';
import { messagesTab } from '../../src/tabs/messages';
import { TAB_STEPS } from '../../src/tabs/steps';
import { ok } from '../support/fake-env';
import { fakeWorld, type FakeWorld } from '../support/fake-world';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOOK_URL = 'https://chat.googleapis.com/v1/spaces/HOOK/messages?key=k-secret&token=t-secret';
const UNCERTAIN_DETAIL =
  'A webhook post was in flight when an earlier run ended: check the space; clear Status and Key to send it again.';

type Line = Record<string, string>;

/** A world whose Messages tab holds `rows`, with the webhook alias "team" stored. */
function world(rows: Line[]): FakeWorld {
  const w = fakeWorld({ start: T0 });
  w.store.set('sheets-to-chat.webhook.team', HOOK_URL);
  w.workbook.add(MESSAGES, rows, ['Notes']);
  return w;
}

/** Processes the Messages tab in one run and writes back, as a job would. */
function processMessages(w: FakeWorld, opts: StepOptions = { check: false }) {
  const run = new Run(w.env);
  run.check = opts.check;
  const counts = processTab(run, messagesTab, opts);
  run.flush();
  return { run, counts };
}

const sheet = (w: FakeWorld) => w.workbook.tab('Messages')!;
/** Chosen cells of each row. */
const cells = (w: FakeWorld, ...headers: string[]): string[][] =>
  sheet(w)
    .rows()
    .map((r) =>
      headers.map((h) => {
        const v = r[h];
        return v instanceof Date ? v.toISOString() : String(v);
      }),
    );
const targets = (w: FakeWorld) => w.chat.calls.map((c) => `${c.op.method} ${c.op.label ?? c.op.path ?? ''}`);

describe('processTab on Messages: SENDING rows', () => {
  it('a row left SENDING becomes UNCERTAIN with its Detail and is never posted; the others go', () => {
    const w = world([
      { Key: 'a', Webhook: 'team', Text: 'A', Status: 'SENDING', Detail: 'Posting…', Notes: 'id:a' },
      { Key: 'b', Space: 'spaces/S', Text: 'B', Notes: 'id:b' },
      { Key: 'c', Webhook: 'team', Text: 'C', Status: ' sending ', Notes: 'id:c' },
    ]);
    const { counts } = processMessages(w);
    expect(cells(w, 'Notes', 'Status', 'Detail', 'Sent')).toEqual([
      // Sent is when a row went to Chat: this run sent b only.
      ['id:a', 'UNCERTAIN', UNCERTAIN_DETAIL, ''],
      ['id:b', 'DONE', 'Sent to spaces/S.', new Date(T0).toISOString()],
      ['id:c', 'UNCERTAIN', UNCERTAIN_DETAIL, ''],
    ]);
    expect(targets(w)).toEqual(['spaces.messages.create spaces/S']);
    expect(w.chat.to(HOOK_URL)).toEqual([]);
    expect(counts).toEqual({ UNCERTAIN: 2, DONE: 1 });
  });

  it('the schedule (RETRY, WAITING, SCHEDULED rows) turns it UNCERTAIN too; a selection only if selected', () => {
    const w = world([
      { Key: 'a', Webhook: 'team', Text: 'A', Status: 'SENDING', Notes: 'id:a' },
      { Key: 'b', Webhook: 'team', Text: 'B', Status: 'SENDING', Notes: 'id:b' },
    ]);
    processMessages(w, { check: false, rows: new Set([3]) });
    expect(cells(w, 'Notes', 'Status')).toEqual([
      ['id:a', 'SENDING'],
      ['id:b', 'UNCERTAIN'],
    ]);
    processMessages(w, { check: false, statuses: new Set(['RETRY', 'WAITING', 'SCHEDULED']) });
    expect(cells(w, 'Notes', 'Status')).toEqual([
      ['id:a', 'UNCERTAIN'],
      ['id:b', 'UNCERTAIN'],
    ]);
    expect(w.chat.calls).toEqual([]);
  });

  it('a check leaves a SENDING row as it is', () => {
    const w = world([{ Key: 'a', Webhook: 'team', Text: 'A', Status: 'SENDING', Detail: 'Posting…' }]);
    const { counts } = processMessages(w, { check: true });
    expect(cells(w, 'Status', 'Detail', 'Sent')).toEqual([['SENDING', 'Posting…', '']]);
    expect(counts).toEqual({});
    expect(w.chat.calls).toEqual([]);
  });
});

describe('processTab on Messages: webhook posts', () => {
  it('the SENDING mark is on the sheet before the post leaves, and DONE replaces it after', () => {
    const w = world([
      { Key: 'a', Webhook: 'team', Text: 'Hello {{Notes}}', Notes: 'id:a' },
      { Key: 'b', Space: 'spaces/S', Text: 'B', Notes: 'id:b' },
    ]);
    w.chat.answer(
      HOOK_URL,
      ok({ name: 'spaces/HOOK/messages/m1', thread: { name: 'spaces/HOOK/threads/t1' } }),
    );
    const seen: string[][][] = [];
    const sheetCalls = sheet(w).calls;
    const before = sheetCalls.length;
    let firstCall = -1;
    w.chat.onCall = (sent) => {
      if (firstCall < 0) firstCall = sheetCalls.length;
      for (const s of sent) seen.push([[s.op.method], ...cells(w, 'Notes', 'Status', 'Detail')]);
    };
    processMessages(w);
    // One wave with both rows: the webhook row says SENDING when it leaves, the Chat API row (whose
    // create is idempotent) is not marked.
    expect(seen).toEqual([
      [['webhook.post'], ['id:a', 'SENDING', 'Posting…'], ['id:b', '', '']],
      [['spaces.messages.create'], ['id:a', 'SENDING', 'Posting…'], ['id:b', '', '']],
    ]);
    expect(w.chat.waves.map((x) => x.calls.map((c) => c.op.method))).toEqual([
      ['webhook.post', 'spaces.messages.create'],
    ]);
    // The mark was written (and checked) before the wave left.
    expect(sheetCalls.slice(before, firstCall).some((c) => c.startsWith('write'))).toBe(true);
    expect(cells(w, 'Notes', 'Status', 'Detail', 'Message', 'Thread')).toEqual([
      ['id:a', 'DONE', 'Posted through webhook team.', 'spaces/HOOK/messages/m1', 'spaces/HOOK/threads/t1'],
      ['id:b', 'DONE', 'Sent to spaces/S.', 'spaces/S/x', ''],
    ]);
    expect(w.chat.to(HOOK_URL).map((c) => c.op.body)).toEqual([{ text: 'Hello id:a' }]);
  });

  it('a post that gets no answer is UNCERTAIN, not posted again', () => {
    const w = world([{ Key: 'a', Webhook: 'team', Text: 'A' }]);
    w.chat.answer(HOOK_URL, {
      ok: false,
      status: 0,
      error: { code: 0, status: 'UNKNOWN', message: 'Timeout' },
    });
    processMessages(w);
    expect(w.chat.to(HOOK_URL)).toHaveLength(1);
    expect(cells(w, 'Status', 'Detail')).toEqual([
      [
        'UNCERTAIN',
        'No answer from Chat for the webhook post (Timeout): check the space; clear Status and Key to post again.',
      ],
    ]);
  });
});

describe('processTab on Messages: Status words', () => {
  it('a Status the tool does not know is taken as pending; known ones in any case and spacing are not', () => {
    const w = world([
      { Key: 'a', Space: 'spaces/S', Text: 'A', Status: 'on hold', Notes: 'id:a' },
      { Key: 'b', Space: 'spaces/S', Text: 'B', Status: ' done ', Notes: 'id:b' },
      { Key: 'c', Space: 'spaces/S', Text: 'C', Status: 'Error', Notes: 'id:c' },
      { Key: 'd', Space: 'spaces/S', Text: 'D', Status: 'retry', Notes: 'id:d' },
    ]);
    const { counts } = processMessages(w);
    expect(cells(w, 'Notes', 'Status', 'Detail')).toEqual([
      ['id:a', 'DONE', 'Sent to spaces/S.'],
      ['id:b', ' done ', ''],
      ['id:c', 'Error', ''],
      ['id:d', 'DONE', 'Sent to spaces/S.'],
    ]);
    expect(w.chat.calls.map((c) => c.op.body)).toEqual([{ text: 'A' }, { text: 'D' }]);
    expect(counts).toEqual({ DONE: 2 });
  });

  it('only the statuses a job asks for are taken: the schedule leaves an unknown word alone', () => {
    const w = world([
      { Key: 'a', Space: 'spaces/S', Text: 'A', Status: 'on hold' },
      { Key: 'b', Space: 'spaces/S', Text: 'B', Status: 'RETRY' },
    ]);
    processMessages(w, { check: false, statuses: new Set(['RETRY', 'WAITING', 'SCHEDULED']) });
    expect(cells(w, 'Key', 'Status')).toEqual([
      ['a', 'on hold'],
      ['b', 'DONE'],
    ]);
  });
});

describe('processTab on Messages: checks (checkRows)', () => {
  it('writes "Would …" into Detail with a blank Status and calls no Chat method', () => {
    const w = world([
      { Key: 'a', Space: 'spaces/S', Text: 'A', Notes: 'id:a' },
      { Webhook: 'team', Text: 'B', 'Thread key': 'weekly', Notes: 'id:b' },
      { Key: 'c', Action: 'DELETE', Space: 'spaces/S', Message: 'spaces/S/messages/m9', Notes: 'id:c' },
      { Key: 'd', Text: 'D', Notes: 'id:d' },
      { Key: 'e', Space: 'spaces/S', Text: 'E', Status: 'DONE', Detail: 'Sent to spaces/S.', Notes: 'id:e' },
    ]);
    const run = new Run(w.env);
    run.check = true;
    const counts = runStep(run, TAB_STEPS.Messages, { check: true });
    run.flush();
    expect(cells(w, 'Notes', 'Key', 'Status', 'Detail')).toEqual([
      ['id:a', 'a', '', 'Would send text to spaces/S.'],
      // A check generates no Key.
      ['id:b', '', '', 'Would send text to webhook team in thread “weekly”.'],
      ['id:c', 'c', '', 'Would delete spaces/S/messages/m9.'],
      ['id:d', 'd', 'INVALID', 'Space and Webhook are both empty: give one of them.'],
      ['id:e', 'e', 'DONE', 'Sent to spaces/S.'],
    ]);
    expect(w.chat.calls).toEqual([]);
    expect(counts).toEqual({ checked: 3, INVALID: 1 });
    expect(run.summary).toEqual(['Messages: 3 ready, 1 invalid']);
  });

  it('the same rows, run for real, are sent (the check and the run agree)', () => {
    const w = world([
      { Key: 'a', Space: 'spaces/S', Text: 'A' },
      { Key: 'c', Action: 'DELETE', Space: 'spaces/S', Message: 'spaces/S/messages/m9' },
    ]);
    processMessages(w);
    expect(targets(w)).toEqual([
      'spaces.messages.create spaces/S',
      'spaces.messages.delete spaces/S/messages/m9',
    ]);
    expect(cells(w, 'Key', 'Status', 'Detail')).toEqual([
      ['a', 'DONE', 'Sent to spaces/S.'],
      ['c', 'DONE', 'Deleted from Chat.'],
    ]);
  });

  // A check sends nothing: Sent, "when the row was sent", stays blank.
  it('a check leaves Sent blank on rows it did not send', () => {
    const w = world([{ Key: 'a', Space: 'spaces/S', Text: 'A' }]);
    processMessages(w, { check: true });
    expect(cells(w, 'Detail', 'Sent')).toEqual([['Would send text to spaces/S.', '']]);
  });
});
