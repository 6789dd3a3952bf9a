import type { ServerResponse } from 'node:http';
import type { RelayErrorBody } from '../../shared/schemas/relay-api';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export function errorBody(code: string, message: string, field?: string): RelayErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  field?: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, errorBody(code, message, field), headers);
}
