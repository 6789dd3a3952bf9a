import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decryptPush } from '../../../src/relay/platforms/wechat/push-aes';
import { readPayEvent, WECHAT_PAY_EVENTS } from '../../../src/relay/platforms/wechat/pay-events';
import { hexEquals, sha1SortedHex } from '../../../src/relay/platforms/digests';
import { urlCheck, WechatPushSender } from './wechat-push-sender';

const TOKEN = 'push-token-123';
const AES = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP = 'wxgame0001';
const KEYS = { live: 'live-appkey-AAAA', sandbox: 'sandbox-appkey-BBBB' };

/** A minimal push endpoint built from the pieces, to prove the sender signs and encrypts as they expect. */
function endpoint(): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const get = (k: string) => q.get(k) ?? '';
      const reply = (status: number, body: string) => res.writeHead(status).end(body);
      if (!hexEquals(sha1SortedHex([TOKEN, get('timestamp'), get('nonce')]), get('signature'))) return reply(401, '{"error":"signature"}');
      if (req.method === 'GET') return reply(200, get('echostr'));
      let message = Buffer.concat(chunks).toString('utf8');
      if (q.get('encrypt_type') === 'aes') {
        const { Encrypt } = JSON.parse(message) as { Encrypt: string };
        if (!hexEquals(sha1SortedHex([TOKEN, get('timestamp'), get('nonce'), Encrypt]), get('msg_signature'))) return reply(401, '{"error":"msg_signature"}');
        const plain = decryptPush(AES, Encrypt, APP);
        if (!plain.ok) return reply(400, JSON.stringify({ error: plain.reason }));
        message = plain.message;
      }
      const event = readPayEvent(JSON.parse(message), KEYS);
      if (event.kind === 'bad-signature' || event.kind === 'malformed') return reply(400, JSON.stringify(event));
      return reply(200, JSON.stringify({ ...WECHAT_PAY_EVENTS.acknowledgement, seen: event.kind }));
    });
  });
}

describe('WechatPushSender over HTTP', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = endpoint();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat/push`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const safe = new WechatPushSender({ appId: APP, token: TOKEN, appKeys: KEYS, encodingAesKey: AES });
  const plain = new WechatPushSender({ appId: APP, token: TOKEN, appKeys: KEYS });
  const goods = { openId: 'oU', outTradeNo: 'mp_9', productId: 'p', actualPrice: 100 };

  it('plain mode: query signature, timestamp, nonce; the message is the body', async () => {
    const push = plain.goods(goods);
    expect(Object.keys(push.query).sort()).toEqual(['nonce', 'signature', 'timestamp']);
    expect(push.body).toBe(push.message);
    expect(await push.send(url)).toMatchObject({ status: 200, body: { ErrCode: 0, ErrMsg: 'Success', seen: 'goods' } });
  });

  it('safe mode: encrypt_type=aes, msg_signature, and an Encrypt body that decrypts to the message', async () => {
    const push = safe.refund({ outTradeNo: 'mp_9', refundId: 'r', refundAmount: 100 });
    expect(push.query.encrypt_type).toBe('aes');
    expect(push.query.msg_signature).toMatch(/^[0-9a-f]{40}$/);
    const { Encrypt } = JSON.parse(push.body) as { Encrypt: string };
    expect(decryptPush(AES, Encrypt, APP)).toEqual({ ok: true, message: push.message });
    expect(await push.send(url)).toMatchObject({ status: 200, body: { seen: 'refund' } });
  });

  it('each tamper is caught where it should be', async () => {
    expect((await safe.goods(goods, { corruptSignature: true }).send(url)).body).toEqual({ error: 'signature' });
    expect((await safe.goods(goods, { corruptMsgSignature: true }).send(url)).body).toEqual({ error: 'msg_signature' });
    expect((await safe.goods(goods, { cipherAppId: 'wxother' }).send(url)).body).toEqual({ error: 'appid does not match' });
    expect((await safe.goods(goods, { sigKey: 'other-env' }).send(url)).body).toEqual({ kind: 'bad-signature' });
    expect((await safe.goods(goods, { reserializePayload: true }).send(url)).body).toEqual({ kind: 'bad-signature' });
    expect((await safe.goods(goods, { upperCaseHex: true }).send(url)).body).toMatchObject({ seen: 'goods' });
    expect((await safe.goods(goods, { isMock: true, sigKey: 'wrong' }).send(url)).body).toMatchObject({ seen: 'mock' });
  });

  it('urlCheck: echostr echoed for a good signature only', async () => {
    const check = urlCheck(TOKEN);
    expect(await check.send(url)).toMatchObject({ status: 200, text: check.echostr });
    expect((await urlCheck(TOKEN, { upperCaseHex: true }).send(url)).status).toBe(200);
    expect((await urlCheck(TOKEN, { corruptSignature: true }).send(url)).status).toBe(401);
    expect((await urlCheck('other-token').send(url)).status).toBe(401);
  });

  it('a sender without a sandbox key refuses to sign a sandbox push instead of signing it wrongly', () => {
    const liveOnly = new WechatPushSender({ appId: APP, token: TOKEN, appKeys: { live: 'k' } });
    expect(() => liveOnly.goods({ ...goods, env: 1 })).toThrow(/no AppKey for Env 1/);
  });
});
