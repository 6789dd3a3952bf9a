import type { IncomingMessage } from 'node:http';

/** The token of `Authorization: Bearer <token>`, or undefined when the header is absent or of another scheme. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(h);
  return m ? m[1] : undefined;
}
