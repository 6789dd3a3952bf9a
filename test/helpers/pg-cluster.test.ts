import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { PG_TEST_HELP, startPgCluster } from './pg-cluster';

const isRoot = process.getuid?.() === 0;

/**
 * What an unprivileged developer gets from the helper, seen by running it as `nobody`. `nobody` may not be able to
 * read the checkout (a clone under /root, or in a 0700 folder), so it runs a copy: the helper compiled to plain
 * JavaScript in a world-readable temp folder. The helper loads `pg` only once it has a server, so the copy needs
 * nothing else from the checkout.
 */
function helperMessageAsNobody(helperSource: string): { status: number | null; stdout: string; stderr: string } {
  const js = ts.transpileModule(readFileSync(helperSource, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const dir = mkdtempSync(join('/tmp', 'pg-cluster-as-nobody-'));
  try {
    chmodSync(dir, 0o755);
    const file = join(dir, 'pg-cluster.js');
    writeFileSync(file, js, { mode: 0o644 });
    const script = `require(${JSON.stringify(file)}).startPgCluster().then(() => process.exit(3), (e) => { process.stdout.write(e.message); process.exit(0); });`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.PG_TEST_URL;
    delete env.NODE_OPTIONS;
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', script], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectHelp(message: string): void {
  expect(message).toBe(PG_TEST_HELP);
  expect(message).toContain('initdb -D /tmp/pg-test');
  expect(message).toContain('PG_TEST_URL=postgres://');
}

describe('pg-cluster without root and without PG_TEST_URL', () => {
  it('fails with the exact commands to run, never skips', async () => {
    if (isRoot) {
      const r = helperMessageAsNobody(join(__dirname, 'pg-cluster.ts'));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expectHelp(r.stdout);
      return;
    }
    const saved = process.env.PG_TEST_URL;
    delete process.env.PG_TEST_URL;
    try {
      expectHelp(await startPgCluster().then(() => 'started', (e: Error) => e.message));
    } finally {
      if (saved !== undefined) process.env.PG_TEST_URL = saved;
    }
  });

  // Regression: the helper ran from the checkout through ts-node, which `nobody` cannot read in a 0700 folder.
  (isRoot ? it : it.skip)('works from a checkout in a 0700 folder that nobody can read', () => {
    const secret = mkdtempSync(join(tmpdir(), 'checkout-0700-'));
    try {
      chmodSync(secret, 0o700);
      mkdirSync(join(secret, 'test', 'helpers'), { recursive: true });
      copyFileSync(join(__dirname, 'pg-cluster.ts'), join(secret, 'test', 'helpers', 'pg-cluster.ts'));
      const r = helperMessageAsNobody(join(secret, 'test', 'helpers', 'pg-cluster.ts'));
      expect(r.stderr).toBe('');
      expectHelp(r.stdout);
    } finally {
      rmSync(secret, { recursive: true, force: true });
    }
  });
});
