import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';
import { readBody } from './read-body';

/** Checks the content type, reads the body (with the limit) and parses it as JSON. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json', 'content-type');
  }
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, 'INVALID_JSON', `the body is not valid JSON: ${(err as Error).message}`, 'body');
  }
}
