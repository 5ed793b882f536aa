// Where and why a JSON text is invalid, in plain words. JSON.parse's own messages differ between V8
// versions (Apps Script's is not Node's), some name no position, and newer ones quote the whole input —
// so this scanner finds the first error itself, the same way on every engine.

export interface JsonProblem {
  /** 0-based index into the text. */
  position: number;
  line: number;
  column: number;
  /** e.g. "expected ',' or '}' but found ']'". */
  message: string;
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonProblem(text: string): JsonProblem | null {
  const scan = new Scanner(text);
  try {
    scan.document();
    return null;
  } catch (e) {
    if (!(e instanceof Located)) throw e;
    const before = text.slice(0, e.position);
    const line = before.split('\n').length;
    const column = e.position - before.lastIndexOf('\n');
    return { position: e.position, line, column, message: e.message };
  }
}

/** A recursive-descent reader of JSON that throws `Located` at the first error. */
class Scanner {
  private i = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.ws();
    if (this.i < this.text.length) this.fail(`unexpected ${this.found()} after the end of the JSON`);
  }

  private fail(message: string, at = this.i): never {
    throw new Located(at, message);
  }

  private found(): string {
    return this.i >= this.text.length ? 'the end of the text' : `‘${this.text[this.i]}’`;
  }

  private expect(what: string): never {
    return this.fail(`expected ${what} but found ${this.found()}`);
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }

  private value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === '{') return this.members('}', () => this.field());
    if (c === '[') return this.members(']', () => this.value());
    if (c === '"') return this.string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.i, this.i + 400),
    );
    if (literal && literal[0]) return void (this.i += literal[0].length);
    this.expect('a value');
  }

  /** An object's or an array's members, from its opening bracket to `close`. */
  private members(close: '}' | ']', member: () => void): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === close) return void this.i++;
    for (;;) {
      member();
      this.ws();
      if (this.text[this.i] === ',') {
        this.i++;
        this.ws();
        if (this.text[this.i] === close) this.fail(`a comma before '${close}' (remove the last comma)`);
        continue;
      }
      if (this.text[this.i] === close) return void this.i++;
      this.expect(`',' or '${close}'`);
    }
  }

  private field(): void {
    this.ws();
    if (this.text[this.i] !== '"') this.expect('a field name in double quotes');
    this.string();
    this.ws();
    if (this.text[this.i] !== ':') this.expect("':'");
    this.i++;
    this.value();
  }

  private string(): void {
    const text = this.text;
    this.i++; // opening quote
    for (;;) {
      if (this.i >= text.length) this.fail('a text in quotes is not closed');
      const c = text[this.i];
      if (c === '"') return void this.i++;
      if (c === '\\') this.escape();
      else if (c < ' ') this.fail('a line break or tab inside quotes must be written \\n or \\t');
      else this.i++;
    }
  }

  private escape(): void {
    const e = this.text[this.i + 1];
    if (e === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6)))
        this.fail('a \\u escape needs four hex digits');
      this.i += 6;
    } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
    else this.fail(`‘\\${e ?? ''}’ is not a valid escape (write \\\\ for a backslash)`);
  }
}

class Located extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}
