import fc from 'fast-check';
import { HIVE_DEFAULT_URL, hiveSink, toHiveRow } from '../../../src/relay/sinks/hive-sink';
import { hiveGuid } from '../../../src/relay/sinks/hive-fields';
import { HiveRequestSchema } from '../../../src/relay/sinks/hive-wire';
import { FakeHive } from '../../fakes/upstreams/fake-hive';
import type { StartedFake } from '../../fakes/upstreams/fake-server';
import { arbitraryPurchase, fixtureGame, fixturePurchase, readFixture, send } from './sink-test-kit';

const game = fixtureGame({ hive: 'http://127.0.0.1:1/v1/server-recv' });
const config = hiveSink.configOf(game)!;
const row = (...args: Parameters<typeof fixturePurchase>) => toHiveRow(fixturePurchase(...args), config, game);

/**
 * Every column the purchase_log table marks 필수 (Y), with the type it gives, copied from
 * specs/hive-purchase-log.md independently of the wire schema; plus category / dateTime / guid of the HTTP facts.
 */
const REQUIRED: Record<string, 'string' | 'number' | 'int' | 'nullable-int'> = {
  channel: 'string', did: 'int', platform: 'string', os_version: 'string', market: 'string', game_index: 'int',
  app_id: 'string', version: 'string', nationality: 'string', client_ip: 'string', transaction_id: 'string',
  product_id: 'string', product_name: 'string', product_price: 'number', currency: 'string', quantity: 'int',
  purchase_time: 'string', timezone: 'string', path: 'string', server_ip: 'string', giftee_uid: 'nullable-int',
  device_name: 'string', company: 'string', server_id: 'string', server_uid: 'int', level: 'int', character_id: 'int',
  character_type_id: 'int', character_level: 'int', language: 'string', game_language: 'string',
  device_language: 'string', item_send_ok: 'string', category: 'string', dateTime: 'string', guid: 'string',
};

