import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './json-response';

/**
 * A body must arrive within `seconds` of its headers. Node's `requestTimeout` is checked only every
 * `connectionsCheckingInterval` and spans the whole request, so a body trickled at one byte a second held a socket
 * for over a minute. Past the deadline: a 408 if nothing was answered yet, then the socket is closed (the route
 * reading the body sees the abort).
 */
export function enforceBodyDeadline(req: IncomingMessage, res: ServerResponse, seconds: number): void {
  if (req.complete) return;
  const timer = setTimeout(() => {
    if (req.complete) return;
    if (res.headersSent) return void req.socket.destroy();
    res.once('finish', () => req.socket.destroy());
    sendError(res, 408, 'REQUEST_TIMEOUT', `the request body did not arrive within ${seconds} s`, undefined, { Connection: 'close' });
  }, seconds * 1000);
  const clear = () => clearTimeout(timer);
  req.once('end', clear);
  req.once('close', clear);
  res.once('close', clear);
}
