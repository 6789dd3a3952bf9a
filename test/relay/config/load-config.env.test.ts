import { loadConfig, resolveConfig } from '../../../src/relay/config/load-config';
import { ENV, designConfig, tempDir } from './config-kit';

describe('config loader: env: secrets', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('loads the DESIGN.md example from a file and resolves every env: secret', async () => {
    const file = tmp.write('relay.json', JSON.stringify(designConfig(), null, 2));
    const result = await loadConfig(file, ENV);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const c = result.config;
    expect(c.session).toEqual({ mode: 'wechat', secret: ENV.RELAY_SESSION_SECRET, ttlSeconds: 7 * 24 * 3600 });
    expect(c.adminToken).toBe(ENV.RELAY_ADMIN_TOKEN);
    expect(c.games[0].wechat?.appSecret).toBe(ENV.WECHAT_APP_SECRET);
    expect(c.games[0].sinks.kakao).toMatchObject({ appSecret: ENV.KAKAO_APP_SECRET, adminKey: ENV.KAKAO_ADMIN_KEY });
    expect(c.games[0].gravity?.appKey).toBe(ENV.GRAVITY_APP_KEY);
    // defaults applied
    expect(c.delivery.maxAttempts).toBe(12);
    expect(c.games[0].sinks.hive).toMatchObject({ batchSize: 50, serverIp: '127.0.0.1', timeoutMs: 10_000 });
  });

  it('names the key and the variable of every missing one, and never prints a value', () => {
    const env = { ...ENV, KAKAO_ADMIN_KEY: undefined, GRAVITY_APP_KEY: '' };
    const result = resolveConfig(designConfig(), env);
    expect(result).toEqual({
      ok: false,
      problems: [
        'games[0].sinks.kakao.adminKey: environment variable KAKAO_ADMIN_KEY is not set',
        'games[0].gravity.appKey: environment variable GRAVITY_APP_KEY is not set',
      ],
    });
    const text = JSON.stringify(result);
    for (const v of Object.values(ENV)) expect(text).not.toContain(v);
  });

  it('refuses a literal secret in the file, whichever secret key holds it', () => {
    const c = designConfig();
    c.games[0].sinks.kakao.appSecret = 'literal-secret-in-file';
    c.adminToken = 'another-literal-secret';
    const result = resolveConfig(c, ENV);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'adminToken: secrets are not written in the config file; write "env:NAME" and set NAME in the environment',
      'games[0].sinks.kakao.appSecret: secrets are not written in the config file; write "env:NAME" and set NAME in the environment',
    ]);
    expect(result.problems.join('\n')).not.toContain('literal-secret-in-file');
  });

  it('lets a sandbox session keep a literal secret, and only that one', () => {
    const c = designConfig();
    c.session = { mode: 'sandbox', secret: 'sandbox-literal-secret' };
    // The design config's sinks are live: a sandbox relay may send to them only when told to.
    c.allowSandboxRevenue = true;
    const ok = resolveConfig(c, ENV);
    expect(ok.ok && ok.config.session.secret).toBe('sandbox-literal-secret');
    c.games[0].wechat.appSecret = 'still-not-allowed-here';
    const bad = resolveConfig(c, ENV);
    expect(bad.ok ? [] : bad.problems).toEqual([expect.stringMatching(/^games\[0\]\.wechat\.appSecret: secrets are not written/)]);
  });

  it('refuses a secret too short to be one, without printing it', () => {
    const result = resolveConfig(designConfig(), { ...ENV, RELAY_ADMIN_TOKEN: 'abc' });
    expect(result).toEqual({ ok: false, problems: ['adminToken: the value of RELAY_ADMIN_TOKEN is too short for a secret (at least 8 characters)'] });
  });

  it('resolves env: in any string, e.g. the Postgres URL, and rejects a malformed variable name', () => {
    const c = designConfig();
    c.storage = { postgres: 'env:DATABASE_URL' };
    const ok = resolveConfig(c, { ...ENV, DATABASE_URL: 'postgres://relay:pw-123456@127.0.0.1:5432/relay' });
    expect(ok.ok && ok.config.storage).toEqual({ postgres: 'postgres://relay:pw-123456@127.0.0.1:5432/relay' });
    c.adminToken = 'env:NOT-A-NAME';
    const bad = resolveConfig(c, { ...ENV, DATABASE_URL: 'postgres://x@h/db' });
    expect(bad.ok ? [] : bad.problems).toEqual(['adminToken: "env:NOT-A-NAME" is not "env:NAME" with NAME of letters, digits and _']);
  });
});
