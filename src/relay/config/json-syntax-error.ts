/**
 * Where a JSON text first breaks, as line and column, with a plain-words reason. V8's `JSON.parse` error gives a
 * position for some mistakes and none for others ("Unexpected token '}'"), so the config loader asks this small
 * scanner instead. It only locates; `JSON.parse` still does the parsing.
 */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

class Stop extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export function locateJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const describe = (at: number) => (at >= text.length ? 'the end of the file' : JSON.stringify(text[at]));
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
    if (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON');
  };
  const expect = (ch: string, what: string) => {
    if (text[i] !== ch) fail(`expected ${what}, found ${describe(i)}`);
    i++;
  };
  const string = () => {
    expect('"', 'a double-quoted string');
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (text[i] === '"') return void i++;
      if (c < 0x20) fail('control character in a string (escape it, e.g. \\n)');
      if (text[i] === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`bad escape \\${e ?? ''}`);
      } else i++;
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
        if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma before }' : `expected a double-quoted property name, found ${describe(i)}`);
        string();
        ws();
        expect(':', '":" after a property name');
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect('}', '"," or "}" after a property value');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        ws();
        if (text[i] === ']') fail('trailing comma before ]');
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect(']', '"," or "]" after an array element');
      }
    }
    if (c === '"') return string();
    const num = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    num.lastIndex = i;
    if (c !== undefined && /[-\d]/.test(c)) {
      if (!num.test(text)) fail('malformed number');
      i = num.lastIndex;
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    fail(c === undefined ? 'unexpected end of the file' : `unexpected ${describe(i)}${c === "'" ? ' (JSON strings use double quotes)' : ''}`);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1, message: e.message };
  }
}
