import pino, { type DestinationStream, type Logger } from 'pino';

export type RelayLogger = Logger;

export interface RelayLoggerOptions {
  /**
   * Every secret value of the config (session secret, app secrets, Kakao keys, admin token, Gravity key): any
   * occurrence in a line is replaced, whatever key or message it hides in. @default []
   */
  secrets?: readonly string[];
  /** @default "info" (or `LOG_LEVEL`) */
  level?: string;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
}

const REDACTED = '[redacted]';

/**
 * Keys that hold credentials of the moment (a client's token, WeChat's session_key) rather than configured
 * secrets, so redaction by value cannot know them: they are removed by key.
 */
const REDACT_PATHS = [
  'token',
  'session_key',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.token',
  '*.session_key',
  '*.authorization',
  '*.appSecret',
  '*.adminKey',
  '*.secret',
];

/**
 * The relay's pino logger. Secrets are redacted by value on the serialized line (after every serializer ran),
 * so a secret that reaches a message string, an error text or a nested object is still caught.
 */
export function createRelayLogger(options: RelayLoggerOptions = {}): RelayLogger {
  const patterns = secretPatterns(options.secrets ?? []);
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { name: 'purchase-relay' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: (line) => redactSecrets(line, patterns) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * Each secret as it appears raw and as it appears inside a JSON string (escaped), longest first so a secret that
 * contains another is replaced whole. Very short values are skipped: redacting "1" would shred every line, and the
 * config loader refuses secrets that short anyway.
 */
export function secretPatterns(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < 4) continue;
    out.add(s);
    out.add(JSON.stringify(s).slice(1, -1));
  }
  return [...out].sort((a, b) => b.length - a.length);
}

export function redactSecrets(line: string, patterns: readonly string[]): string {
  let out = line;
  for (const p of patterns) if (out.includes(p)) out = out.split(p).join(REDACTED);
  return out;
}
