import { createGroupCommit } from '../../../src/relay/storage/group-commit';

/** An asynchronous "transaction" (as Postgres would run) that records each group and can be told to fail. */
function recorder(failWhen: (items: readonly number[]) => boolean = () => false) {
  const groups: number[][] = [];
  let release: (() => void) | undefined;
  let hold = false;
  return {
    groups,
    holdNext() {
      hold = true;
    },
    release() {
      release?.();
    },
    async run(items: readonly number[]): Promise<string[]> {
      groups.push([...items]);
      if (hold) {
        hold = false;
        await new Promise<void>((r) => (release = r));
      }
      if (failWhen(items)) throw new Error('transaction failed');
      return items.map((i) => `done ${i}`);
    },
  };
}

describe('group commit', () => {
  it('runs callers of one tick as one group and gives each caller its own outputs in order', async () => {
    const r = recorder();
    const gc = createGroupCommit({ run: (i: readonly number[]) => r.run(i) });
    const out = await Promise.all([gc.submit([1, 2]), gc.submit([3]), gc.submit([4, 5, 6])]);
    expect(out).toEqual([['done 1', 'done 2'], ['done 3'], ['done 4', 'done 5', 'done 6']]);
    expect(r.groups).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it('makes callers that arrive while a group runs wait for the next group', async () => {
    const r = recorder();
    const gc = createGroupCommit({ run: (i: readonly number[]) => r.run(i) });
    r.holdNext();
    const first = gc.submit([1]);
    await new Promise((res) => setImmediate(res));
    expect(r.groups).toEqual([[1]]);
    const second = gc.submit([2]);
    const third = gc.submit([3]);
    await new Promise((res) => setImmediate(res));
    expect(r.groups).toEqual([[1]]);
    r.release();
    expect(await first).toEqual(['done 1']);
    expect(await Promise.all([second, third])).toEqual([['done 2'], ['done 3']]);
    expect(r.groups).toEqual([[1], [2, 3]]);
  });

  it('rejects every caller of a failed group and none of the next', async () => {
    const r = recorder((items) => items.includes(13));
    const gc = createGroupCommit({ run: (i: readonly number[]) => r.run(i) });
    const failed = await Promise.allSettled([gc.submit([1]), gc.submit([13]), gc.submit([2])]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await gc.submit([4])).toEqual(['done 4']);
  });

  it('starts a group at the size cap and never splits a caller', async () => {
    const r = recorder();
    const gc = createGroupCommit({ run: (i: readonly number[]) => r.run(i), maxItems: 4 });
    await Promise.all([gc.submit([1, 2, 3]), gc.submit([4, 5]), gc.submit([6]), gc.submit([7, 8, 9, 10, 11])]);
    expect(r.groups.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.groups).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9, 10, 11]]);
  });

  it('rejects a run that returns the wrong number of outputs', async () => {
    const gc = createGroupCommit({ run: (i: readonly number[]) => i.slice(1) });
    await expect(gc.submit([1, 2])).rejects.toThrow(/1 outputs for 2 items/);
  });

  it('reports idle only once queued work finished', async () => {
    const r = recorder();
    const gc = createGroupCommit({ run: (i: readonly number[]) => r.run(i) });
    let done = false;
    const p = gc.submit([1]).then(() => (done = true));
    await gc.idle();
    expect(done).toBe(true);
    await p;
    await gc.idle();
  });
});

describe('group commit with a window', () => {
  it('gathers callers that arrive within windowMs, across ticks, into one group', async () => {
    const r = recorder();
    const gc = createGroupCommit({ run: (i: readonly number[]) => r.run(i), windowMs: 30 });
    const first = gc.submit([1]);
    await new Promise((res) => setImmediate(res));
    await new Promise((res) => setImmediate(res));
    const second = gc.submit([2]);
    expect(await Promise.all([first, second])).toEqual([['done 1'], ['done 2']]);
    expect(r.groups).toEqual([[1, 2]]);
  });
});
