import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

/**
 * `util.parseArgs` (strict) with the CLI's own one-line problems: `--app needs a value`, `unknown argument "--x"`.
 * An empty value (`--app=`) needs a value too.
 */
export function parseFlags(
  argv: readonly string[],
  options: Options,
  allowPositionals = false,
): { ok: true; values: Values; positionals: string[] } | { ok: false; problem: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    const named = /'(-{1,2}[^' <]+)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { ok: false, problem: `${named} needs a value` };
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return { ok: false, problem: `unknown argument "${/'([^']*)'/.exec(message)?.[1] ?? ''}"` };
    return { ok: false, problem: `unknown argument "${named || message}"` };
  }
  const values = parsed.values as Values;
  for (const [name, spec] of Object.entries(options)) {
    if (spec.type === 'string' && values[name] === '') return { ok: false, problem: `--${name} needs a value` };
  }
  return { ok: true, values, positionals: parsed.positionals };
}
