import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { GameConfigSchema, type GameConfig } from '../../../src/relay/config/config-schema';
import type { StoredPurchase, SinkRequest, SinkResponse } from '../../../src/relay/sinks/sink';
import { PAID_AT_MAX, PAID_AT_MIN, type PurchaseReport } from '../../../src/shared/schemas/purchase-report';

export const FIXTURES = '/work/shared/fixtures';

export function readFixture<T = unknown>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** The purchase behind Tianmu's request example (specs/tianmu-in-game-payment.md, 请求示例). */
export function fixturePurchase(over: Partial<PurchaseReport> = {}, stored: Partial<Omit<StoredPurchase, 'report'>> = {}): StoredPurchase {
  const report: PurchaseReport = {
    orderId: '74a3a21ffca9b09d8def90a54a3014ca',
    appId: 'wx1234567891234567',
    uid: 'oI2nx3EUnScOMVVBJBYq-1234567',
    productId: '500.picsh.cre',
    goodsName: '20钻石',
    amount: 2000,
    currency: 'CNY',
    payType: 2,
    paidAt: Date.UTC(2025, 11, 31, 15, 30, 0), // 2026-01-01 00:30:00 KST
    zone: '华东大区1服',
    gameUid: '1d45s23s2',
    gameNickname: '轻舞飞扬',
    device: { type: 3, brand: 'OPPO', model: 'OPPO A57', os: 'android', osVersion: '10', language: 'zh_CN' },
    netType: '4G',
    scene: '1047',
    sdkVersion: '0.1.0',
    ...over,
  };
  return { report, isFirstPay: true, clientIp: '113.105.0.58', receivedAt: report.paidAt + 1000, ...stored };
}

/** A game with all three sinks, parsed by the real schema so defaults apply as at run time. */
export function fixtureGame(urls: { tianmu?: string; hive?: string; kakao?: string } = {}, kakaoExtra: Record<string, unknown> = {}): GameConfig {
  return GameConfigSchema.parse({
    appId: 'wx1234567891234567',
    sinks: {
      tianmu: urls.tianmu ? { url: urls.tianmu } : { capture: '/tmp/unused' },
      hive: {
        ...(urls.hive ? { url: urls.hive } : { capture: '/tmp/unused' }),
        appId: 'com.example.game',
        gameShort: 'samplegame',
        company: 'C2S',
        gameIndex: 2414,
        market: 'TC',
        serverId: 'CN',
      },
      kakao: {
        ...(urls.kakao ? { url: urls.kakao } : { capture: '/tmp/unused' }),
        appId: '103815',
        appSecret: 'kakao-app-secret-951b75bf',
        adminKey: 'kakao-admin-key-11118035a3',
        ...kakaoExtra,
      },
    },
  });
}

/** Sends a sink request to a fake over real HTTP and returns what the classifier sees. */
export async function send(req: SinkRequest): Promise<SinkResponse> {
  const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return { status: res.status, headers, body: await res.text() };
}

const text = (max: number) => fc.string({ minLength: 1, maxLength: max });

/** Any report the relay's schema would accept (within the currencies the sink under test takes). */
export function arbitraryPurchase(currencies: readonly string[] = ['CNY', 'KRW', 'JPY', 'USD', 'KWD']): fc.Arbitrary<StoredPurchase> {
  return fc
    .record(
      {
        orderId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        uid: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        productId: text(80),
        goodsName: text(40),
        amount: fc.integer({ min: 0, max: 1e12 }),
        currency: fc.constantFrom(...currencies),
        payType: fc.constantFrom(2 as const, 3 as const),
        paidAt: fc.integer({ min: PAID_AT_MIN, max: PAID_AT_MAX }),
        zone: text(20),
        gameUid: fc.oneof(text(20), fc.stringMatching(/^\d{1,12}$/)),
        level: fc.integer({ min: 0, max: 10_000 }),
        playerId: fc.stringMatching(/^[0-9]{1,20}$/),
        country: fc.stringMatching(/^[A-Za-z]{2}$/),
        serverId: fc.constantFrom('KR', 'GLOBAL-3', 'not-a-code'),
        characterId: fc.stringMatching(/^\d{1,10}$/),
        device: fc.record(
          {
            type: fc.constantFrom(1 as const, 2 as const, 3 as const),
            brand: text(20),
            model: text(60),
            os: fc.constantFrom('android', 'ios', 'windows', 'devtools'),
            osVersion: text(40),
            language: fc.constantFrom('zh_CN', 'zh_TW', 'en', 'ko-KR', 'x'),
          },
          { requiredKeys: ['type'] },
        ),
        netType: text(8),
        scene: fc.stringMatching(/^\d{4}$/),
      },
      { requiredKeys: ['orderId', 'uid', 'productId', 'amount', 'currency', 'payType', 'paidAt', 'device'] },
    )
    .chain((r) =>
      fc.record({
        isFirstPay: fc.boolean(),
        clientIp: fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4().map((ip) => `::ffff:${ip}`)),
      }).map((s) => ({ report: { appId: 'wx1234567891234567', sdkVersion: '0.1.0', ...r }, receivedAt: r.paidAt, ...s })),
    );
}
