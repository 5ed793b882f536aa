import { ScriptError } from '../errors';
import { Fake } from '../realm';
import type { ServiceContext } from './context';
import { FakeHtmlOutput } from './html';

export type ButtonName = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';
export type ButtonSetName = 'OK' | 'OK_CANCEL' | 'YES_NO' | 'YES_NO_CANCEL';

export interface UiAnswer {
  button: ButtonName;
  text?: string;
}
export type MenuItem =
  { caption: string; fn: string } | { separator: true } | { caption: string; submenu: MenuItem[] };
export interface MenuRecord {
  name: string;
  items: MenuItem[];
}
export interface DialogRecord {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  answer: UiAnswer;
  at: number;
}
export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
  at: number;
  /** The execution's trigger mode, so tests can catch UI from trigger runs. */
  mode: string;
}

/** The person at the keyboard, scripted by tests: answers are consumed in order by alert/prompt. */
export class ScriptedUi {
  answers: UiAnswer[] = [];
  readonly toasts: ToastRecord[] = [];
  readonly alerts: DialogRecord[] = [];
  readonly prompts: DialogRecord[] = [];
  readonly menus: MenuRecord[] = [];
  readonly sidebars: { html: string; title: string; at: number }[] = [];

  addMenu(menu: MenuRecord): void {
    const i = this.menus.findIndex((m) => m.name === menu.name);
    if (i >= 0) this.menus[i] = menu;
    else this.menus.push(menu);
  }
}

const BUTTON_SETS: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export class FakeUi extends Fake {
  readonly className = 'Ui';
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' };
  readonly ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };

  constructor(private readonly ctx: ServiceContext) {
    super();
  }

  createMenu(name: string): FakeMenu {
    return new FakeMenu(this.ctx, name);
  }

  createAddonMenu(): FakeMenu {
    return new FakeMenu(this.ctx, 'Add-on');
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(a: string, b?: string, c?: string): ButtonName {
    const [title, prompt, buttons] =
      c !== undefined ? [a, b ?? '', c] : b !== undefined && b in BUTTON_SETS ? ['', a, b] : ['', a, 'OK'];
    return this.ctx.exec.call('SpreadsheetApp.Ui.alert', () => {
      const answer = this.answer('alert', prompt, buttons as ButtonSetName);
      this.ctx.host.ui.alerts.push({
        kind: 'alert',
        title,
        prompt,
        buttons: buttons as ButtonSetName,
        answer,
        at: this.ctx.host.clock.now(),
      });
      return answer.button;
    });
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons) */
  prompt(a: string, b?: string, c?: string): FakePromptResponse {
    const [title, prompt, buttons] =
      c !== undefined
        ? [a, b ?? '', c]
        : b !== undefined && b in BUTTON_SETS
          ? ['', a, b]
          : b !== undefined
            ? [a, b, 'OK']
            : ['', a, 'OK'];
    return this.ctx.exec.call('SpreadsheetApp.Ui.prompt', () => {
      const answer = this.answer('prompt', prompt, buttons as ButtonSetName);
      this.ctx.host.ui.prompts.push({
        kind: 'prompt',
        title,
        prompt,
        buttons: buttons as ButtonSetName,
        answer,
        at: this.ctx.host.clock.now(),
      });
      return new FakePromptResponse(answer);
    });
  }

  showSidebar(page: unknown): void {
    if (!(page instanceof FakeHtmlOutput)) throw new ScriptError('Invalid argument: userInterface');
    this.ctx.exec.call('SpreadsheetApp.Ui.showSidebar', () => {
      this.ctx.host.ui.sidebars.push({
        html: page.getContent(),
        title: page.getTitle(),
        at: this.ctx.host.clock.now(),
      });
    });
  }

  private answer(kind: string, prompt: string, buttons: ButtonSetName): UiAnswer {
    const allowed = BUTTON_SETS[buttons];
    if (!allowed) throw new ScriptError(`Invalid argument: buttons`);
    const next = this.ctx.host.ui.answers.shift();
    if (!next) {
      // A lone OK needs no decision; anything else would block a real user, so the test must script it.
      if (kind === 'alert' && buttons === 'OK') return { button: 'OK' };
      throw new Error(`sandbox: no scripted UI answer for ${kind} "${prompt}" (push one to sb.ui.answers)`);
    }
    if (!allowed.includes(next.button) && next.button !== 'CLOSE') {
      throw new Error(
        `sandbox: scripted answer ${next.button} is not a button of ${buttons} (${kind} "${prompt}")`,
      );
    }
    return next;
  }
}

export class FakePromptResponse extends Fake {
  readonly className = 'PromptResponse';
  constructor(private readonly answer: UiAnswer) {
    super();
  }
  getResponseText(): string {
    return this.answer.text ?? '';
  }
  getSelectedButton(): ButtonName {
    return this.answer.button;
  }
}

export class FakeMenu extends Fake {
  readonly className = 'Menu';
  readonly items: MenuItem[] = [];

  constructor(
    private readonly ctx: ServiceContext,
    readonly name: string,
  ) {
    super();
  }

  addItem(caption: string, functionName: string): this {
    this.items.push({ caption, fn: functionName });
    return this;
  }

  addSeparator(): this {
    this.items.push({ separator: true });
    return this;
  }

  addSubMenu(menu: FakeMenu): this {
    this.items.push({ caption: menu.name, submenu: menu.items });
    return this;
  }

  addToUi(): void {
    this.ctx.exec.call('SpreadsheetApp.Ui.addToUi', () =>
      this.ctx.host.ui.addMenu({ name: this.name, items: [...this.items] }),
    );
  }
}
