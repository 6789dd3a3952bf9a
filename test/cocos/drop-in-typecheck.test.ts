import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const DROP_IN = join(ROOT, 'assets/minigame-purchase');

/**
 * The compiler options of a fresh Cocos Creator 3.8 project (`temp/tsconfig.cocos.json`, which the project's own
 * tsconfig.json extends), with `strict` on and no `skipLibCheck`: lib.dom is in (the target's default libs).
 */
function cocosTsconfig(withMinigameTypings: boolean): object {
  return {
    compilerOptions: {
      target: 'ES2015',
      module: 'ES2015',
      strict: true,
      types: ['@cocos/creator-types/engine', ...(withMinigameTypings ? ['minigame-api-typings'] : [])],
      experimentalDecorators: true,
      isolatedModules: true,
      moduleResolution: 'node',
      noEmit: true,
      forceConsistentCasingInFileNames: true,
    },
    include: ['assets/**/*.ts', 'temp/declarations/*.d.ts'],
  };
}

/** A throwaway Cocos-like project with the drop-in copied into `assets/`; the diagnostics of a full check. */
function checkProject(withMinigameTypings: boolean): { dir: string; diagnostics: readonly ts.Diagnostic[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cocos-project-'));
  cpSync(DROP_IN, join(dir, 'assets/minigame-purchase'), { recursive: true });
  // What the editor generates: `cc/env` (typings/cc-env.d.ts stands in for it).
  mkdirSync(join(dir, 'temp/declarations'), { recursive: true });
  cpSync(join(ROOT, 'typings/cc-env.d.ts'), join(dir, 'temp/declarations/cc.env.d.ts'));
  mkdirSync(join(dir, 'node_modules/@cocos'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules/@cocos/creator-types'), join(dir, 'node_modules/@cocos/creator-types'), 'dir');
  if (withMinigameTypings) {
    symlinkSync(join(ROOT, 'node_modules/minigame-api-typings'), join(dir, 'node_modules/minigame-api-typings'), 'dir');
    // The game's own code: WeChat's `wx` fits what the drop-in takes.
    writeFileSync(
      join(dir, 'assets/game-code.ts'),
      [
        "import { createPurchaseKit, createWxPlatform } from './minigame-purchase/runtime/minigame-purchase';",
        'const api: NonNullable<NonNullable<Parameters<typeof createWxPlatform>[0]>["api"]> = wx;',
        "export const kit = createPurchaseKit({ relayUrl: 'https://relay.example.com', appId: 'wx1', platform: createWxPlatform({ api }) });",
        '',
      ].join('\n'),
    );
  }
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(cocosTsconfig(withMinigameTypings), null, 2));
  const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  if (parsed === undefined) throw new Error('no tsconfig');
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return { dir, diagnostics: ts.getPreEmitDiagnostics(program) };
}

function describeAll(diagnostics: readonly ts.Diagnostic[], dir: string): string[] {
  return diagnostics.map((d) => {
    const where = d.file ? `${d.file.fileName.replace(dir + sep, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '(global)';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('the Cocos drop-in type-checks in a Cocos project as it is', () => {
  it.each([
    ['without minigame-api-typings', false],
    ['with minigame-api-typings', true],
  ])('%s: zero errors in the drop-in and the game code using it (strict, no skipLibCheck)', (_, withTypings) => {
    const { dir, diagnostics } = checkProject(withTypings);
    try {
      // The project's own files: the drop-in (components, runtime declarations and typings) and the game code. The
      // engine's and minigame-api-typings' own declarations have errors of their own under these options (the
      // latter's global `console` clashes with lib.dom), which is why Cocos projects turn skipLibCheck on.
      const ours = diagnostics.filter((d) => d.file === undefined || resolve(d.file.fileName).startsWith(dir + sep) && !d.file.fileName.includes(`${sep}node_modules${sep}`));
      expect(describeAll(ours, dir)).toEqual([]);
      expect(ours.length).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
