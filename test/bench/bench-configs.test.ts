import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../src/relay/config/load-config';
import { BENCH_ENV, captureSinks, fleetConfig, floodConfig, ingestConfig, sinksAt, stormConfig } from './bench-configs';

// Each bench's relay config, as the bench writes it, loads as `purchase-relay start` would load it (unknown keys,
// schema, env secrets, cross-checks): a config change that would stop a bench fails here.
describe('the relay configs the benches run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-configs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const urls = { tianmu: 'http://127.0.0.1:1/tianmu', hive: 'http://127.0.0.1:1/hive', kakao: 'http://127.0.0.1:1/kakao' };

  const cases: Array<[string, object]> = [
    ['relay-ingest, delivering to fakes', ingestConfig({ sqlite: join(dir, 'ingest.db') }, sinksAt(urls))],
    ['relay-ingest, no sink, in-memory SQLite, 64 in flight', ingestConfig({ sqlite: ':memory:' }, {}, 64)],
    ['relay-fleet, PostgreSQL, capture sinks', fleetConfig({ postgres: 'postgres://postgres@127.0.0.1:5432/bench' }, captureSinks(join(dir, 'capture')))],
    ['relay-fleet, SQLite, no sink', fleetConfig({ sqlite: join(dir, 'fleet.db') }, {})],
    ['relay-flood, default report limits', floodConfig(join(dir, 'flood.db'), {}, 'http://127.0.0.1:9/')],
    ['relay-flood, report limits off', floodConfig(join(dir, 'flood.db'), { reportsPerPlayerPerMinute: 100_000_000 }, 'http://127.0.0.1:9/')],
    ['connection-storm', stormConfig(join(dir, 'storm.db'), join(dir, 'captured'))],
  ];

  it.each(cases)('%s: loads', (_name, raw) => {
    const loaded = resolveConfig(raw, BENCH_ENV);
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });

  it('delivers the fakes every sink the bench counts', () => {
    const loaded = resolveConfig(ingestConfig({ sqlite: join(dir, 'ingest.db') }, sinksAt(urls)), BENCH_ENV);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    expect(Object.keys(loaded.config.games[0].sinks).sort()).toEqual(['hive', 'kakao', 'tianmu']);
  });

  it('would have caught the missing Kakao country that stopped two benches', () => {
    const raw = ingestConfig({ sqlite: join(dir, 'ingest.db') }, { kakao: { url: urls.kakao, appId: '103815', appSecret: 'env:BENCH_KAKAO_SECRET', adminKey: 'env:BENCH_KAKAO_ADMIN' } });
    const loaded = resolveConfig(raw, BENCH_ENV);
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? '' : loaded.problems.join('\n')).toMatch(/kakao\.defaultCountry/);
  });
});
