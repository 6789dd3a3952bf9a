/**
 * Group commit: callers that overlap share one durable transaction, so durability costs one fsync per group
 * rather than one per request. Generic over what a "transaction" is: SQLite runs it synchronously, Postgres
 * asynchronously.
 */
export interface GroupCommitOptions<I, O> {
  /**
   * Runs one group in one transaction and returns one output per item, in order. Throwing (or rejecting) fails
   * every caller of the group: nothing of it was acknowledged.
   */
  run(items: readonly I[]): O[] | Promise<O[]>;
  /** A group starts as soon as this many items are queued, without waiting for the next tick. @default 500 */
  maxItems?: number;
  /**
   * How long a group waits for company before it runs. 0 means the next turn of the event loop (`setImmediate`),
   * which already gathers every caller woken by the same I/O. @default 0
   */
  windowMs?: number;
}

export interface GroupCommit<I, O> {
  /** Queues `items` for the next group; resolves with their outputs once that group committed. */
  submit(items: readonly I[]): Promise<O[]>;
  /** Resolves when nothing is queued or running (for a clean close). */
  idle(): Promise<void>;
}

interface Waiter<I, O> {
  items: readonly I[];
  resolve(out: O[]): void;
  reject(err: unknown): void;
}

export function createGroupCommit<I, O>(options: GroupCommitOptions<I, O>): GroupCommit<I, O> {
  const maxItems = options.maxItems ?? 500;
  const windowMs = options.windowMs ?? 0;
  const queue: Waiter<I, O>[] = [];
  let queuedItems = 0;
  let running: Promise<void> | undefined;
  let scheduled = false;
  let idleWaiters: Array<() => void> = [];

  function schedule(): void {
    if (running || scheduled) return;
    scheduled = true;
    const go = () => {
      scheduled = false;
      if (!running) flush();
    };
    // setImmediate lets every request already read in this turn of the event loop join the group.
    if (windowMs > 0) setTimeout(go, windowMs);
    else setImmediate(go);
  }

  function flush(): void {
    if (queue.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
      return;
    }
    // Take whole callers up to the cap (a caller is never split across groups).
    const group: Waiter<I, O>[] = [];
    let count = 0;
    while (queue.length > 0 && (group.length === 0 || count + queue[0].items.length <= maxItems)) {
      const w = queue.shift()!;
      group.push(w);
      count += w.items.length;
    }
    queuedItems -= count;
    running = runGroup(group).finally(() => {
      running = undefined;
      if (queue.length > 0 && queuedItems >= maxItems) flush();
      else if (queue.length > 0) schedule();
      else flush();
    });
  }

  async function runGroup(group: Waiter<I, O>[]): Promise<void> {
    const items = group.flatMap((w) => w.items);
    let outputs: O[];
    try {
      outputs = await options.run(items);
      if (outputs.length !== items.length) throw new Error(`group commit: ${outputs.length} outputs for ${items.length} items`);
    } catch (err) {
      group.forEach((w) => w.reject(err));
      return;
    }
    let at = 0;
    for (const w of group) {
      w.resolve(outputs.slice(at, at + w.items.length));
      at += w.items.length;
    }
  }

  return {
    submit(items) {
      if (items.length === 0) return Promise.resolve([]);
      return new Promise<O[]>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        queuedItems += items.length;
        if (!running && queuedItems >= maxItems) flush();
        else schedule();
      });
    },
    idle() {
      if (!running && !scheduled && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
