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
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Located(at, message);
  };
  const found = (): string => (i >= text.length ? 'the end of the text' : `‘${text[i]}’`);
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (what: string): never => fail(`expected ${what} but found ${found()}`);

  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a text in quotes is not closed', i);
      const c = text[i];
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`‘\\${e ?? ''}’ is not a valid escape (write \\\\ for a backslash)`);
      } else if (c < ' ') fail('a line break or tab inside quotes must be written \\n or \\t');
      else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') expect('a field name in double quotes');
        string();
        ws();
        if (text[i] !== ':') expect("':'");
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') fail("a comma before '}' (remove the last comma)");
          continue;
        }
        if (text[i] === '}') return void i++;
        expect("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail("a comma before ']' (remove the last comma)");
          continue;
        }
        if (text[i] === ']') return void i++;
        expect("',' or ']'");
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 400),
    );
    if (literal && literal[0]) return void (i += literal[0].length);
    expect('a value');
  };

  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON`);
    return null;
  } catch (e) {
    if (!(e instanceof Located)) throw e;
    const before = text.slice(0, e.position);
    const line = before.split('\n').length;
    const column = e.position - before.lastIndexOf('\n');
    return { position: e.position, line, column, message: e.message };
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
