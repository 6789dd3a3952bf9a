import { toDecimal } from '../../shared/money/minor-units';
import {
  KAKAO_CONFIG_DESCRIPTIONS,
  KAKAO_SECRET_FIELDS,
  KAKAO_SECRET_HEADERS,
  KakaoSinkConfigSchema,
  kakaoDemoConfig,
  kakaoLoadProblems,
  type KakaoSinkConfig,
} from './kakao-config';
import { classifyFailedStatus, snippet, statusFamily } from './classify-status';
import { KAKAO_CONTENT_TYPE, KAKAO_PATH, KakaoRequestSchema, type KakaoRequest } from './kakao-wire';
import { checkedRows } from './row-problem';
import { SinkRefusal, type Classification, type Sink, type SinkGame, type SinkResponse, type StoredPurchase } from './sink';

/** Where requests go when the config captures instead of sending. */
export const KAKAO_DEFAULT_URL = `https://openapi-zinny3.game.kakao.com:10443${KAKAO_PATH}`;

/** What an HTTP header value may hold without Node refusing to send it. */
const HEADER_SAFE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

/** `playerId` header: the report's Kakao player id, else the openid (both must be header-safe). */
export function kakaoPlayerId(p: StoredPurchase): string | undefined {
  const candidates = [p.report.playerId, p.report.uid];
  return candidates.find((c) => c !== undefined && HEADER_SAFE.test(c));
}

/** `os`: `android` / `ios` as Kakao's SDK names them; otherwise the device's own OS name, lower case. */
export function kakaoOs(p: StoredPurchase): string {
  const d = p.report.device;
  if (d.type === 3) return 'android';
  if (d.type === 2) return 'ios';
  return (d.os || 'other').toLowerCase();
}

/** `country`, lower case as the page's example writes it. */
export function kakaoCountry(p: StoredPurchase, config: KakaoSinkConfig): string | undefined {
  return (p.report.country ?? config.defaultCountry)?.toLowerCase();
}

function refuse(p: StoredPurchase, config: KakaoSinkConfig, game?: SinkGame): string | undefined {
  if (kakaoCountry(p, config) === undefined) return 'Kakao requires country: the report has none and sinks.kakao.defaultCountry is not set';
  if (kakaoPlayerId(p) === undefined) return 'Kakao requires a playerId header: neither playerId nor uid is printable ASCII';
  // 400 "lack of required parameters or parameter type error": a body the spec table would refuse is not sent.
  return kakaoBody(p, config, game).problem;
}

/** The game plays no part in Kakao's body; it only keys the memo, as the sink loop hands the same one to both calls. */
const kakaoBody = checkedRows('Kakao', KakaoRequestSchema, (p: StoredPurchase, config: KakaoSinkConfig, _game?: SinkGame) => toKakaoBody(p, config));

export function toKakaoBody(p: StoredPurchase, config: KakaoSinkConfig): KakaoRequest {
  const r = p.report;
  const body: KakaoRequest = {
    playerLv: r.level,
    currency: r.currency,
    price: toDecimal(r.amount, r.currency),
    os: kakaoOs(p),
    country: kakaoCountry(p, config) as string,
    market: config.market,
    marketOrderId: r.orderId, // optional in English, required in Korean: always sent
    marketProductId: r.productId,
    marketPurchaseTime: r.paidAt,
  };
  if (body.playerLv === undefined) delete body.playerLv;
  return body;
}

export const kakaoSink: Sink<KakaoSinkConfig, 'kakao'> = {
  name: 'kakao',
  label: 'Kakao',
  configSchema: KakaoSinkConfigSchema,
  secretFields: KAKAO_SECRET_FIELDS,
  secretHeaders: KAKAO_SECRET_HEADERS,
  descriptions: KAKAO_CONFIG_DESCRIPTIONS,
  loadProblems: kakaoLoadProblems,
  demoConfig: kakaoDemoConfig,
  maxBatch: () => 1,
  configOf: (game) => game.sinks.kakao,
  refuse: (p, config, game) => refuse(p, config, game),
  toRequest(purchases, config, game) {
    if (purchases.length !== 1) throw new RangeError(`Kakao takes one purchase per request, got ${purchases.length}`);
    const p = purchases[0];
    const why = refuse(p, config, game);
    if (why) throw new SinkRefusal(why);
    return {
      method: 'POST',
      url: config.url ?? KAKAO_DEFAULT_URL,
      headers: {
        appId: config.appId,
        appSecret: config.appSecret,
        playerId: kakaoPlayerId(p) as string,
        'Content-Type': KAKAO_CONTENT_TYPE,
        Authorization: `KakaoAK ${config.adminKey}`,
      },
      body: JSON.stringify(kakaoBody(p, config, game).row),
    };
  },
  classify: classifyKakao,
};

/**
 * Kakao's verdict is the status: any 2xx is delivered whatever the body (`logId` is "not currently used", and
 * Kakao has no idempotency key, so resending after a success would write a second log). 400 / 401 / 406 / 461 and
 * other 4xx are dead; 408 / 429 / 5xx (500, 503) retry; a 3xx is dead (the URL is wrong).
 */
export function classifyKakao(res: SinkResponse): Classification {
  if (statusFamily(res.status) === 'success') return { outcome: 'delivered' };
  return classifyFailedStatus('Kakao', res.status, snippet(res.body));
}
