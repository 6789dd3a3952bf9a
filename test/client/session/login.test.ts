import { createTestKit, startRelay, until, PACK } from '../test-kit';
import { type FakeRelay } from '../../fakes/relay/fake-relay';
import { FakeWx } from '../../fakes/platform/fake-wx';
import { FakeStorageBackend } from '../../fakes/platform/fake-storage';

let relay: FakeRelay;
beforeAll(async () => (relay = await startRelay()));
afterAll(() => relay.stop());
beforeEach(() => {
  relay.deny = false;
  relay.mode = 'ok';
});

const sessions = () => relay.log.filter((l) => l.path === '/v1/session').length;

describe('kit.login', () => {
  it('sends wx.login code to POST /v1/session and keeps the token in storage', async () => {
    const [kit, { wx }] = createTestKit(relay);
    expect(await kit.login()).toEqual({ openid: relay.openid });
    const stored = wx.storage.json('mp:v1:session');
    expect(stored).toMatchObject({ token: expect.stringMatching(/^tok-/), openid: relay.openid });
    expect(wx.requests[0]).toMatchObject({ method: 'POST', data: { appId: 'wx1234567891234567', code: 'code-1' } });
    kit.close();
  });

  it('reuses the stored token after a restart instead of logging in again', async () => {
    const storage = new FakeStorageBackend();
    const [first] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    await first.login();
    first.close();
    const before = sessions();
    const [second] = createTestKit(relay, { wx: new FakeWx({ storage }) });
    const r = await second.purchase(PACK);
    await until(() => relay.accepted.has(r.orderId));
    expect(sessions()).toBe(before);
    second.close();
  });

  it('logs in again once on a 401 and retries the call', async () => {
    const [kit] = createTestKit(relay);
    await kit.login();
    relay.expireTokens();
    const before = sessions();
    const r = await kit.purchase(PACK);
    await until(() => relay.accepted.has(r.orderId));
    expect(sessions()).toBe(before + 1);
    kit.close();
  });

  it('does not loop when the relay keeps answering 401: one re-login, the report stays queued', async () => {
    const [kit] = createTestKit(relay);
    await kit.login();
    relay.deny = true;
    const errors: string[] = [];
    kit.on('error', (e) => errors.push(e.code));
    const before = sessions();
    const beforePosts = relay.posts('/v1/purchases');
    await kit.purchase(PACK);
    await kit.flush();
    expect(sessions() - before).toBeLessThanOrEqual(2); // at most one re-login per attempt
    expect(relay.posts('/v1/purchases') - beforePosts).toBeLessThanOrEqual(4);
    expect(kit.queuedCount()).toBe(1);
    expect(errors).toContain('RELAY_ERROR');
    kit.close();
  });

  it('fails login with a NETWORK error when the device is offline', async () => {
    const [kit, { wx }] = createTestKit(relay);
    wx.setNetwork('none');
    await expect(kit.login()).rejects.toMatchObject({ name: 'NetworkError', code: 'NETWORK' });
    kit.close();
  });
});
