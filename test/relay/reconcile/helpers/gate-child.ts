// A second relay process for the rate-gate test: opens the same SQLite file and tries to take the Gravity
// call slot at each `now` given on argv, printing one JSON line per attempt.
import { openStorage } from '../../../../src/relay/storage/open-storage';
import { rateGateKey } from '../../../../src/relay/reconcile/rate-gate';

async function main(): Promise<void> {
  const [file, appKey, intervalMs, ...nows] = process.argv.slice(2);
  const store = await openStorage({ sqlite: file });
  for (const now of nows) {
    const r = await store.reserveCall(rateGateKey(appKey), Number(intervalMs), Number(now));
    process.stdout.write(`${JSON.stringify({ now: Number(now), ...r })}\n`);
  }
  await store.close();
}

main().catch((err) => {
  process.stderr.write(String(err));
  process.exit(1);
});
