#!/usr/bin/env node
'use strict';
// `npm run bench`: runs every test/bench/*.bench.ts in turn (or the ones named on the command line), each in
// its own process so one benchmark's heap and timers never colour another's figures.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, '..', 'test', 'bench');
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', path.join(dir, f)], {
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
