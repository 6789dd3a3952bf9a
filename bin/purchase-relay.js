#!/usr/bin/env node
'use strict';
// The relay CLI. A published package runs the compiled JS; a checkout runs the TypeScript through ts-node
// (transpile only), so `npm start` works right after `npm install`.
const fs = require('fs');
const path = require('path');
const built = path.join(__dirname, '..', 'dist', 'relay', 'relay', 'cli', 'main.js');
if (fs.existsSync(built) && !process.env.PURCHASE_RELAY_FROM_SOURCE) {
  require(built);
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
  require('../src/relay/cli/main.ts');
}