describe('Hive mapping (specs/hive-purchase-log.md)', () => {
  it('fills every required column of the table with its type', () => {
    const r = row() as unknown as Record<string, unknown>;
    for (const [col, type] of Object.entries(REQUIRED)) {
      expect([col, col in r]).toEqual([col, true]);
      const v = r[col];
      if (type === 'string') expect([col, typeof v]).toEqual([col, 'string']);
      if (type === 'number') expect([col, typeof v]).toEqual([col, 'number']);
      if (type === 'int') expect([col, Number.isInteger(v)]).toEqual([col, true]);
      if (type === 'nullable-int') expect([col, v === null || Number.isInteger(v)]).toEqual([col, true]);
    }
    // uid / extra_uid: one of them (openid → extra_uid, no Hive uid)
    expect(r.uid).toBeNull();
    expect(r.extra_uid).toBe('oI2nx3EUnScOMVVBJBYq-1234567');
  });

  it("covers every column of the page's example except its `ip` (the table's client_ip)", () => {
    const example = readFixture<Record<string, unknown>>('hive-purchase-log.example.json');
    const ours = Object.keys(row());
    const optionalNotSent = ['mac_address', 'hiveiap_purchase_test'];
    const missing = Object.keys(example).filter((k) => !ours.includes(k) && k !== 'ip' && !optionalNotSent.includes(k));
    expect(missing).toEqual([]);
  });

  it('fills the studio columns from the game config and the rest from the report', () => {
    expect(row()).toMatchObject({
      category: 'samplegame_purchase_log', company: 'C2S', game_index: 2414, channel: 'C2S', market: 'TC',
      app_id: 'com.example.game', version: '1.0.0', server_ip: '127.0.0.1', server_id: 'CN',
      path: 'gs', quantity: 1, giftee_uid: null, item_send_ok: '', did: 0,
      transaction_id: '74a3a21ffca9b09d8def90a54a3014ca', product_id: '500.picsh.cre', product_name: '20钻石',
      currency: 'CNY', product_price: 20, platform: 'A', os_version: '10', device_name: 'OPPO A57',
      client_ip: '113.105.0.58', language: 'zh', game_language: 'zh-hans', device_language: 'zh-hans',
      character_type_id: 0, character_level: 0, character_id: 0, server_uid: 0, level: 0, nationality: '',
    });
  });

  it.each([
    [999, 'CNY', 9.99],
    [1200, 'KRW', 1200],
    [1, 'JPY', 1],
    [199, 'USD', 1.99],
    [1234, 'KWD', 1.234],
    [10, 'CNY', 0.1],
    [0, 'CNY', 0],
  ])('product_price of %i %s minor units is %s', (amount, currency, price) => {
    expect(row({ amount, currency }).product_price).toBe(price);
  });

  it('writes purchase_time and dateTime in KST across a date line, with timezone GMT+09:00', () => {
    const r = row({ paidAt: Date.parse('2025-12-31T15:30:00Z') });
    expect(r.purchase_time).toBe('2026-01-01 00:30:00');
    expect(r.dateTime).toBe('2026-01-01 00:30:00');
    expect(r.timezone).toBe('GMT+09:00');
  });

  it('derives one guid per purchase: stable across resends, different per order and per game', () => {
    const a = row({ orderId: 'A1' }).guid;
    expect(row({ orderId: 'A1' }).guid).toBe(a);
    expect(row({ orderId: 'A2' }).guid).not.toBe(a);
    expect(hiveGuid('com.example.game', 'wx-other-game', 'A1')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('maps device type to platform A / I / W and languages to Hive codes', () => {
    expect(row({ device: { type: 3 } }).platform).toBe('A');
    expect(row({ device: { type: 2 } }).platform).toBe('I');
    expect(row({ device: { type: 1 } }).platform).toBe('W');
    const lang = (language?: string) => row({ device: { type: 3, language } });
    expect(lang('zh_TW')).toMatchObject({ language: 'zh', device_language: 'zh-hant' });
    expect(lang('zh-Hant-HK')).toMatchObject({ language: 'zh', device_language: 'zh-hant' });
    expect(lang('ko-KR')).toMatchObject({ language: 'ko', device_language: 'ko', game_language: 'ko' });
    expect(lang(undefined)).toMatchObject({ language: '', device_language: '', game_language: '' });
  });

  it('takes nationality, server, level, server_uid and character_id from the report when it has them', () => {
    expect(row({ country: 'kr', serverId: 'KR-2', level: 21, gameUid: '123456', characterId: '77' })).toMatchObject({
      nationality: 'KR', server_id: 'KR-2', level: 21, server_uid: 123456, character_id: 77,
    });
    // a server the Hive table does not know falls back to the game's; a non-numeric game uid to 0
    expect(row({ serverId: 'shard-9', gameUid: 'abc' })).toMatchObject({ server_id: 'CN', server_uid: 0 });
  });

  it('keeps client_ip a dotted IPv4: unwraps ::ffff:, sends IPv6 empty', () => {
    expect(row({}, { clientIp: '::ffff:10.0.0.7' }).client_ip).toBe('10.0.0.7');
    expect(row({}, { clientIp: '2001:db8::1' }).client_ip).toBe('');
  });

  it('keeps extra_uid within string(30): a longer openid becomes a stable 30-char digest', () => {
    const long = 'A'.repeat(40);
    const a = row({ uid: long }).extra_uid!;
    expect(a).toHaveLength(30);
    expect(row({ uid: long }).extra_uid).toBe(a);
    expect(row({ uid: 'B'.repeat(40) }).extra_uid).not.toBe(a);
  });

  it('posts {appId, logBody} with Content-Type application/json; charset=utf8; capture mode targets the real host', () => {
    const req = hiveSink.toRequest([fixturePurchase()], config, game);
    expect(req).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:1/v1/server-recv', headers: { 'Content-Type': 'application/json; charset=utf8' } });
    expect(Object.keys(JSON.parse(req.body))).toEqual(['appId', 'logBody']);
    const captured = fixtureGame();
    expect(hiveSink.toRequest([fixturePurchase()], hiveSink.configOf(captured)!, captured).url).toBe(HIVE_DEFAULT_URL);
  });

  it('batches up to batchSize purchases of one game into one request, one row each, in order', () => {
    expect(hiveSink.maxBatch(config)).toBe(50);
    const ps = ['o1', 'o2', 'o3'].map((orderId) => fixturePurchase({ orderId }));
    const body = JSON.parse(hiveSink.toRequest(ps, config, game).body);
    expect(body.logBody.map((r: { transaction_id: string }) => r.transaction_id)).toEqual(['o1', 'o2', 'o3']);
    expect(() => hiveSink.toRequest(Array.from({ length: 51 }, () => fixturePurchase()), config, game)).toThrow(RangeError);
  });

  it('builds a request the wire schema accepts for any purchase the relay accepts', () => {
    fc.assert(
      fc.property(fc.array(arbitraryPurchase(), { minLength: 1, maxLength: 5 }), (ps) => {
        const body = HiveRequestSchema.parse(JSON.parse(hiveSink.toRequest(ps, config, game).body));
        body.logBody.forEach((r, i) => {
          expect(r.transaction_id).toBe(ps[i].report.orderId);
          expect(r.currency).toBe(ps[i].report.currency);
        });
      }),
      { numRuns: 300 },
    );
  });

  describe('against the fake Hive', () => {
    const fake = new FakeHive({ appId: 'com.example.game', categories: ['samplegame_purchase_log'] });
    let server: StartedFake;
    beforeAll(async () => (server = await fake.start()));
    afterAll(() => server.close());

    it('accepts a batch; a resend of the same purchases carries the same guids, so Hive can drop them', async () => {
      const live = fixtureGame({ hive: server.url });
      const req = hiveSink.toRequest(['h1', 'h2'].map((orderId) => fixturePurchase({ orderId })), hiveSink.configOf(live)!, live);
      const first = await send(req);
      expect(hiveSink.classify(first)).toEqual({ outcome: 'delivered' });
      await send(hiveSink.toRequest(['h1', 'h2'].map((orderId) => fixturePurchase({ orderId })), hiveSink.configOf(live)!, live));
      expect(fake.rejected).toEqual([]);
      expect(fake.transactionIds()).toEqual(['h1', 'h2', 'h1', 'h2']);
      expect(fake.uniqueIds().size).toBe(2);
      expect(fake.duplicateCount()).toBe(2);
    });
  });
});
