import type { Clock } from '../../../src/client/platform/platform';

/**
 * A manual clock for the kit: timers fire only when a test advances time, and `random` is a seeded sequence, so
 * backoff and jitter are explicit inputs.
 */
let nextSeed = 1;

export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Array<{ id: number; at: number; fn: () => void }> = [];
  private seed: number;
  /** Every delay the kit asked for, in order. */
  readonly delays: number[] = [];

  /** @param seed default: a new seed per clock, so two devices in one test never draw the same ids. */
  constructor(start = 1763800000000, seed = nextSeed++) {
    this.t = start;
    this.seed = seed;
  }

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.delays.push(ms);
    this.timers.push({ id, at: this.t + ms, fn });
    return id;
  };

  clearTimeout = (h: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };

  /** mulberry32: deterministic per seed. */
  random = (): number => {
    let s = (this.seed = (this.seed + 0x6d2b79f5) | 0);
    s = Math.imul(s ^ (s >>> 15), s | 1);
    s ^= s + Math.imul(s ^ (s >>> 7), s | 61);
    return ((s ^ (s >>> 14)) >>> 0) / 4294967296;
  };

  pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }

  /** Fires the next timer whatever its delay; returns the delay it had, or undefined if none. */
  fireNext(): number | undefined {
    const due = this.timers.sort((a, b) => a.at - b.at)[0];
    if (!due) return undefined;
    const wait = due.at - this.t;
    this.advance(wait);
    return wait;
  }
}
