import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PG_TEST_HELP, startPgCluster } from './pg-cluster';

const ROOT = join(__dirname, '../..');

describe('pg-cluster without root and without PG_TEST_URL', () => {
  it('fails with the exact commands to run, never skips', async () => {
    let message: string;
    if (process.getuid?.() === 0) {
      // Root starts clusters; see what an unprivileged developer gets by running the helper as `nobody`.
      const script =
        `require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(join(ROOT, 'tsconfig.json'))} });` +
        `require(${JSON.stringify(join(__dirname, 'pg-cluster.ts'))}).startPgCluster()` +
        `.then(() => process.exit(3), (e) => { process.stdout.write(e.message); process.exit(0); });`;
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: join(ROOT, 'node_modules') };
      delete env.PG_TEST_URL;
      const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', script], { cwd: '/tmp', env, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(0);
      message = r.stdout;
    } else {
      const saved = process.env.PG_TEST_URL;
      delete process.env.PG_TEST_URL;
      try {
        message = await startPgCluster().then(
          () => 'started',
          (e: Error) => e.message,
        );
      } finally {
        if (saved !== undefined) process.env.PG_TEST_URL = saved;
      }
    }
    expect(message).toBe(PG_TEST_HELP);
    expect(message).toContain('initdb -D /tmp/pg-test');
    expect(message).toContain('PG_TEST_URL=postgres://');
  });
});
