import { resolveConfig } from '../../../src/relay/config/load-config';
import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { createRelay, RelayConfigError } from '../../../src/relay/relay-app';
import { revenueMode } from '../../../src/relay/platforms';
import { collectSecrets } from '../../../src/relay/secrets';
import { ENV, designConfig } from './config-kit';

const KEK = Buffer.from(Array.from({ length: 32 }, (_, i) => (3 + i * 29) & 255)).toString('base64');
const PLATFORM_ENV = { ...ENV, DOUYIN_SECRET: 'douyin-secret-0123456789', DOUYIN_CB: 'douyin-callback-0123456789', QQ_SECRET: 'qq-secret-0123456789', RELAY_KEK: Buffer.from(Array.from({ length: 32 }, (_, i) => i * 5 + 3)).toString('base64') };

function withPlatforms(): Record<string, any> {
  const c = designConfig();
  // Payments seal the players' session keys: the loader asks for the key at load, not at start.
  c.session.keyEncryptionKey = 'env:RELAY_KEK';
  const base = { catalog: c.games[0].catalog, sinks: {} };
  c.games.push(
    { appId: 'tt0000000000000001', platform: 'douyin', douyin: { appSecret: 'env:DOUYIN_SECRET', pay: { callbackToken: 'env:DOUYIN_CB' } }, ...base },
    { appId: '1100000001', platform: 'qq', qq: { appSecret: 'env:QQ_SECRET', pay: {} }, ...base },
  );
  return c;
}

describe('config of Douyin and QQ games', () => {
  it('resolves their secrets from env:, with the real hosts as default apiBase, and lists them for redaction', () => {
    const r = resolveConfig(withPlatforms(), PLATFORM_ENV);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    const [, dy, qq] = r.config.games;
    expect(dy).toMatchObject({ platform: 'douyin', douyin: { appSecret: PLATFORM_ENV.DOUYIN_SECRET, apiBase: 'https://developer.toutiao.com', pay: { callbackToken: PLATFORM_ENV.DOUYIN_CB, mode: 'coins', zoneId: '1', coinPrice: 10 } } });
    expect(qq).toMatchObject({ platform: 'qq', qq: { appSecret: PLATFORM_ENV.QQ_SECRET, apiBase: 'https://api.q.qq.com', pay: { env: 0, pf: 'qq_m_qq-2001-android-2011', starPrice: 10 } } });
    expect(r.config.games[0].platform).toBe('wechat');
    expect(collectSecrets(r.config)).toEqual(expect.arrayContaining([PLATFORM_ENV.DOUYIN_SECRET, PLATFORM_ENV.DOUYIN_CB, PLATFORM_ENV.QQ_SECRET]));
    expect(r.config.games.map(revenueMode)).toEqual(['reported', 'verified', 'reported']);
  });

  it('refuses their secrets written in the file', () => {
    const c = withPlatforms();
    c.games[1].douyin.pay.callbackToken = 'a-literal-token-0123456789';
    c.games[2].qq.appSecret = 'a-literal-secret-0123456789';
    const r = resolveConfig(c, PLATFORM_ENV);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^games\[1\]\.douyin\.pay\.callbackToken: secrets are not written/), expect.stringMatching(/^games\[2\]\.qq\.appSecret: secrets are not written/)]));
  });

  it('needs each game\'s own platform block for wechat sessions', () => {
    const c = withPlatforms();
    delete c.games[1].douyin;
    const r = resolveConfig(c, PLATFORM_ENV);
    expect(r.ok ? [] : r.problems).toEqual(['games[1].douyin: required when session.mode is "wechat" (appSecret for jscode2session)']);
  });

  it('refuses verified revenue on QQ (no confirmation source yet) and a pay block of another platform', async () => {
    const config = RelayConfigSchema.parse({
      port: 0,
      storage: { sqlite: ':memory:' },
      session: { mode: 'wechat', secret: 'session-secret-0123456789', keyEncryptionKey: KEK },
      games: [
        { appId: '1100000001', platform: 'qq', revenue: 'verified', qq: { appSecret: 'qq-secret-0123456789', pay: {} } },
        { appId: 'tt0000000000000001', platform: 'douyin', douyin: { appSecret: 'douyin-secret-0123456789' }, qq: { appSecret: 'qq-secret-0123456789', pay: {} } },
      ],
    });
    await expect(createRelay(config).start()).rejects.toEqual(
      new RelayConfigError([
        'games[0].revenue: "verified" is not possible on QQ yet: no payment confirmation source is known (platforms/qq/qq-unconfirmed.ts)',
        'games[1].qq.pay: the game\'s platform is "douyin" (set games[1].platform to use it)',
      ]),
    );
  });
});
