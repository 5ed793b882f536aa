import { ScriptError } from '../errors';
import { Fake } from '../realm';
import type { ServiceContext } from './context';

export type LockScope = 'document' | 'script' | 'user';

interface Holder {
  /** The execution holding it, or 0 for "another execution" simulated by a test. */
  executionId: number;
  /** When a simulated outside holder lets go (virtual time). */
  until: number;
}

/**
 * Who holds which lock. Executions run one at a time in the sandbox, so contention comes from tests
 * saying "another execution holds the document lock until T" (holdDocumentLock).
 */
export class LockTable {
  private readonly held = new Map<LockScope, Holder>();

  holdDocumentLock(until: number | Date): void {
    this.hold('document', until);
  }
  holdScriptLock(until: number | Date): void {
    this.hold('script', until);
  }
  hold(scope: LockScope, until: number | Date): void {
    this.held.set(scope, { executionId: 0, until: typeof until === 'number' ? until : until.getTime() });
  }

  holder(scope: LockScope, now: number): Holder | undefined {
    const h = this.held.get(scope);
    if (h && h.executionId === 0 && h.until <= now) {
      this.held.delete(scope);
      return undefined;
    }
    return h;
  }

  acquire(scope: LockScope, executionId: number): void {
    this.held.set(scope, { executionId, until: Infinity });
  }

  release(scope: LockScope, executionId: number): void {
    if (this.held.get(scope)?.executionId === executionId) this.held.delete(scope);
  }

  /** Apps Script releases an execution's locks when it ends, however it ends. */
  releaseAll(executionId: number): void {
    for (const [scope, h] of this.held) if (h.executionId === executionId) this.held.delete(scope);
  }
}

export class FakeLockService extends Fake {
  readonly className = 'LockService';
  constructor(private readonly ctx: ServiceContext) {
    super();
  }
  getDocumentLock(): FakeLock {
    return new FakeLock(this.ctx, 'document');
  }
  getScriptLock(): FakeLock {
    return new FakeLock(this.ctx, 'script');
  }
  getUserLock(): FakeLock {
    return new FakeLock(this.ctx, 'user');
  }
}

export class FakeLock extends Fake implements GoogleAppsScript.Lock.Lock {
  readonly className = 'Lock';

  constructor(
    private readonly ctx: ServiceContext,
    private readonly scope: LockScope,
  ) {
    super();
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.ctx.exec.call('LockService.tryLock', () => this.acquire(timeoutInMillis));
  }

  waitLock(timeoutInMillis: number): void {
    this.ctx.exec.call('LockService.waitLock', () => {
      if (!this.acquire(timeoutInMillis)) {
        throw new ScriptError('Lock timeout: another process was holding the lock for too long.');
      }
    });
  }

  releaseLock(): void {
    this.ctx.exec.call('LockService.releaseLock', () =>
      this.ctx.host.locks.release(this.scope, this.ctx.exec.id),
    );
  }

  hasLock(): boolean {
    return this.ctx.exec.call(
      'LockService.hasLock',
      () =>
        this.ctx.host.locks.holder(this.scope, this.ctx.host.clock.now())?.executionId === this.ctx.exec.id,
    );
  }

  /** Waits in virtual time for an outside holder to let go, up to the timeout. */
  private acquire(timeoutMs: number): boolean {
    const { locks, clock } = this.ctx.host;
    const h = locks.holder(this.scope, clock.now());
    if (h && h.executionId !== this.ctx.exec.id) {
      const wait = h.until - clock.now();
      if (wait > timeoutMs) {
        this.ctx.exec.wait(Math.max(0, timeoutMs));
        return false;
      }
      this.ctx.exec.wait(wait);
      locks.holder(this.scope, clock.now()); // expires the outside hold
    }
    locks.acquire(this.scope, this.ctx.exec.id);
    return true;
  }
}
