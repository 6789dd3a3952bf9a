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

/** Every destination the relay can deliver to. */
export const SINKS: readonly AnySink[] = [tianmuSink, hiveSink, kakaoSink];

export { tianmuSink, hiveSink, kakaoSink };
export { SinkRefusal } from './sink';
export type { Sink, SinkRequest, SinkResponse, StoredPurchase, Classification } from './sink';
