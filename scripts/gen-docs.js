#!/usr/bin/env node
'use strict';
// `npm run docs`: writes the generated docs (docs/configuration.md) from the sources they describe.
require('ts-node').register({ transpileOnly: true, project: require('path').join(__dirname, '..', 'tsconfig.json') });
const fs = require('fs');
const path = require('path');
const { renderConfigReference } = require('../src/relay/config/config-reference.ts');
const out = path.join(__dirname, '..', 'docs', 'configuration.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, renderConfigReference());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
