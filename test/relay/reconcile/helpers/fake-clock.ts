import type { Clock } from '../../../../src/relay/reconcile/clock';

/** A clock whose sleeps move time forward at once; share `now` with the fake Gravity server. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t: number) {}
  now = (): number => this.t;
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.t += ms;
    // Yield to the event loop like a real timer would.
    await new Promise((r) => setImmediate(r));
    signal?.throwIfAborted();
  }
}
