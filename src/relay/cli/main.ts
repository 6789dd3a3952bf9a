import { runCli } from './run-cli';

// The process edge of `purchase-relay`: wires signals and exit codes around `runCli`.
const stopSignal = new Promise<string>((resolve) => {
  let stopping = false;
  const onSignal = (signal: string) => {
    // A second signal while stopping gracefully means "now".
    if (stopping) process.exit(1);
    stopping = true;
    resolve(signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  // Under `npm start`, npm passes SIGTERM to the `sh -c` it runs the script in, and sh dies without passing it on:
  // the relay would keep serving, adopted by init. Being orphaned is that stop signal.
  if (process.env.npm_lifecycle_event !== undefined) {
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid !== parent) {
        clearInterval(watch);
        onSignal('SIGTERM (npm stopped)');
      }
    }, 500);
    watch.unref();
  }
});

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line.endsWith('\n') ? line : `${line}\n`),
  err: (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`),
  env: process.env,
  stopSignal,
  cwd: process.cwd(),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`purchase-relay: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
