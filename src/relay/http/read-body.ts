import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

/**
 * Reads a request body up to `limit` bytes. A declared `Content-Length` over the limit is refused before one
 * byte is read; a chunked body is refused as soon as it crosses the limit, and nothing more is buffered.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Keep draining (without buffering) so the 413 can still be written on a keep-alive socket.
        req.on('data', () => {});
        finish(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = (err: Error) => finish(new HttpError(400, 'BAD_REQUEST', `could not read the body: ${err.message}`));
    const onAborted = () => finish(new HttpError(400, 'BAD_REQUEST', 'the request was aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'BODY_TOO_LARGE', `the body is over the limit of ${limit} bytes`, undefined, { Connection: 'close' });
}
