// HtmlService: the pages a script shows in a sidebar or dialog. Building an HtmlOutput is pure (not a
// counted call); showing it is the Ui's job (ui.ts records what was shown). The sandbox holds only the
// script, no .html project files, so createHtmlOutputFromFile fails as it would for a missing file.
import { ScriptError } from '../errors';
import { Fake } from '../realm';

export class FakeHtmlService extends Fake {
  readonly className = 'HtmlService';
  readonly SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' };
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };

  createHtmlOutput(html?: unknown): FakeHtmlOutput {
    return new FakeHtmlOutput(html === undefined || html === null ? '' : String(html));
  }

  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    throw new ScriptError(`No HTML file named ${filename} was found.`);
  }
}

export class FakeHtmlOutput extends Fake {
  readonly className = 'HtmlOutput';
  private title = '';
  private width = 0;
  private height = 0;
  /** Recorded for tests; the sandbox serves every page the same way. */
  sandboxMode = 'IFRAME';
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(private content: string) {
    super();
  }

  getContent(): string {
    return this.content;
  }
  setContent(html: unknown): this {
    this.content = String(html ?? '');
    return this;
  }
  append(html: unknown): this {
    this.content += String(html ?? '');
    return this;
  }
  /** Appends text escaped as HTML, like Apps Script's appendUntrusted. */
  appendUntrusted(text: unknown): this {
    this.content += String(text ?? '').replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
    );
    return this;
  }
  clear(): this {
    this.content = '';
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: unknown): this {
    this.title = String(title ?? '');
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setWidth(width: number): this {
    this.width = Number(width);
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  setHeight(height: number): this {
    this.height = Number(height);
    return this;
  }
  setSandboxMode(mode: string): this {
    this.sandboxMode = String(mode);
    return this;
  }
  setXFrameOptionsMode(): this {
    return this;
  }
  setFaviconUrl(): this {
    return this;
  }
  addMetaTag(name: string, content: string): this {
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }
}
