import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { revenueMode } from '../../../src/relay/platforms';
import { createRelay, RelayConfigError } from '../../../src/relay/relay-app';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { collectSecrets } from '../../../src/relay/secrets';
import { resolveConfig } from '../../../src/relay/config/load-config';

const KEK = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 1)).toString('base64');
const pay = { offerId: '1450000000', appKey: 'live-app-key-0123456789' };

function config(patch: { session?: Record<string, unknown>; game?: Record<string, unknown> }) {
  return RelayConfigSchema.parse({
    port: 0,
    storage: { sqlite: ':memory:' },
    session: { mode: 'wechat', secret: 'session-secret-0123456789', keyEncryptionKey: KEK, ...patch.session },
    games: [{ appId: 'wx1', wechat: { appSecret: 'app-secret-0123456789', pay }, ...patch.game }],
  });
}

async function problems(c: ReturnType<typeof config>): Promise<string[]> {
  const relay = createRelay(c, { log: createRelayLogger({ destination: { write: () => undefined } }), deliveries: false });
  try {
    await relay.start();
    await relay.stop();
    return [];
  } catch (e) {
    if (e instanceof RelayConfigError) return e.problems;
    throw e;
  }
}

describe('payment config checks at start', () => {
  it('defaults revenue to verified with a pay config and to reported without', () => {
    expect(revenueMode(config({}).games[0])).toBe('verified');
    expect(revenueMode(config({ game: { wechat: { appSecret: 'app-secret-0123456789' } } }).games[0])).toBe('reported');
    expect(revenueMode(config({ game: { revenue: 'reported' } }).games[0])).toBe('reported');
  });

  it('refuses a pay config without a key encryption key, or with a weak one', async () => {
    expect(await problems(config({ session: { keyEncryptionKey: undefined } }))).toEqual([expect.stringMatching(/^session\.keyEncryptionKey: required/)]);
    expect(await problems(config({ session: { keyEncryptionKey: 'too-short' } }))).toEqual([expect.stringMatching(/^session\.keyEncryptionKey: /)]);
  });

  it('refuses a sandbox env without the sandbox AppKey, and verified revenue with nothing to prove it', async () => {
    expect(await problems(config({ game: { wechat: { appSecret: 'app-secret-0123456789', pay: { ...pay, env: 1 } } } }))).toEqual([
      'games[0].wechat.pay.sandboxAppKey: required when wechat.pay.env is 1',
    ]);
    expect(await problems(config({ game: { wechat: { appSecret: 'app-secret-0123456789' }, revenue: 'verified' } }))).toEqual([
      'games[0].revenue: "verified" needs games[0].wechat.pay (nothing could prove a payment, so no sink would get a purchase)',
    ]);
  });

  describe('with sandbox sessions (any code logs in)', () => {
    const sandbox = { mode: 'sandbox', secret: 'session-secret-0123456789', keyEncryptionKey: KEK };
    const capture = { tianmu: { capture: '/tmp/captured' } };

    it('starts when every sink of the game captures (the demo): nothing signed can become revenue', async () => {
      expect(await problems(config({ session: sandbox, game: { sinks: capture } }))).toEqual([]);
      expect(await problems(config({ session: sandbox }))).toEqual([]);
    });

    it('refuses a sink that sends, even with allowSandboxRevenue', async () => {
      const sinks = { ...capture, hive: { url: 'http://127.0.0.1:9/hive', appId: 'a', gameShort: 'g', company: 'C2S', gameIndex: 1, market: 'TC', serverId: 'CN' } };
      const refused = [expect.stringMatching(/^games\[0\]\.wechat\.pay: needs session\.mode "wechat" .*games\[0\]\.sinks\.hive sends/)];
      expect(await problems(config({ session: sandbox, game: { sinks } }))).toEqual(expect.arrayContaining(refused));
      expect(await problems(RelayConfigSchema.parse({ ...config({ session: sandbox, game: { sinks } }), allowSandboxRevenue: true }))).toEqual(refused);
    });

    it('needs the key encryption key for the sandbox session keys', async () => {
      expect(await problems(config({ session: { ...sandbox, keyEncryptionKey: undefined }, game: { sinks: capture } }))).toEqual([
        expect.stringMatching(/^session\.keyEncryptionKey: required/),
      ]);
    });
  });

  it('starts with a complete pay config', async () => {
    expect(await problems(config({}))).toEqual([]);
  });

  it('treats every payment key as a secret: env only in the file, redacted from logs', () => {
    const raw = {
      session: { mode: 'wechat', secret: 'env:S', keyEncryptionKey: KEK },
      games: [{ appId: 'wx1', wechat: { appSecret: 'env:A', pay: { offerId: '1', appKey: 'live-key-in-file', sandboxAppKey: 'env:SB', push: { token: 'token-in-file', encodingAesKey: 'env:AES' } } } }],
    };
    const r = resolveConfig(raw, { S: 'session-secret-0123456789', A: 'app-secret-0123456789', SB: 'sandbox-key-0123456789', AES: 'a'.repeat(43) });
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.join('\n');
    for (const path of ['session.keyEncryptionKey', 'games[0].wechat.pay.appKey', 'games[0].wechat.pay.push.token']) expect(text).toContain(`${path}: secrets are not written in the config file`);
    expect(text).not.toContain('live-key-in-file');
    const c = config({ game: { wechat: { appSecret: 'app-secret-0123456789', pay: { ...pay, sandboxAppKey: 'sandbox-key-0123456789', push: { token: 'push-token-0123456789', encodingAesKey: 'b'.repeat(43) } } } } });
    expect(collectSecrets(c)).toEqual(expect.arrayContaining([KEK, 'live-app-key-0123456789', 'sandbox-key-0123456789', 'push-token-0123456789', 'b'.repeat(43)]));
  });
});
