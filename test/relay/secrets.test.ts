import { resolveConfig } from '../../src/relay/config/load-config';
import { collectSecrets } from '../../src/relay/secrets';
import { ENV, designConfig } from './config/config-kit';

describe('collectSecrets', () => {
  it('lists every resolved secret of the config and nothing that is not one', () => {
    const r = resolveConfig(designConfig(), ENV);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(collectSecrets(r.config).sort()).toEqual(Object.values(ENV).sort());
  });

  it('includes the Postgres password, raw and URL-encoded', () => {
    const c = designConfig();
    c.storage = { postgres: 'env:DATABASE_URL' };
    const r = resolveConfig(c, { ...ENV, DATABASE_URL: 'postgres://relay:p%40ss-w0rd!@127.0.0.1:5432/relay' });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(collectSecrets(r.config)).toEqual(expect.arrayContaining(['p@ss-w0rd!', 'p%40ss-w0rd!']));
  });

  it('covers every game', () => {
    const c = designConfig();
    const second = JSON.parse(JSON.stringify(c.games[0]));
    second.appId = 'wx-second-game';
    second.sinks.kakao.adminKey = 'env:SECOND_KAKAO_KEY';
    c.games.push(second);
    const r = resolveConfig(c, { ...ENV, SECOND_KAKAO_KEY: 'second-kakao-admin-key' });
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(collectSecrets(r.config)).toContain('second-kakao-admin-key');
  });
});
