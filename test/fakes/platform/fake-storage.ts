/**
 * The device's storage, shared by every fake wx built over it (an app kill builds a new one over the same backend).
 * Like `wx.setStorageSync` it refuses writes past its quota, and it logs writes so tests can count them.
 */
export class FakeStorageBackend {
  readonly data = new Map<string, unknown>();
  readonly writes: Array<{ key: string; value: unknown }> = [];

  /** @param quotaBytes WeChat's limit is 10 MB per user per mini-game. */
  constructor(public quotaBytes = 10 * 1024 * 1024) {}

  private used = 0;
  /** Keep the write log (tests); a benchmark turns it off. */
  logWrites = true;

  size(): number {
    return this.used;
  }

  private cost(key: string, v: unknown): number {
    return v === undefined ? 0 : key.length + (typeof v === 'string' ? v.length : JSON.stringify(v).length);
  }

  set(key: string, value: unknown): void {
    const delta = this.cost(key, value) - this.cost(key, this.data.get(key));
    if (this.used + delta > this.quotaBytes) throw new Error('setStorageSync:fail exceed storage max size 10MB');
    this.data.set(key, value);
    this.used += delta;
    if (this.logWrites) this.writes.push({ key, value });
  }

  remove(key: string): void {
    this.used -= this.cost(key, this.data.get(key));
    this.data.delete(key);
  }

  /** Parsed JSON of a string value, for assertions. */
  json(key: string): any {
    const v = this.data.get(key);
    return typeof v === 'string' ? JSON.parse(v) : v;
  }
}
