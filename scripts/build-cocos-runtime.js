#!/usr/bin/env node
'use strict';
// Writes the client runtime into the Cocos drop-in (assets/minigame-purchase/runtime/): the ESM bundle Creator
// imports and its declarations. The output is committed so that copying assets/minigame-purchase/ into a game is
// all it takes; test/client/catalog/cocos-runtime.test.ts fails when the committed copy differs from a fresh build.
const fs = require('fs');
const path = require('path');
process.env.TS_NODE_PROJECT = path.join(__dirname, '..', 'tsconfig.json');
require('ts-node').register({ transpileOnly: true });
const { cocosRuntimeFiles, COCOS_RUNTIME_DIR, runtimeFileDir } = require('../src/relay/demo/cocos-runtime-files');

(async () => {
  const outDir = path.join(__dirname, '..', COCOS_RUNTIME_DIR);
  const files = await cocosRuntimeFiles();
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const [file, text] of files) {
    fs.mkdirSync(runtimeFileDir(outDir, file), { recursive: true });
    fs.writeFileSync(path.join(outDir, file), text);
  }
  console.log(`wrote ${files.size} files to ${COCOS_RUNTIME_DIR}`);
})().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
