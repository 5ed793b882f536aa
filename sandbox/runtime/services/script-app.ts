import { ScriptError, noPermission } from '../errors';
import { Fake, isDate } from '../realm';
import type { ServiceContext } from './context';

const MAX_TRIGGERS = 20;
const MINUTE = 60_000;

export interface TriggerRecord {
  id: string;
  handler: string;
  /** `recurring` fires every periodMs; `once` (after/at) fires once. */
  kind: 'recurring' | 'once';
  periodMs?: number;
  /** When it fires next. For a one-off, its time plus how late it is (see `dueAt`). */
  nextAt: number;
  /** A one-off's own time (`after`'s now + duration, or `at`'s date): it fires at `nextAt`, never before. */
  dueAt?: number;
  createdAt: number;
  /** A one-off that has fired. Apps Script keeps it among the project's triggers (it still counts toward
   *  the 20) until the script deletes it; it never fires again. */
  spent?: boolean;
}

/** The project's installed triggers (host state: they outlive executions). */
export class TriggerTable {
  readonly list: TriggerRecord[] = [];
  private seq = 1;

  add(t: Omit<TriggerRecord, 'id'>): TriggerRecord {
    if (this.list.length >= MAX_TRIGGERS) {
      throw new ScriptError(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    const rec = { ...t, id: String(1000000 + this.seq++) };
    this.list.push(rec);
    return rec;
  }

  /** Copies of another project's triggers (ids kept), e.g. to start a sandbox from another one's state. */
  restore(triggers: readonly TriggerRecord[]): void {
    for (const t of triggers) {
      this.list.push({ ...t });
      this.seq = Math.max(this.seq, Number(t.id) - 1000000 + 1);
    }
  }

  remove(id: string): void {
    const i = this.list.findIndex((t) => t.id === id);
    if (i >= 0) this.list.splice(i, 1);
  }

  find(id: string): TriggerRecord | undefined {
    return this.list.find((t) => t.id === id);
  }

  /** Triggers due at or before `now`, earliest first. */
  due(now: number): TriggerRecord[] {
    return this.list
      .filter((t) => !t.spent && t.nextAt <= now)
      .sort((a, b) => a.nextAt - b.nextAt || Number(a.id) - Number(b.id));
  }

  /** One-offs not fired yet. */
  get pendingOnce(): TriggerRecord[] {
    return this.list.filter((t) => t.kind === 'once' && !t.spent);
  }

  /** After a firing: a one-off is spent (but stays listed until deleted); recurring ones move on by their
   *  period (missed slots are not replayed). */
  fired(id: string, now: number): void {
    const t = this.find(id);
    if (!t) return;
    if (t.kind === 'once') {
      t.spent = true;
      return;
    }
    const period = t.periodMs ?? MINUTE;
    t.nextAt += period;
    if (t.nextAt <= now) t.nextAt += Math.ceil((now - t.nextAt + 1) / period) * period;
  }
}

const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';

export class FakeScriptApp extends Fake {
  readonly className = 'ScriptApp';
  readonly AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' };
  readonly TriggerSource = {
    SPREADSHEETS: 'SPREADSHEETS',
    CLOCK: 'CLOCK',
    FORMS: 'FORMS',
    DOCUMENTS: 'DOCUMENTS',
    CALENDAR: 'CALENDAR',
  };
  readonly EventType = {
    CLOCK: 'CLOCK',
    ON_OPEN: 'ON_OPEN',
    ON_EDIT: 'ON_EDIT',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
    ON_CHANGE: 'ON_CHANGE',
    ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
  };

  constructor(private readonly ctx: ServiceContext) {
    super();
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    this.authorised('ScriptApp.newTrigger');
    return new FakeTriggerBuilder(this.ctx, String(functionName));
  }

  getProjectTriggers(): FakeTrigger[] {
    this.authorised('ScriptApp.getProjectTriggers');
    return this.ctx.exec.call('ScriptApp.getProjectTriggers', () =>
      this.ctx.host.triggers.list.map((t) => new FakeTrigger(t)),
    );
  }

  getUserTriggers(): FakeTrigger[] {
    return this.getProjectTriggers();
  }

  deleteTrigger(trigger: FakeTrigger): void {
    this.authorised('ScriptApp.deleteTrigger');
    this.ctx.exec.call('ScriptApp.deleteTrigger', () => {
      if (!(trigger instanceof FakeTrigger)) throw new ScriptError('Invalid argument: trigger');
      this.ctx.host.triggers.remove(trigger.getUniqueId());
    });
  }

  getOAuthToken(): string {
    this.authorised('ScriptApp.getOAuthToken');
    return this.ctx.exec.call('ScriptApp.getOAuthToken', () => {
      const chat = this.ctx.host.chat;
      if (!chat) throw new Error('sandbox: no Chat backend configured, so there is no OAuth token to give');
      return chat.userToken(this.ctx.host.user, this.ctx.host.scopes);
    });
  }

  getScriptId(): string {
    return 'sandbox-script-id';
  }

  private authorised(what: string): void {
    if (this.ctx.exec.mode === 'simple') throw noPermission(what, SCRIPTAPP_SCOPE);
  }
}

export class FakeTrigger extends Fake {
  readonly className = 'Trigger';
  constructor(private readonly rec: TriggerRecord) {
    super();
  }
  getUniqueId(): string {
    return this.rec.id;
  }
  getHandlerFunction(): string {
    return this.rec.handler;
  }
  getTriggerSource(): string {
    return 'CLOCK';
  }
  getEventType(): string {
    return 'CLOCK';
  }
  getTriggerSourceId(): string | null {
    return null;
  }
}

export class FakeTriggerBuilder extends Fake {
  readonly className = 'TriggerBuilder';
  constructor(
    private readonly ctx: ServiceContext,
    private readonly handler: string,
  ) {
    super();
  }
  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this.ctx, this.handler);
  }
}

