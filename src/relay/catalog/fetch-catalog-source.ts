import { readFile } from 'node:fs/promises';
import type { GameConfig } from '../config/config-schema';

type CatalogSourceConfig = NonNullable<GameConfig['catalog']>;

/** The game server's answer is a few KB; anything this large is not a catalog. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** A source that failed, classified: the message is safe to show a client (no upstream body, no URL). */
export class CatalogSourceError extends Error {
  override readonly name = 'CatalogSourceError';
  constructor(
    readonly kind: 'timeout' | 'network' | 'http-status' | 'too-large' | 'invalid-json' | 'malformed' | 'file',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Gets the raw catalog payload (parsed JSON) for one player: `POST {appId, udid}` to `catalog.url` as the spec
 * page says, within `catalog.timeoutMs` for the whole answer, or the JSON of `catalog.file` (read on each call, so
 * an edited file is served at once). Rejects only with `CatalogSourceError`.
 */
export async function fetchCatalogSource(source: CatalogSourceConfig, appId: string, udid: string): Promise<unknown> {
  if ('file' in source) {
    let text: string;
    try {
      text = await readFile(source.file, 'utf8');
    } catch (e) {
      throw new CatalogSourceError('file', `catalog file unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return parseJson(text, 'catalog file');
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), source.timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetch(source.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ appId, udid }),
        signal: controller.signal,
        redirect: 'error',
      });
    } catch (e) {
      throw controller.signal.aborted
        ? new CatalogSourceError('timeout', `game server did not answer within ${source.timeoutMs} ms`)
        : new CatalogSourceError('network', `game server unreachable (${causeCode(e)})`);
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel().catch(() => undefined);
      throw new CatalogSourceError('http-status', `game server answered HTTP ${res.status}`);
    }
    const text = await readCapped(res, controller, source.timeoutMs);
    return parseJson(text, 'game server');
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(res: Response, controller: AbortController, timeoutMs: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > MAX_SOURCE_BYTES) {
    controller.abort();
    throw new CatalogSourceError('too-large', `game server answer over ${MAX_SOURCE_BYTES} bytes`);
  }
  if (!res.body) return '';
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_SOURCE_BYTES) {
        controller.abort();
        throw new CatalogSourceError('too-large', `game server answer over ${MAX_SOURCE_BYTES} bytes`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof CatalogSourceError) throw e;
    throw controller.signal.aborted
      ? new CatalogSourceError('timeout', `game server did not finish its answer within ${timeoutMs} ms`)
      : new CatalogSourceError('network', `game server answer cut off (${causeCode(e)})`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CatalogSourceError('invalid-json', `${what} sent invalid JSON`);
  }
}

function causeCode(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'error';
}
