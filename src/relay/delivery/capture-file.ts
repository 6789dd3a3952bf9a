import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { SinkName } from '../config/config-schema';
import { SINKS } from '../sinks';
import type { SinkRequest } from '../sinks/sink';

export const REDACTED = '[redacted]';

/**
 * Headers that carry credentials whatever their value: each sink's `secretHeaders` (Kakao `appSecret`,
 * `Authorization: KakaoAK <adminKey>`), lower case.
 */
const SECRET_HEADERS = new Set(SINKS.flatMap((s) => s.secretHeaders.map((h) => h.toLowerCase())));

/** The request with credential headers, and any header holding a configured secret, replaced by `[redacted]`. */
export function redactRequestHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const secret = SECRET_HEADERS.has(k.toLowerCase()) || secrets.some((s) => s.length >= 4 && v.includes(s));
    out[k] = secret ? REDACTED : v;
  }
  return out;
}

/**
 * Capture mode: appends `{at, sink, method, url, headers, body}` as one line to `<dir>/<sink>.jsonl` and fsyncs it,
 * so a row is marked delivered only once its line is durable. Captured files are logs: secrets are redacted.
 * Writes to one file are serialized so concurrent lines never interleave.
 */
export class CaptureWriter {
  private readonly chains = new Map<string, Promise<void>>();

  append(dir: string, sink: SinkName, request: SinkRequest, at: number, secrets: readonly string[]): Promise<void> {
    const file = join(dir, `${sink}.jsonl`);
    const line =
      JSON.stringify({
        at,
        sink,
        method: request.method,
        url: request.url,
        headers: redactRequestHeaders(request.headers, secrets),
        body: request.body,
      }) + '\n';
    const previous = this.chains.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => appendDurably(dir, file, line));
    this.chains.set(file, next);
    void next.finally(() => {
      if (this.chains.get(file) === next) this.chains.delete(file);
    }).catch(() => undefined);
    return next;
  }
}

async function appendDurably(dir: string, file: string, line: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const handle = await fs.open(file, 'a');
  try {
    await handle.write(line);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