export class FakeClockTriggerBuilder extends Fake {
  readonly className = 'ClockTriggerBuilder';
  private spec: { kind: 'recurring'; periodMs: number } | { kind: 'once'; at: number } | undefined;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly handler: string,
  ) {
    super();
  }

  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) {
      throw new ScriptError('The value passed to everyMinutes() must be one of 1, 5, 10, 15 or 30.');
    }
    this.spec = { kind: 'recurring', periodMs: n * MINUTE };
    return this;
  }
  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n)) {
      throw new ScriptError('The value passed to everyHours() must be one of 1, 2, 4, 6, 8 or 12.');
    }
    this.spec = { kind: 'recurring', periodMs: n * 60 * MINUTE };
    return this;
  }
  everyDays(n: number): this {
    this.spec = { kind: 'recurring', periodMs: n * 24 * 60 * MINUTE };
    return this;
  }
  after(durationMilliseconds: number): this {
    this.spec = { kind: 'once', at: this.ctx.host.clock.now() + Math.max(0, Number(durationMilliseconds)) };
    return this;
  }
  at(date: Date): this {
    if (!isDate(date)) throw new ScriptError('Invalid argument: date');
    this.spec = { kind: 'once', at: date.getTime() };
    return this;
  }

  create(): FakeTrigger {
    return this.ctx.exec.call('ScriptApp.createTrigger', () => {
      const spec = this.spec;
      if (!spec)
        throw new ScriptError('Missing trigger timing: call everyMinutes, everyHours, after or at first.');
      const now = this.ctx.host.clock.now();
      const rec =
        spec.kind === 'recurring'
          ? this.ctx.host.triggers.add({
              handler: this.handler,
              kind: 'recurring',
              periodMs: spec.periodMs,
              nextAt: now + spec.periodMs,
              createdAt: now,
            })
          : this.ctx.host.triggers.add({
              handler: this.handler,
              kind: 'once',
              // after(): "Specifies the minimum duration (in milliseconds) after the current time that the
              // trigger runs. The actual duration might vary, but won't be less than your specified minimum."
              // (https://developers.google.com/apps-script/reference/script/clock-trigger-builder#after(Integer))
              // One-offs fire at or after their time, sometimes up to a minute late (seeded: SandboxOptions
              // `lateTriggers`): a script must not depend on punctual triggers.
              nextAt: spec.at + this.ctx.host.triggerDelay(),
              dueAt: spec.at,
              createdAt: now,
            });
      return new FakeTrigger(rec);
    });
  }
}
