import { SINKS } from '../sinks';

/** Each sink's `secretFields`, under `games[N].sinks.<name>`. */
const SINK_SECRET_PATHS = SINKS.flatMap((s) => s.secretFields.map((field) => new RegExp(`^games\\[\\d+\\]\\.sinks\\.${s.name}\\.${field}$`)));

/**
 * The config keys that hold secrets, as formatted paths. The loader requires `"env:NAME"` for each (the file
 * holds no secret) and `collectSecrets` (`../secrets.ts`) lists their resolved values for log redaction.
 */
export const SECRET_PATHS: readonly RegExp[] = [
  /^session\.secret$/,
  /^adminToken$/,
  /^games\[\d+\]\.wechat\.appSecret$/,
  ...SINK_SECRET_PATHS,
  /^games\[\d+\]\.gravity\.appKey$/,
  /^session\.keyEncryptionKey$/,
  /^games\[\d+\]\.wechat\.pay\.(appKey|sandboxAppKey)$/,
  /^games\[\d+\]\.wechat\.pay\.push\.(token|encodingAesKey)$/,
  /^games\[\d+\]\.(douyin|qq)\.appSecret$/,
  /^games\[\d+\]\.douyin\.pay\.callbackToken$/,
];

export function isSecretPath(path: string): boolean {
  return SECRET_PATHS.some((re) => re.test(path));
}

/** Secrets shorter than this are refused: too weak to be one, and too short to redact from logs safely. */
export const MIN_SECRET_LENGTH = 8;

