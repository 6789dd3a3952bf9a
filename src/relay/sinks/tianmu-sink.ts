import { TIANMU_CONFIG_DESCRIPTIONS, TianmuSinkConfigSchema, tianmuDemoConfig, type TianmuSinkConfig } from './tianmu-config';
import { classifyFailedStatus, snippet, statusFamily, tryParseJson } from './classify-status';
import { checkedRows } from './row-problem';
import { SinkRefusal, type Classification, type Sink, type SinkGame, type SinkResponse, type StoredPurchase } from './sink';
import {
  TIANMU_CODE_BAD_PARAMS,
  TIANMU_CODE_OK,
  TIANMU_PATH,
  TianmuRequestSchema,
  TianmuResponseSchema,
  type TianmuExt,
  type TianmuRequest,
} from './tianmu-wire';

/** Where requests go when the config captures instead of sending: the real host, so a capture is the real request. */
export const TIANMU_DEFAULT_URL = `https://h5game-log.kuaiyugo.com${TIANMU_PATH}`;

/**
 * Tianmu counts `pay_amount` in fen (分) and has no currency field, so only CNY purchases can be sent: any other
 * currency would be read as fen of CNY. The relay does no exchange-rate conversion (a rate of the day is not a
 * fact of the purchase), so such a purchase is dead for Tianmu with this reason, and still goes to Hive and Kakao.
 */
function refuse(p: StoredPurchase, config: TianmuSinkConfig, game: SinkGame): string | undefined {
  if (p.report.currency !== 'CNY') return `Tianmu takes pay_amount in fen of CNY only; this purchase is in ${p.report.currency}`;
  if (p.clientIp === '') return 'Tianmu requires user_ip and the relay recorded no client IP';
  // 10001 (parameter error) is Tianmu's only refusal: a request its spec table would refuse is not sent.
  return tianmuBody(p, config, game).problem;
}

const tianmuBody = checkedRows('Tianmu', TianmuRequestSchema, toTianmuBody);

function toTianmuBody(p: StoredPurchase, config: TianmuSinkConfig, game: SinkGame): TianmuRequest {
  return { userLog: { v: config.version, ext: toTianmuExt(p, game.appId) } };
}

/** One purchase → `userLog.ext`, keys in the spec's example order. */
export function toTianmuExt(p: StoredPurchase, appId: string): TianmuExt {
  const r = p.report;
  const ext: TianmuExt = {
    app_id: appId,
    type: 'pay',
    pay_amount: r.amount, // CNY minor units are fen: refuse() turned every other currency away
    is_first_pay: p.isFirstPay,
    uid: r.uid,
    user_ip: p.clientIp,
    device_type: r.device.type,
    device_brand: r.device.brand,
    device_model: r.device.model,
    net_type: r.netType,
    scene: r.scene,
    order_code: r.orderId,
    pay_type: r.payType,
    zone: r.zone,
    goods_name: r.goodsName,
    game_uid: r.gameUid,
    game_nickname: r.gameNickname,
  };
  // Optional fields the report lacks are left out rather than sent as null.
  for (const k of Object.keys(ext) as (keyof TianmuExt)[]) if (ext[k] === undefined) delete ext[k];
  return ext;
}

export const tianmuSink: Sink<TianmuSinkConfig, 'tianmu'> = {
  name: 'tianmu',
  label: 'Tianmu',
  configSchema: TianmuSinkConfigSchema,
  secretFields: [],
  secretHeaders: [],
  descriptions: TIANMU_CONFIG_DESCRIPTIONS,
  demoConfig: tianmuDemoConfig,
  maxBatch: () => 1,
  configOf: (game) => game.sinks.tianmu,
  refuse,
  toRequest(purchases, config, game) {
    if (purchases.length !== 1) throw new RangeError(`Tianmu takes one purchase per request, got ${purchases.length}`);
    const why = refuse(purchases[0], config, game);
    if (why) throw new SinkRefusal(why);
    const body = tianmuBody(purchases[0], config, game).row;
    return {
      method: 'POST',
      url: config.url ?? TIANMU_DEFAULT_URL,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    };
  },
  classify: classifyTianmu,
};

/**
 * Tianmu reports the verdict in the body: `code: 0` delivered, `10001` (parameter error) dead. Any other code,
 * or a 2xx body without a numeric `code` (an HTML error page, a cut-off answer), is not a success we can trust,
 * so it is retried; `order_code` lets Tianmu recognise the resend. A non-2xx goes by status.
 */
export function classifyTianmu(res: SinkResponse): Classification {
  if (statusFamily(res.status) !== 'success') return classifyFailedStatus('Tianmu', res.status, snippet(res.body));
  const parsed = TianmuResponseSchema.safeParse(tryParseJson(res.body));
  if (!parsed.success) return { outcome: 'retry', reason: `Tianmu answered ${res.status} without a code: ${snippet(res.body) || '(empty body)'}` };
  const { code } = parsed.data;
  if (code === TIANMU_CODE_OK) return { outcome: 'delivered' };
  if (code === TIANMU_CODE_BAD_PARAMS) return { outcome: 'dead', reason: `Tianmu 10001 parameter error: ${snippet(res.body)}` };
  return { outcome: 'retry', reason: `Tianmu code ${code}: ${snippet(res.body)}` };
}
