import type { PurchaseReport } from '../../../src/shared/schemas/purchase-report';
import type { SinkName } from '../../../src/relay/config/config-schema';
import type { IngestItem } from '../../../src/relay/storage/storage';

export const APP_ID = 'wx1234567891234567';

/** A valid report (DESIGN.md's sample) with `overrides` applied. */
export function makeReport(overrides: Partial<PurchaseReport> = {}): PurchaseReport {
  return {
    orderId: '74a3a21ffca9b09d8def90a54a3014ca',
    appId: APP_ID,
    uid: 'oI2nx3EUnScOMVVBJBYq-1234567',
    productId: '500.picsh.cre',
    goodsName: '500 diamonds',
    amount: 999,
    currency: 'CNY',
    payType: 2,
    paidAt: 1763800000000,
    zone: '华东大区1服',
    gameUid: '1d45s23s2',
    gameNickname: '轻舞飞扬',
    level: 21,
    device: { type: 3, brand: 'OPPO', model: 'OPPO A57', os: 'android', osVersion: '10', language: 'zh_CN', platformVersion: '3.3.4' },
    netType: '4g',
    scene: '1047',
    sdkVersion: '0.1.0',
    ...overrides,
  };
}

export function makeItem(
  overrides: Partial<PurchaseReport> = {},
  extra: { sinks?: SinkName[]; receivedAt?: number; clientIp?: string } = {},
): IngestItem {
  return {
    report: makeReport(overrides),
    clientIp: extra.clientIp ?? '203.0.113.7',
    receivedAt: extra.receivedAt ?? 1_763_800_001_000,
    sinks: extra.sinks ?? ['tianmu', 'hive', 'kakao'],
  };
}
