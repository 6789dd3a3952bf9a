import { z } from 'zod';
import { GameConfigSchema } from '../../../src/relay/config/config-schema';
import { resolveConfig } from '../../../src/relay/config/load-config';
import { unknownKeys } from '../../../src/relay/config/unknown-keys';
import { ENV, designConfig } from './config-kit';

const problemsOf = (raw: unknown): string[] => {
  const r = resolveConfig(raw, ENV);
  return r.ok ? [] : r.problems;
};

describe('config loader: an unknown key is an error, with the key meant', () => {
  it('a misspelt sink ("hvie") no longer turns Hive off silently', () => {
    const c = designConfig();
    c.games[0].sinks.hvie = c.games[0].sinks.hive;
    delete c.games[0].sinks.hive;
    expect(problemsOf(c)).toEqual(['games[0].sinks.hvie: unknown key; did you mean "hive"?']);
  });

  it('"defaultCountyr" is caught at load, not as dead Kakao deliveries at run time', () => {
    const c = designConfig();
    delete c.games[0].sinks.kakao.defaultCountry;
    c.games[0].sinks.kakao.defaultCountyr = 'kr';
    expect(problemsOf(c)[0]).toBe('games[0].sinks.kakao.defaultCountyr: unknown key; did you mean "defaultCountry"?');
  });

  it('"sesion" says what was meant, not only "session: required"', () => {
    const c = designConfig();
    c.sesion = c.session;
    delete c.session;
    expect(problemsOf(c)[0]).toBe('sesion: unknown key; did you mean "session"?');
  });

  it('"limts" and "maxAtempts" do not run with the defaults', () => {
    const c = designConfig();
    c.limts = { bodyBytes: 1024 };
    c.delivery = { maxAtempts: 3 };
    expect(problemsOf(c)).toEqual([
      'limts: unknown key; did you mean "limits"?',
      'delivery.maxAtempts: unknown key; did you mean "maxAttempts"?',
    ]);
  });

  it('a key far from every known one gets no guess', () => {
    const c = designConfig();
    c.games[0].colour = 'blue';
    expect(problemsOf(c)).toEqual(['games[0].colour: unknown key']);
  });

  it('inside unions: each storage kind and each session mode has its own keys', () => {
    const c = designConfig();
    c.storage = { postgress: 'env:DATABASE_URL' };
    c.session.ttlSecond = 60;
    expect(problemsOf(c)).toEqual(
      expect.arrayContaining([
        'storage.postgress: unknown key; did you mean "postgres"?',
        'session.ttlSecond: unknown key; did you mean "ttlSeconds"?',
      ]),
    );
    const d = designConfig();
    d.storage = { postgres: 'postgres://relay@db/relay', minFreeBytes: 1 };
    expect(problemsOf(d)).toEqual(['storage.minFreeBytes: unknown key (allowed with "sqlite" only)']);
  });

  it('deep keys: wechat.pay, verification, gravity.schedule, catalog', () => {
    const c = designConfig();
    c.games[0].wechat.pay = { offerId: '1450000000', appKey: 'env:WECHAT_APP_SECRET', offerid: 1 };
    c.games[0].gravity.schedule = { dayly: '03:00' };
    c.games[0].catalog.timeout = 5000;
    expect(problemsOf(c)).toEqual(
      expect.arrayContaining([
        'games[0].wechat.pay.offerid: unknown key; did you mean "offerId"?',
        'games[0].gravity.schedule.dayly: unknown key; did you mean "daily"?',
        'games[0].catalog.timeout: unknown key; did you mean "timeoutMs"?',
      ]),
    );
  });
});

describe('config loader: checks across keys at start, not deaths at run time', () => {
  it('Kakao without a country source is refused, saying what reports would need', () => {
    const c = designConfig();
    delete c.games[0].sinks.kakao.defaultCountry;
    const [problem, ...rest] = problemsOf(c);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^games\[0\]\.sinks\.kakao\.defaultCountry: required/);
    expect(problem).toContain('country');
  });

  it('verified revenue with no way to prove a payment: no sink would ever get a purchase', () => {
    const c = designConfig();
    c.games[0].revenue = 'verified';
    expect(problemsOf(c)).toEqual([expect.stringMatching(/^games\[0\]\.revenue: "verified" needs games\[0\]\.wechat\.pay/)]);
  });

  it('a sink with neither url nor capture says how it could deliver', () => {
    const c = designConfig();
    delete c.games[0].sinks.tianmu.url;
    expect(problemsOf(c)).toEqual(['games[0].sinks.tianmu: give exactly one of "url" and "capture"']);
  });

  it('the design config as written is accepted', () => {
    expect(problemsOf(designConfig())).toEqual([]);
  });
});

describe('strictness comes from the schema itself', () => {
  it('a section someone adds later (games[].douyin) is checked with no change to the loader', () => {
    const later = z.object({ games: z.array(GameConfigSchema.extend({ douyin: z.object({ appSecret: z.string() }).optional() })) });
    expect(unknownKeys(later, { games: [{ appId: 'tt1', douyin: { appSecrte: 'x' } }] })).toEqual([
      'games[0].douyin.appSecrte: unknown key; did you mean "appSecret"?',
    ]);
  });
});
