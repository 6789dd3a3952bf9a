import type { z } from 'zod';
import { hiveSink } from './hive-sink';
import { kakaoSink } from './kakao-sink';
import type { Sink } from './sink';
import { tianmuSink } from './tianmu-sink';

/**
 * A sink of any config type. Each sink's `configOf` and `toRequest` agree on their own config type, which a
 * heterogeneous list cannot express, hence `any` here and only here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySink = Sink<any>;

/**
 * Every destination the relay can deliver to, in the order they are listed everywhere: the ONE sink list. The
 * config schema (`games[].sinks`), its secrets and their redaction, its checks and docs, the demo config and panel,
 * capture and the CLI usage all derive from it. Adding a sink is its own files plus one line here
 * (docs/adding-a-sink.md).
 */
const SINK_LIST = [tianmuSink, hiveSink, kakaoSink] as const;

/** The list, each sink with its own config type (for `SinkConfigShape`); everything else reads `SINKS`. */
type SinkList = typeof SINK_LIST;
export const SINKS: readonly AnySink[] = SINK_LIST;

/** The name of a sink the relay knows: a key of `games[].sinks`, the `sink` of a delivery row. */
export type SinkName = SinkList[number]['name'];

/** The shape of `games[].sinks`: each sink's own config schema, optional, under its name. */
export type SinkConfigShape = { [S in SinkList[number] as S['name']]: z.ZodOptional<S['configSchema']> };

/** `games[].sinks`'s shape, built from the list (`config-schema.ts` wraps it in its object). */
export function sinkConfigShape(): SinkConfigShape {
  return Object.fromEntries(SINK_LIST.map((s) => [s.name, s.configSchema.optional()])) as unknown as SinkConfigShape;
}

/** Every sink name, in `SINKS` order (a non-empty tuple, as `z.enum` wants it). */
export const SINK_NAMES = SINKS.map((s) => s.name) as unknown as readonly [SinkName, ...SinkName[]];

/** "Tianmu, Hive and Kakao": the sinks as a sentence names them. */
export function sinkLabels(): string {
  const labels = SINKS.map((s) => s.label);
  return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

export { tianmuSink, hiveSink, kakaoSink };
export { SinkRefusal } from './sink';
export type { Sink, SinkGame, SinkRequest, SinkResponse, StoredPurchase, Classification } from './sink';
export type { SinkTarget } from './sink-config';
