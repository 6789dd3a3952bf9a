import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { defaultDemoConfig, resolveConfig } from '../../../src/relay/config/load-config';
import { createRelayLogger } from '../../../src/relay/log/logger';
import { createRelay } from '../../../src/relay/relay-app';
import { ENV, designConfig } from './config-kit';

/** The DESIGN.md config (live Tianmu, Hive, Kakao URLs) with sandbox sessions: anyone could log in and make revenue. */
function sandboxWithLiveSinks(): Record<string, any> {
  const c = designConfig();
  c.session = { mode: 'sandbox', secret: 'env:RELAY_SESSION_SECRET' };
  return c;
}

const SANDBOX_REVENUE = /sandbox.*allowSandboxRevenue/;

describe('sandbox sessions and live sinks', () => {
  it('the loader refuses sandbox sessions with a sink that sends, naming each such sink and the way out', () => {
    const r = resolveConfig(sandboxWithLiveSinks(), ENV);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^games\[0\]\.sinks\.tianmu\.url: /),
        expect.stringMatching(/^games\[0\]\.sinks\.hive\.url: /),
        expect.stringMatching(/^games\[0\]\.sinks\.kakao\.url: /),
      ]),
    );
    for (const p of problems) expect(p).toMatch(SANDBOX_REVENUE);
  });

  it('the loader accepts it when the config says "allowSandboxRevenue": true', () => {
    const r = resolveConfig({ ...sandboxWithLiveSinks(), allowSandboxRevenue: true }, ENV);
    expect(r.ok).toBe(true);
    expect(r.ok && r.config.allowSandboxRevenue).toBe(true);
  });

  it('capture sinks (the demo) and wechat sessions need no such key', () => {
    const capture = sandboxWithLiveSinks();
    for (const s of Object.values<Record<string, unknown>>(capture.games[0].sinks)) {
      delete s.url;
      s.capture = 'data/captured';
    }
    expect(resolveConfig(capture, ENV).ok).toBe(true);
    expect(resolveConfig(designConfig(), ENV).ok).toBe(true);
  });

  describe('at start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-revenue-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const quiet = () => createRelayLogger({ destination: { write: () => undefined } });
    const config = (patch: Record<string, unknown>) =>
      RelayConfigSchema.parse({
        host: '127.0.0.1',
        port: 0,
        storage: { sqlite: join(dir, `${Object.keys(patch).join('-') || 'plain'}.db`) },
        session: { mode: 'sandbox', secret: 'sandbox-secret-0123456789' },
        games: [{ appId: 'wx1', sinks: { tianmu: { url: 'http://127.0.0.1:9/never' } } }],
        ...patch,
      });

    it('createRelay refuses to start, and listens on nothing', async () => {
      const relay = createRelay(config({}), { log: quiet(), deliveries: false });
      try {
        await expect(relay.start()).rejects.toThrow(SANDBOX_REVENUE);
        expect(() => relay.url).toThrow();
      } finally {
        await relay.stop();
      }
    });

    it('starts with allowSandboxRevenue: true', async () => {
      const relay = createRelay(config({ allowSandboxRevenue: true }), { log: quiet(), deliveries: false });
      try {
        expect(await relay.start()).toMatch(/^http:/);
      } finally {
        await relay.stop();
      }
    });

    it('the demo config starts as it is', async () => {
      const demo = defaultDemoConfig(dir);
      const relay = createRelay({ ...demo, port: 0 }, { log: quiet(), deliveries: false });
      try {
        expect(await relay.start()).toMatch(/^http:/);
      } finally {
        await relay.stop();
      }
    });
  });
});
