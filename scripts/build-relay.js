#!/usr/bin/env node
'use strict';
// Compiles the relay (src/relay + src/shared) to dist/relay and copies the files tsc does not emit (the sample
// catalog and the demo page), so a published package runs `purchase-relay` without TypeScript or ts-node.
// `--out DIR` builds elsewhere (the packaging test uses a temp dir).
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const i = process.argv.indexOf('--out');
const out = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(root, 'dist', 'relay');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.relay.json'), '--outDir', out], {
  stdio: 'inherit',
});
const copies = [
  ['src/relay/demo/sample-catalog.json', 'relay/demo/sample-catalog.json'],
  ['src/relay/demo/page', 'relay/demo/page'],
];
for (const [from, to] of copies) fs.cpSync(path.join(root, from), path.join(out, to), { recursive: true });
console.log(`relay built into ${path.relative(process.cwd(), out) || '.'}`);
