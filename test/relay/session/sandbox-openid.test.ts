import { sandboxOpenid } from '../../../src/relay/session/sandbox-openid';

describe('sandbox openid', () => {
  it('is stable for one (appId, code) and differs across codes and apps', () => {
    expect(sandboxOpenid('wxA', 'c1')).toBe(sandboxOpenid('wxA', 'c1'));
    expect(sandboxOpenid('wxA', 'c1')).not.toBe(sandboxOpenid('wxA', 'c2'));
    expect(sandboxOpenid('wxA', 'c1')).not.toBe(sandboxOpenid('wxB', 'c1'));
    expect(sandboxOpenid('wxA', 'c1')).toMatch(/^sandbox-[0-9a-f]{24}$/);
  });
});
