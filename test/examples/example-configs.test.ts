import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../src/relay/config/load-config';

const dir = path.resolve(__dirname, '../../examples');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.relay.json'));

/** A value of the right shape for each `env:NAME` the file names, as an operator's environment would hold. */
function placeholderEnv(text: string): NodeJS.ProcessEnv {
  const names = [...text.matchAll(/"env:([A-Za-z_][A-Za-z0-9_]*)"/g)].map((m) => m[1]);
  return Object.fromEntries(
    names.map((name) => {
      if (name === 'DATABASE_URL') return [name, 'postgres://relay:placeholder-password@db.internal:5432/relay'];
      if (name.endsWith('KEY_ENCRYPTION_KEY')) return [name, randomBytes(32).toString('base64')];
      if (name.endsWith('PUSH_AES_KEY')) return [name, 'a'.repeat(43)];
      return [name, `placeholder-${name.toLowerCase()}-0123456789`];
    }),
  );
}

describe('examples/: complete production configs', () => {
  it('are there: a WeChat game with all three sinks, and a multi-game relay', () => {
    expect(files).toEqual(expect.arrayContaining(['wechat-game.relay.json', 'multi-game.relay.json']));
  });

  it.each(files)('%s loads with its environment set, sends for real, and holds no secret', async (file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const result = await loadConfig(path.join(dir, file), placeholderEnv(text));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const config = result.config;
    expect(config.session.mode).toBe('wechat');
    expect('postgres' in config.storage).toBe(true);
    expect(config.trustedProxies.length).toBeGreaterThan(0);
    for (const game of config.games) {
      for (const sink of Object.values(game.sinks)) {
        expect(sink?.capture).toBeUndefined();
        expect(sink?.url).toMatch(/^https:\/\//);
      }
    }
  });

  it.each(files)('%s names what it is missing when the environment is not set', async (file) => {
    const result = await loadConfig(path.join(dir, file), {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.every((p) => /environment variable [A-Z_]+ is not set$/.test(p))).toBe(true);
  });

  it('the WeChat game: verified revenue (wechat.pay with pushes), Tianmu, Hive and Kakao', async () => {
    const file = path.join(dir, 'wechat-game.relay.json');
    const result = await loadConfig(file, placeholderEnv(fs.readFileSync(file, 'utf8')));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const game = result.config.games[0];
    expect(game.revenue).toBe('verified');
    expect(game.wechat?.pay?.push?.token).toBeDefined();
    expect(Object.keys(game.sinks).sort()).toEqual(['hive', 'kakao', 'tianmu']);
  });
});
