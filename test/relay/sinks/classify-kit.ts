import fc from 'fast-check';
import type { Classification, SinkResponse } from '../../../src/relay/sinks/sink';

export const res = (status: number, body: unknown = '', headers: Record<string, string> = {}): SinkResponse => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Any answer at all: status, and a body that is JSON of any shape, text, or cut-off JSON. */
export const arbitraryResponse: fc.Arbitrary<SinkResponse> = fc.record({
  status: fc.integer({ min: 100, max: 599 }),
  headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 20 })),
  body: fc.oneof(
    fc.string(),
    fc.json(),
    fc.json().map((j) => j.slice(0, Math.floor(j.length / 2))),
    fc.record({ code: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), data: fc.anything() }).map((v) => JSON.stringify(v)),
    fc.record({ success: fc.oneof(fc.boolean(), fc.string()), message: fc.anything() }).map((v) => JSON.stringify(v)),
  ),
});

/** A classifier answers one of the three outcomes, with a non-empty reason unless delivered, and never throws. */
export function assertWellFormed(c: Classification): void {
  expect(['delivered', 'retry', 'dead']).toContain(c.outcome);
  if (c.outcome !== 'delivered') {
    expect(typeof c.reason).toBe('string');
    expect(c.reason.length).toBeGreaterThan(0);
    expect(c.reason.length).toBeLessThan(400);
  }
}
