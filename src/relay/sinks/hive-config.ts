import { z } from 'zod';
import { sinkConfigSchema } from './sink-config';
import { HIVE_SERVER_IDS, IPV4 } from './hive-wire';

/** `games[].sinks.hive`. */
export const HiveSinkConfigSchema = sinkConfigSchema({
  appId: z.string().min(1),
  gameShort: z.string().regex(/^[a-z0-9_]+$/, 'gameShort is lower-case letters, digits and _'),
  company: z.string().length(3),
  gameIndex: z.number().int().nonnegative(),
  channel: z.string().min(1).max(3).default('C2S'),
  market: z.string().length(2),
  serverId: z.string().min(1),
  /** The game version sent as Hive `version`. @default "1.0.0" */
  gameVersion: z.string().default('1.0.0'),
  /** The IP written to `server_ip`. @default "127.0.0.1" */
  serverIp: z.string().default('127.0.0.1'),
  /** Rows per request. @default 50 */
  batchSize: z.number().int().min(1).max(500).default(50),
});
export type HiveSinkConfig = z.infer<typeof HiveSinkConfigSchema>;

/** What each key of `games[].sinks.hive` means (`docs/configuration.md`); `''` is the block itself. */
export const HIVE_CONFIG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '': 'Hive Analytics `purchase_log` rows, batched.',
  url: 'Endpoint: `https://analytics-log.withhive.com/v1/server-recv` (sandbox: `sandbox-analytics-log.withhive.com`).',
  capture: 'A directory: requests are appended to `DIR/hive.jsonl` instead of sent.',
  timeoutMs: 'Per-request timeout.',
  appId: 'The Hive app id (`appId` of the batch).',
  gameShort: 'Game short name: the row `category` is `<gameShort>_purchase_log`.',
  company: 'Hive `company` (3 letters).',
  gameIndex: 'Hive `game_index`.',
  channel: 'Hive `channel`.',
  market: 'Hive `market` (2 letters).',
  serverId: 'Hive `server_id` code (`GLOBAL` for a single server, `CN`, ...).',
  gameVersion: 'Hive `version`.',
  serverIp: 'Hive `server_ip`.',
  batchSize: 'Rows per request; a refused batch is bisected so only the bad row dies.',
};

/** Upstream limits the schema does not state (Hive's smallint, its server codes). `at` is the block's path. */
export function hiveConfigProblems(hive: HiveSinkConfig, at: string): string[] {
  const problems: string[] = [];
  if (hive.gameIndex > 32767) problems.push(`${at}.gameIndex: Hive's game_index is a smallint (at most 32767)`);
  if (!HIVE_SERVER_IDS.has(hive.serverId)) problems.push(`${at}.serverId: ${JSON.stringify(hive.serverId)} is not a Hive server code (GLOBAL, KR, CN-2, ...)`);
  if (!IPV4.test(hive.serverIp)) problems.push(`${at}.serverIp: Hive's server_ip is a dotted IPv4 address`);
  return problems;
}

/** The block of the embedded demo config: capturing, with sample ids. */
export function hiveDemoConfig(capture: string): z.input<typeof HiveSinkConfigSchema> {
  return { capture, appId: 'com.example.game', gameShort: 'samplegame', company: 'C2S', gameIndex: 2414, market: 'TC', serverId: 'CN' };
}
