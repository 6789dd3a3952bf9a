import { toDecimal } from '../../shared/money/minor-units';
import { formatKst } from '../../shared/time/zoned-time';
import { HIVE_CONFIG_DESCRIPTIONS, HiveSinkConfigSchema, hiveConfigProblems, hiveDemoConfig, type HiveSinkConfig } from './hive-config';
import { classifyFailedStatus, snippet, statusFamily, tryParseJson } from './classify-status';
import {
  hiveBigint,
  hiveClientIp,
  hiveExtraUid,
  hiveGuid,
  hiveInt,
  hiveLanguage,
  hiveLanguageVariant,
  hivePlatform,
  hiveServerId,
} from './hive-fields';
import { HIVE_CONTENT_TYPE, HIVE_KST_TIMEZONE, HIVE_PATH, HiveErrorBodySchema, HiveRowSchema, type HiveRequest, type HiveRow } from './hive-wire';
import { checkedRows } from './row-problem';
import { SinkRefusal, type Classification, type Sink, type SinkGame, type SinkResponse, type StoredPurchase } from './sink';

/** Where requests go when the config captures instead of sending. */
export const HIVE_DEFAULT_URL = `https://analytics-log.withhive.com${HIVE_PATH}`;

/**
 * One purchase → one `purchase_log` row: from the report where a client knows the fact, from the game's Hive
 * config where only the studio does, and a stated default where neither does (see `hive-fields.ts`).
 */
export function toHiveRow(p: StoredPurchase, config: HiveSinkConfig, game: SinkGame): HiveRow {
  const r = p.report;
  const kst = formatKst(r.paidAt);
  return {
    category: `${config.gameShort}_purchase_log`,
    dateTime: kst,
    timezone: HIVE_KST_TIMEZONE,
    guid: hiveGuid(config.appId, game.appId, r.orderId),
    channel: config.channel,
    uid: null,
    extra_uid: hiveExtraUid(r.uid),
    did: 0, // Hive's device id comes from the Hive SDK, which a mini-game does not have
    platform: hivePlatform(r.device.type),
    os_version: (r.device.osVersion ?? '').slice(0, 30),
    market: config.market,
    game_index: config.gameIndex,
    app_id: config.appId,
    version: config.gameVersion,
    nationality: (r.country ?? '').toUpperCase(),
    client_ip: hiveClientIp(p.clientIp),
    transaction_id: r.orderId,
    product_id: r.productId,
    product_name: (r.goodsName || r.productId).slice(0, 128),
    product_price: toDecimal(r.amount, r.currency),
    currency: r.currency,
    quantity: 1,
    purchase_time: kst,
    path: 'gs',
    server_ip: config.serverIp,
    giftee_uid: null,
    device_name: (r.device.model || r.device.brand || '').slice(0, 32),
    company: config.company,
    server_id: hiveServerId(r.serverId, config.serverId),
    server_uid: hiveBigint(r.gameUid),
    level: hiveInt(r.level),
    character_id: hiveBigint(r.characterId),
    character_type_id: 0,
    character_level: 0,
    language: hiveLanguage(r.device.language),
    game_language: hiveLanguageVariant(r.device.language),
    device_language: hiveLanguageVariant(r.device.language),
    // The relay learns of a payment, not of the game handing over the goods: Hive's "cannot tell" value.
    item_send_ok: '',
  };
}

/**
 * Hive answers one verdict for a whole request: a single row it refuses (`required field ... not found`, a
 * `dateTime` of `NaN-NaN-NaN`) fails every row batched with it. So each row is checked against `HiveRowSchema`
 * first, and one that breaks it is refused alone.
 */
function refuse(p: StoredPurchase, config: HiveSinkConfig, game: SinkGame): string | undefined {
  return hiveRow(p, config, game).problem;
}

const hiveRow = checkedRows('Hive', HiveRowSchema, toHiveRow);

export const hiveSink: Sink<HiveSinkConfig, 'hive'> = {
  name: 'hive',
  label: 'Hive',
  configSchema: HiveSinkConfigSchema,
  secretFields: [],
  secretHeaders: [],
  descriptions: HIVE_CONFIG_DESCRIPTIONS,
  configProblems: hiveConfigProblems,
  demoConfig: hiveDemoConfig,
  maxBatch: (config) => config.batchSize,
  configOf: (game) => game.sinks.hive,
  refuse,
  toRequest(purchases, config, game) {
    if (purchases.length === 0) throw new RangeError('Hive needs at least one purchase');
    if (purchases.length > config.batchSize) throw new RangeError(`at most ${config.batchSize} rows per Hive request`);
    const logBody = purchases.map((p) => {
      const { row, problem } = hiveRow(p, config, game);
      if (problem) throw new SinkRefusal(`${p.report.orderId}: ${problem}`);
      return row;
    });
    const body: HiveRequest = { appId: config.appId, logBody };
    return {
      method: 'POST',
      url: config.url ?? HIVE_DEFAULT_URL,
      headers: { 'Content-Type': HIVE_CONTENT_TYPE },
      body: JSON.stringify(body),
    };
  },
  classify: classifyHive,
};

/**
 * Hive's success is HTTP 200 and nothing else is documented about its body, so a 200 is delivered whatever it
 * carries (an HTML or empty body included), unless it is Hive's own `{success: false}`, which is dead with its
 * message, as is any 4xx (`json parse error`, `required field ... not found`: resending cannot fix them).
 * A non-200 whose body is garbage is classified by its status alone: 408/429/5xx retry, other 4xx and 3xx dead;
 * a 2xx other than 200 is retried (not Hive's success, and `guid` / `transaction_id` make a resend harmless).
 */
export function classifyHive(res: SinkResponse): Classification {
  const parsed = HiveErrorBodySchema.safeParse(tryParseJson(res.body));
  const message = parsed.success ? (parsed.data.message ?? '(no message)') : snippet(res.body);
  if (res.status === 200) {
    return parsed.success ? { outcome: 'dead', reason: `Hive refused the log: ${message}` } : { outcome: 'delivered' };
  }
  if (statusFamily(res.status) === 'success') return { outcome: 'retry', reason: `Hive answered ${res.status}, not 200: ${message}` };
  return classifyFailedStatus('Hive', res.status, message);
}
