// A relay process running one reconciliation, to be SIGKILLed mid-pull by the resume test.
// argv: dbFile gravityUrl gravityAppId appKey relayAppId fromDay toDay
import { openStorage } from '../../../../src/relay/storage/open-storage';
import { runReconcile } from '../../../../src/relay/reconcile/reconcile-run';

async function main(): Promise<void> {
  const [file, url, gravityAppId, appKey, appId, fromDay, toDay] = process.argv.slice(2);
  const store = await openStorage({ sqlite: file });
  await runReconcile({
    appId,
    gravity: { url, appId: Number(gravityAppId), appKey, minCallIntervalSeconds: 0 },
    store,
    fromDay,
    toDay,
    onProgress: (p) => process.stdout.write(`${JSON.stringify(p)}\n`),
  });
  process.stdout.write('{"type":"done"}\n');
  await store.close();
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
