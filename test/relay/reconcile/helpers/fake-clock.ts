import type { Clock } from '../../../../src/relay/reconcile/clock';

/**
 * A clock whose timers fire at once, in order: each `sleep` registers a wake-up at `now + ms`, and time jumps
 * to the earliest pending wake-up, as it would pass for concurrent real timers. Share `now` with the fake
 * Gravity server.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private timers: { at: number; resolve: () => void }[] = [];
  constructor(public t: number) {}
  now = (): number => this.t;

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      const timer = { at: this.t + Math.max(0, ms), resolve };
      this.timers.push(timer);
      this.timers.sort((a, b) => a.at - b.at);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal.reason);
      }, { once: true });
      setImmediate(() => this.fireNext());
    });
  }

  private fireNext(): void {
    const next = this.timers.shift();
    if (!next) return;
    if (next.at > this.t) this.t = next.at;
    next.resolve();
  }
}
