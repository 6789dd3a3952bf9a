import * as fs from 'node:fs';
import * as path from 'node:path';
import { RelayConfigSchema } from '../../../src/relay/config/config-schema';
import { defaultDemoConfig, sampleCatalogPath } from '../../../src/relay/config/load-config';

describe('the embedded demo config', () => {
  const c = defaultDemoConfig('/tmp/relay-demo-data');

  it('is SQLite under the data dir, sandbox sessions, all three sinks capturing under <data>/captured', () => {
    expect(c.storage).toEqual({ sqlite: path.join('/tmp/relay-demo-data', 'relay.db') });
    expect(c.session.mode).toBe('sandbox');
    const sinks = c.games[0].sinks;
    for (const s of [sinks.tianmu, sinks.hive, sinks.kakao]) {
      expect(s?.capture).toBe(path.join('/tmp/relay-demo-data', 'captured'));
      expect(s?.url).toBeUndefined();
    }
    expect(c.games[0].appId).toBe('wx1234567891234567');
  });

  it('is a valid config as it stands', () => {
    expect(RelayConfigSchema.safeParse(c).success).toBe(true);
  });

  it('draws a fresh session secret at each start-up', () => {
    const again = defaultDemoConfig('/tmp/relay-demo-data');
    expect(again.session.secret).not.toBe(c.session.secret);
    expect(c.session.secret.length).toBeGreaterThanOrEqual(32);
  });

  it("serves the sample catalog from the package's own copy, not from ../shared", () => {
    const catalog = c.games[0].catalog;
    expect(catalog && 'file' in catalog ? catalog.file : undefined).toBe(sampleCatalogPath());
    expect(sampleCatalogPath()).not.toContain('/work/shared');
    expect(fs.readFileSync(sampleCatalogPath(), 'utf8')).toBe(fs.readFileSync('/work/shared/fixtures/catalog-v2.sample.json', 'utf8'));
  });
});
