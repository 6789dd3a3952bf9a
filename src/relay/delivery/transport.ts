import { setMaxListeners } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AnySink, SinkTarget } from '../sinks';
import type { Classification } from '../sinks/sink';
import { CaptureWriter } from './capture-file';
import { describeSendError } from './retry-policy';
import { sendRequest } from './send-request';

export type { AnySink, SinkTarget } from '../sinks';

/**
 * How a built request leaves the relay: appended to the capture file, or sent over keep-alive agents and classified
 * by its sink. Every failure becomes a classification, never a throw. Owned by the worker, shared by its sink loops.
 */
export interface Transport {
  send(sink: AnySink, request: ReturnType<AnySink['toRequest']>, target: SinkTarget): Promise<Classification>;
  /** Aborts every request in flight (they become retries). */
  abort(): void;
  close(): void;
}

export function createTransport(deps: { now: () => number; secrets: readonly string[] }): Transport {
  const capture = new CaptureWriter();
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
  const abort = new AbortController();
  // One listener per request in flight: concurrencyPerSink x sinks can pass node's default warning threshold of 10.
  setMaxListeners(0, abort.signal);
  return {
    async send(sink, request, target) {
      try {
        if (target.capture !== undefined) {
          await capture.append(target.capture, sink.name, request, deps.now(), deps.secrets);
          return { outcome: 'delivered' };
        }
        const response = await sendRequest(request, { timeoutMs: target.timeoutMs, signal: abort.signal, agents });
        try {
          return sink.classify(response);
        } catch (err) {
          return { outcome: 'retry', reason: `unclassifiable answer (HTTP ${response.status}): ${errorText(err)}` };
        }
      } catch (err) {
        return { outcome: 'retry', reason: describeSendError(err) };
      }
    },
    abort: () => abort.abort(),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
