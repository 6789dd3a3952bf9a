import { loadConfig, parseConfigText, resolveConfig } from '../../../src/relay/config/load-config';
import { ENV, designConfig, tempDir } from './config-kit';

const problemsOf = (raw: unknown): string[] => {
  const r = resolveConfig(raw, ENV);
  return r.ok ? [] : r.problems;
};

describe('config loader: validation, one line per problem', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('names the key and says why: a wrong type', () => {
    const c = designConfig();
    c.games[0].sinks.hive.gameIndex = '2414';
    expect(problemsOf(c)).toEqual(['games[0].sinks.hive.gameIndex: expected a number, got a string']);
  });

  it('reports every problem at once, each on its own line', () => {
    const c = designConfig();
    c.port = 70000;
    delete c.games[0].sinks.hive.company;
    c.games[0].sinks.tianmu = { version: '1.0.0' };
    c.games[0].sinks.kakao.adminKey = 'env:UNSET_KEY';
    const problems = problemsOf(c);
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        'games[0].sinks.kakao.adminKey: environment variable UNSET_KEY is not set',
        expect.stringMatching(/^port: /),
        'games[0].sinks.hive.company: required (expected a string)',
        'games[0].sinks.tianmu: give exactly one of "url" and "capture"',
      ]),
    );
  });

  it('refuses an unknown session mode and an empty games list', () => {
    const c = designConfig();
    c.session.mode = 'open';
    c.games = [];
    const problems = problemsOf(c);
    expect(problems.some((p) => p.startsWith('session.mode: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('games: '))).toBe(true);
  });

  it('checks across keys: duplicate app ids, wechat sessions need each game\'s wechat block', () => {
    const c = designConfig();
    const second = JSON.parse(JSON.stringify(c.games[0]));
    delete second.wechat;
    c.games.push(second);
    expect(problemsOf(c)).toEqual([
      'games[1].appId: wx1234567891234567 is already games[0]',
      'games[1].wechat: required when session.mode is "wechat" (appSecret for jscode2session)',
    ]);
  });

  it("checks Hive's own limits at start-up rather than at the first delivery", () => {
    const c = designConfig();
    Object.assign(c.games[0].sinks.hive, { gameIndex: 40000, serverId: 'MARS', serverIp: 'localhost' });
    expect(problemsOf(c)).toEqual([
      "games[0].sinks.hive.gameIndex: Hive's game_index is a smallint (at most 32767)",
      'games[0].sinks.hive.serverId: "MARS" is not a Hive server code (GLOBAL, KR, CN-2, ...)',
      "games[0].sinks.hive.serverIp: Hive's server_ip is a dotted IPv4 address",
    ]);
  });

  it('says which file could not be read', async () => {
    const missing = `${tmp.dir}/nope.json`;
    expect(await loadConfig(missing, ENV)).toEqual({ ok: false, problems: [`${missing}: cannot read the config file (no such file)`] });
  });

  it('accepts a file with a byte-order mark', () => {
    expect(parseConfigText('\uFEFF' + JSON.stringify(designConfig()), ENV).ok).toBe(true);
  });
});
