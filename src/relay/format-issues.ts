import type { z } from 'zod';

/** `["games", 0, "sinks", "hive", "gameIndex"]` → `games[0].sinks.hive.gameIndex`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** One line per zod issue: `<path>: <message>`, with the message in the form "expected a number". */
export function formatIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.map((issue) => `${formatPath([...prefix, ...issue.path])}: ${describeIssue(issue)}`);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    // zod's "Invalid input: expected number, received string" → "expected a number, got a string"
    const got = /received (\w+)/.exec(issue.message)?.[1];
    if (got === 'undefined') return `required (expected ${article(issue.expected)})`;
    return `expected ${article(issue.expected)}${got ? `, got ${article(got)}` : ''}`;
  }
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return issue.message;
}

function article(word: string): string {
  if (word === 'null' || word === 'undefined') return word;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
