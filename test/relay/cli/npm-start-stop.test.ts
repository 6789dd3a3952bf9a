import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Whether anything still answers at `url`. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  // Regression: npm passed SIGTERM to its `sh -c`, sh died without passing it on, and the demo kept serving.
  it('stops the relay when npm is stopped with SIGTERM', async () => {
    const data = mkdtempSync(join(tmpdir(), 'relay-npm-start-'));
    const npm = spawn('npm', ['start', '--', '--port', '0', '--data', data], { cwd: ROOT, env: { ...process.env, RELAY_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout.on('data', (c: Buffer) => (out += c.toString()));
    npm.stderr.on('data', () => undefined);
    try {
      const until = Date.now() + 60_000;
      let url: string | undefined;
      while (url === undefined && Date.now() < until && npm.exitCode === null) {
        url = /demo store: (http:\/\/\S+)/.exec(out)?.[1];
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(url).toBeDefined();
      expect(await answers(url!)).toBe(true);
      npm.kill('SIGTERM');
      const stopBy = Date.now() + 10_000;
      while ((await answers(url!)) && Date.now() < stopBy) await new Promise((r) => setTimeout(r, 200));
      expect(await answers(url!)).toBe(false);
    } finally {
      npm.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    }
  }, 90_000);
});
