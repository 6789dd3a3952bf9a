import type { GameConfig } from '../../../src/relay/config/config-schema';
import { createDeliveryKit, waitFor, type DeliveryKit } from './delivery-test-kit';

const SECOND = 'wx2222222222222222';

/** Adds a second game whose Hive rows go to the same collector under another category. */
function addSecondGame(kit: DeliveryKit): void {
  const first = kit.config.games[0];
  const second: GameConfig = {
    ...first,
    appId: SECOND,
    sinks: { hive: { ...first.sinks.hive!, gameShort: 'secondgame' } },
  };
  kit.config.games.push(second);
}

describe('delivery worker: Hive batches', () => {
  let kit: DeliveryKit;
  afterEach(async () => {
    await kit.close();
  });

  it('never mixes rows of two games in one Hive request', async () => {
    kit = await createDeliveryKit();
    addSecondGame(kit);
    const a = await kit.ingest(3, ['hive']);
    const b = await kit.ingest(2, ['hive'], { appId: SECOND });
    expect(await kit.worker().drainOnce()).toBe(5);
    const requests = kit.fakes.hive.accepted.map((r) => JSON.parse(r.body) as { logBody: Array<{ category: string; transaction_id: string }> });
    expect(requests).toHaveLength(2);
    const byCategory = Object.fromEntries(
      requests.map((req) => {
        const categories = new Set(req.logBody.map((row) => row.category));
        expect(categories.size).toBe(1);
        return [[...categories][0], req.logBody.map((row) => row.transaction_id).sort()];
      }),
    );
    expect(byCategory).toEqual({ samplegame_purchase_log: [...a].sort(), secondgame_purchase_log: [...b].sort() });
  });

  it('does not send a batch whose lease ran out while it waited for a slot; it is claimed again and sent once', async () => {
    kit = await createDeliveryKit({ fakes: { hive: { delayMs: 200 } }, timeoutMs: 2000, delivery: { concurrencyPerSink: 1, leaseMs: 5000 } });
    addSecondGame(kit);
    const a = await kit.ingest(1, ['hive']);
    const b = await kit.ingest(1, ['hive'], { appId: SECOND });
    const worker = kit.worker();
    // One claim takes both rows: two requests (one per game), one slot. The second waits for the first.
    const run = worker.drainOnce();
    // The first request reached Hive (it answers 200 ms later); meanwhile the clock passes the lease.
    await waitFor(() => kit.fakes.hive.accepted.length === 1);
    kit.t += 5000;
    expect(await run).toBe(2);
    const skipped = kit.logLines.filter((l) => l.includes('its lease is left to expire'));
    expect(skipped).toHaveLength(1);
    expect(JSON.parse(skipped[0])).toMatchObject({ sink: 'hive', rows: 1, waitedMs: 5000 });
    expect(kit.fakes.hive.transactionIds().sort()).toEqual([...a, ...b].sort());
    expect(kit.fakes.hive.duplicateCount()).toBe(0);
    expect((await kit.rows()).map((r) => `${r.status}/${r.attempts}`)).toEqual(['delivered/1', 'delivered/1']);
  });
});
