import fc from 'fast-check';
import { parseConfigText } from '../../../src/relay/config/load-config';
import { locateJsonSyntaxError } from '../../../src/relay/config/json-syntax-error';
import { ENV, designConfig } from './config-kit';

const syntaxProblem = (text: string) => {
  const r = parseConfigText(text, ENV, 'relay.json');
  return r.ok ? undefined : r.problems;
};

describe('config loader: a JSON syntax error names the line', () => {
  const good = JSON.stringify(designConfig(), null, 2).split('\n');

  /** Index of the first line followed by a line that closes an object. */
  const beforeClose = good.findIndex((l, i) => good[i + 1]?.trim().startsWith('}') && !l.trim().startsWith('}'));

  it.each([
    // [name, mutation, 1-based line the error must name, words of the reason]
    ['a trailing comma', (l: string[]) => l.splice(beforeClose, 1, l[beforeClose] + ','), beforeClose + 2, 'trailing comma before }'],
    ['a missing value', (l: string[]) => l.splice(2, 1, '  "port": ,'), 3, 'unexpected ","'],
    ['a comment (jsonc)', (l: string[]) => l.splice(5, 0, '  // the session'), 6, 'comments are not allowed'],
    ['single quotes', (l: string[]) => l.splice(1, 1, "  'host': '127.0.0.1',"), 2, 'double-quoted property name'],
  ] as const)('%s', (_name, mutate, line, words) => {
    const lines = [...good];
    mutate(lines);
    const problems = syntaxProblem(lines.join('\n'));
    expect(problems).toHaveLength(1);
    const m = /^relay\.json:(\d+):(\d+): JSON syntax error at line (\d+), column (\d+): (.*)$/.exec(problems![0]);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBe(line);
    expect(m![3]).toBe(m![1]);
    expect(m![5]).toContain(words);
  });

  it('points at the exact line and column of a bad token', () => {
    expect(syntaxProblem('{\n  "port": 8787,\n  "host": tru\n}')).toEqual([
      'relay.json:3:11: JSON syntax error at line 3, column 11: unexpected "t"',
    ]);
    expect(syntaxProblem('{"a": 1')).toEqual(['relay.json:1:8: JSON syntax error at line 1, column 8: expected "," or "}" after a property value, found the end of the file']);
  });

  it('finds an error exactly when JSON.parse does, for any text', () => {
    const texts = fc.oneof(
      fc.json(),
      fc.string(),
      fc.json().chain((j) => fc.integer({ min: 0, max: j.length }).map((cut) => j.slice(0, cut))),
      fc.tuple(fc.json(), fc.nat(), fc.constantFrom(',', '}', ']', '"', ':', 'x', '\n', '\\')).map(([j, at, ch]) => j.slice(0, at % (j.length + 1)) + ch + j.slice(at % (j.length + 1))),
    );
    fc.assert(
      fc.property(texts, (t) => {
        let parses = true;
        try {
          JSON.parse(t);
        } catch {
          parses = false;
        }
        expect(locateJsonSyntaxError(t) === undefined).toBe(parses);
      }),
      { numRuns: 5000 },
    );
  });
});
