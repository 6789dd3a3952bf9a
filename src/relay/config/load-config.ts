import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SINKS } from '../sinks';
import { RelayConfigSchema, type RelayConfig } from './config-schema';
import { formatIssues, formatPath } from '../format-issues';
import { locateJsonSyntaxError } from './json-syntax-error';
import { crossCheckProblems, sinkLoadProblems } from './cross-checks';
import { unknownKeys } from './unknown-keys';
import { MIN_SECRET_LENGTH, isSecretPath } from './secret-fields';

export type LoadConfigResult = { ok: true; config: RelayConfig } | { ok: false; problems: string[] };

export interface LoadConfigOptions {
  /**
   * For a command that reads only part of the config (`deliveries`: the storage): the `env:` values outside the paths
   * it needs are left unresolved (they stay `"env:NAME"`, and a variable that is not set is no problem), and the
   * checks across keys are skipped. Unknown keys and the schema are still checked in the whole file.
   * @default every path is needed
   */
  needs?: (path: string) => boolean;
}

/** `needs` for the commands that only read the database. */
export const storageOnly = (path: string): boolean => path === 'storage' || path.startsWith('storage.');

const ENV_PREFIX = 'env:';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads the relay config `file` (`--config FILE` or `RELAY_CONFIG`): JSON, `"env:NAME"` values resolved from `env`,
 * validated by `RelayConfigSchema`. Every problem is one line naming the key and why; no secret value is ever
 * part of a problem.
 */
export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Promise<LoadConfigResult> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, problems: [`${file}: cannot read the config file (${code === 'ENOENT' ? 'no such file' : (code ?? String(e))})`] };
  }
  return parseConfigText(text, env, file, options);
}

/** `loadConfig` without the file: `source` names the text in a syntax error. */
export function parseConfigText(text: string, env: NodeJS.ProcessEnv, source = 'config', options: LoadConfigOptions = {}): LoadConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const where = locateJsonSyntaxError(text.replace(/^\uFEFF/, ''));
    const problem = where
      ? `${source}:${where.line}:${where.column}: JSON syntax error at line ${where.line}, column ${where.column}: ${where.message}`
      : `${source}: JSON syntax error: ${(e as Error).message}`;
    return { ok: false, problems: [problem] };
  }
  return resolveConfig(raw, env, options);
}

/** Resolves `env:` values, refuses literal secrets, validates, and checks what the schema alone cannot. */
export function resolveConfig(raw: unknown, env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): LoadConfigResult {
  const problems: string[] = [];
  const needs = options.needs ?? (() => true);
  const sandbox = isObject(raw) && isObject(raw.session) && raw.session.mode === 'sandbox';
  // Unknown keys first: a misspelt "sesion" explains the "session: required" that follows it.
  problems.push(...unknownKeys(RelayConfigSchema, raw));
  const resolved = resolveEnv(raw, [], env, sandbox, problems, needs);
  const parsed = RelayConfigSchema.safeParse(resolved);
  if (!parsed.success) problems.push(...formatIssues(parsed.error.issues));
  // Across keys only once each key is right on its own: an unresolved "env:NAME" is no key to check.
  else if (problems.length === 0 && options.needs === undefined) problems.push(...crossCheckProblems(parsed.data), ...sinkLoadProblems(parsed.data));
  return problems.length > 0 || !parsed.success ? { ok: false, problems } : { ok: true, config: parsed.data };
}

function resolveEnv(value: unknown, at: PropertyKey[], env: NodeJS.ProcessEnv, sandbox: boolean, problems: string[], needs: (path: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveEnv(v, [...at, i], env, sandbox, problems, needs));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnv(v, [...at, k], env, sandbox, problems, needs)]));
  }
  if (typeof value !== 'string') return value;
  const key = formatPath(at);
  const secret = isSecretPath(key);
  if (!value.startsWith(ENV_PREFIX)) {
    // A sandbox session signs throwaway tokens, so its secret may sit in the file; no other secret may.
    if (secret && !(sandbox && key === 'session.secret')) {
      problems.push(`${key}: secrets are not written in the config file; write "env:NAME" and set NAME in the environment`);
    }
    return value;
  }
  if (!needs(key)) return value;
  const name = value.slice(ENV_PREFIX.length);
  if (!ENV_NAME.test(name)) {
    problems.push(`${key}: ${JSON.stringify(value)} is not "env:NAME" with NAME of letters, digits and _`);
    return value;
  }
  const found = env[name];
  if (found === undefined || found === '') {
    problems.push(`${key}: environment variable ${name} is not set`);
    return value;
  }
  if (secret && found.length < MIN_SECRET_LENGTH) {
    problems.push(`${key}: the value of ${name} is too short for a secret (at least ${MIN_SECRET_LENGTH} characters)`);
  }
  return found;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The sample catalog the demo serves. Next to this file's `../demo/` when run from source; a build that moves the
 * code elsewhere finds it from the package root.
 */
export function sampleCatalogPath(): string {
  const candidates = [
    path.resolve(__dirname, '../demo/sample-catalog.json'),
    path.resolve(__dirname, '../../../src/relay/demo/sample-catalog.json'),
    path.resolve(__dirname, '../../../../src/relay/demo/sample-catalog.json'),
  ];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

/**
 * The demo's WeChat payment: made-up keys, public on purpose. The demo's sandbox WeChat (`demo/sandbox-wechat.ts`)
 * signs its pushes with them as WeChat signs with a game's real ones; no sink of the demo sends, so nothing signed
 * with them can become revenue anywhere (`cross-checks.ts` refuses a payment config on sandbox sessions otherwise).
 */
export const DEMO_WECHAT = {
  appSecret: 'demo-app-secret-never-used-by-sandbox-logins',
  offerId: '1450000000',
  appKey: 'demo-midas-appkey-0123456789abcdef',
  pushToken: 'demo-push-token-0123456789',
  /** Seals the sandbox players' random session keys (32 bytes, hex). */
  keyEncryptionKey: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
} as const;

/**
 * The embedded config of `npm start` / `purchase-relay start` with no config: SQLite at `<dataDir>/relay.db`,
 * sandbox sessions signed with a secret drawn at start-up, the demo game `wx1234567891234567` with the sample
 * catalog, a WeChat payment config of demo keys (`DEMO_WECHAT`: its orders are signed and proven as a verified
 * game's, by the demo's sandbox WeChat), and every sink capturing to `<dataDir>/captured` instead of sending (each
 * sink's `demoConfig`). Nothing in it is a real credential: the Kakao keys are random too, so a capture file shows
 * the header shape and nothing reusable.
 */
export function defaultDemoConfig(dataDir: string): RelayConfig {
  const capture = path.join(dataDir, 'captured');
  const random = () => randomBytes(24).toString('hex');
  return RelayConfigSchema.parse({
    host: '127.0.0.1',
    port: 8787,
    storage: { sqlite: path.join(dataDir, 'relay.db') },
    session: { mode: 'sandbox', secret: random(), keyEncryptionKey: DEMO_WECHAT.keyEncryptionKey },
    games: [
      {
        appId: 'wx1234567891234567',
        wechat: {
          appSecret: DEMO_WECHAT.appSecret,
          pay: { offerId: DEMO_WECHAT.offerId, appKey: DEMO_WECHAT.appKey, push: { token: DEMO_WECHAT.pushToken } },
        },
        catalog: { file: sampleCatalogPath() },
        sinks: Object.fromEntries(SINKS.map((s) => [s.name, s.demoConfig(capture, random)])),
      },
    ],
  });
}
