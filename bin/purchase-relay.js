#!/usr/bin/env node
'use strict';
// The relay CLI. In a checkout (src/ present) it runs the TypeScript through ts-node, transpile only, so `npm start`
// works right after `npm install` and never runs a stale build; a published package (no src/) runs the compiled
// dist/relay that `npm run build` writes.
const fs = require('fs');
const path = require('path');
const source = path.join(__dirname, '..', 'src', 'relay', 'cli', 'main.ts');
const built = path.join(__dirname, '..', 'dist', 'relay', 'relay', 'cli', 'main.js');
if (fs.existsSync(source) && !process.env.PURCHASE_RELAY_FROM_DIST) {
  require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
  require(source);
} else {
  require(built);
}
