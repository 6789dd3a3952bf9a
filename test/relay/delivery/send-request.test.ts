import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendTimeoutError } from '../../../src/relay/delivery/retry-policy';
import { sendRequest } from '../../../src/relay/delivery/send-request';

describe('sendRequest', () => {
  let server: http.Server;
  let url: string;
  const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        const path = req.url ?? '/';
        if (path === '/big') {
          res.writeHead(200);
          res.end('x'.repeat(5000));
        } else if (path === '/trickle') {
          // Headers at once, then the body never finishes: the timeout covers the whole answer.
          res.writeHead(200);
          res.write('{"code":');
        } else {
          res.writeHead(503, { 'x-two': ['a', 'b'] });
          res.end('{"error":"busy"}');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('sends the body byte for byte with its length and resolves any status for the classifier', async () => {
    const body = '{"name":"轻舞飞扬"}';
    const res = await sendRequest({ method: 'POST', url: `${url}/x`, headers: { 'Content-Type': 'application/json' }, body }, { timeoutMs: 2000 });
    expect(res).toEqual({ status: 503, headers: expect.objectContaining({ 'x-two': 'a, b' }), body: '{"error":"busy"}' });
    const last = seen[seen.length - 1];
    expect(last.body).toBe(body);
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(last.headers['content-type']).toBe('application/json');
  });

  it('cuts an answer longer than maxResponseBytes', async () => {
    const res = await sendRequest({ method: 'POST', url: `${url}/big`, headers: {}, body: '' }, { timeoutMs: 2000, maxResponseBytes: 100 });
    expect(res.body).toBe('x'.repeat(100));
  });

  it('times out an answer whose body never ends', async () => {
    await expect(sendRequest({ method: 'POST', url: `${url}/trickle`, headers: {}, body: '' }, { timeoutMs: 150 })).rejects.toBeInstanceOf(SendTimeoutError);
  });

  it('stops at once when aborted', async () => {
    const abort = new AbortController();
    const sent = sendRequest({ method: 'POST', url: `${url}/trickle`, headers: {}, body: '' }, { timeoutMs: 60_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(sent).rejects.toThrow(/aborted/);
  });

  it('refuses a protocol other than http and https', async () => {
    await expect(sendRequest({ method: 'POST', url: 'ftp://127.0.0.1/x', headers: {}, body: '' }, { timeoutMs: 100 })).rejects.toThrow(/unsupported protocol ftp:/);
  });
});
