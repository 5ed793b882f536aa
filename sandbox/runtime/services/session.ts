import crypto from 'node:crypto';
import { Fake } from '../realm';
import type { ServiceContext } from './context';

export class FakeUser extends Fake {
  readonly className = 'User';
  constructor(private readonly email: string) {
    super();
  }
  getEmail(): string {
    return this.email;
  }
}

export class FakeSession extends Fake {
  readonly className = 'Session';
  constructor(private readonly ctx: ServiceContext) {
    super();
  }
  /** Simple triggers run without the user's identity: the email reads as ''. */
  getActiveUser(): FakeUser {
    return new FakeUser(this.ctx.exec.mode === 'simple' ? '' : this.ctx.host.user);
  }
  getEffectiveUser(): FakeUser {
    return new FakeUser(this.ctx.exec.mode === 'simple' ? '' : this.ctx.host.user);
  }
  getScriptTimeZone(): string {
    return this.ctx.host.timeZone;
  }
  getActiveUserLocale(): string {
    return 'en';
  }
  getTemporaryActiveUserKey(): string {
    return crypto
      .createHash('sha256')
      .update(`sandbox:${this.ctx.host.user}`)
      .digest('base64url')
      .slice(0, 40);
  }
}
