import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { bundleClientRuntime, CLIENT_RUNTIME_ENTRY } from './bundle-client-runtime';

/** Where the Cocos drop-in keeps the runtime, relative to the repository root. */
export const COCOS_RUNTIME_DIR = 'assets/minigame-purchase/runtime';

const root = resolve(__dirname, '../../..');

/**
 * The ambient typings the declarations travel with, by shipped name. They stand alone: the mini-game calls come
 * from `typings/cocos/minigame-shared.d.ts` (not minigame-api-typings, which a game may not have, and whose global
 * `console` clashes with lib.dom), and no global value (`wx`, `qq`, `tt`) is declared: a game's own typings own those.
 */
const SHIPPED_TYPINGS: ReadonlyArray<[name: string, source: string]> = [
  ['minigame-shared.d.ts', 'typings/cocos/minigame-shared.d.ts'],
  ['qq.d.ts', 'typings/qq.d.ts'],
  ['tt.d.ts', 'typings/tt.d.ts'],
];

/** The repository's typings that name minigame-api-typings, as the generator's compile sees them instead. */
const COMPILED_AS: Record<string, string> = {
  'typings/minigame-shared.d.ts': 'typings/cocos/minigame-shared.d.ts',
  'typings/wx-virtual-payment.d.ts': '',
};

/** The globals the client's code reads, for the compile only (never shipped). */
const COMPILE_ONLY_GLOBALS = join(root, 'typings/cocos/__compile-only-globals.d.ts');
const COMPILE_ONLY_GLOBALS_TEXT = [
  'declare const wx: MinigameShared.Api & Partial<MinigameShared.WxPayments>;',
  'declare const qq: QQMinigame.Qq;',
  'declare const tt: TTMinigame.Tt;',
  'declare function setTimeout(handler: () => void, ms?: number): unknown;',
  'declare function clearTimeout(handle: unknown): void;',
  'declare function setInterval(handler: () => void, ms?: number): unknown;',
  'declare function clearInterval(handle: unknown): void;',
  '',
].join('\n');

/** A shipped typings file: the globals' `declare const` lines left out. */
function shippedTypings(text: string): string {
  return text.replace(/^declare const \w+: [\w.]+;\n/gm, '');
}

/**
 * Every file of the Cocos drop-in's runtime, by path relative to `COCOS_RUNTIME_DIR`: the ESM bundle
 * (`minigame-purchase.js`, which Creator imports as a module), its declarations (`minigame-purchase.d.ts` and the
 * `types/` tree it points to, so the components type-check), and nothing else. Deterministic, so a test can hold
 * the committed copy to a fresh build. The declarations stand alone: no zod (a wire type the client shares with the
 * relay is written out in full), no minigame-api-typings (`SHIPPED_TYPINGS`).
 */
export async function cocosRuntimeFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set('minigame-purchase.js', await bundleClientRuntime('es'));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2017,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2018.d.ts'],
    types: [],
    strict: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: join(root, 'src'),
    outDir: '/types',
    newLine: ts.NewLineKind.LineFeed,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const redirect = (fileName: string): string | undefined => {
    if (resolve(fileName) === COMPILE_ONLY_GLOBALS) return COMPILE_ONLY_GLOBALS_TEXT;
    const to = COMPILED_AS[relative(root, resolve(fileName)).split('\\').join('/')];
    return to === undefined ? undefined : to === '' ? '' : readFile(join(root, to));
  };
  host.readFile = (f) => redirect(f) ?? readFile(f);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => redirect(f) !== undefined || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, create) => {
    const text = redirect(f);
    return text === undefined ? getSourceFile(f, lang, onError, create) : ts.createSourceFile(f, text, lang);
  };
  const program = ts.createProgram([CLIENT_RUNTIME_ENTRY, COMPILE_ONLY_GLOBALS, ...SHIPPED_TYPINGS.map(([, f]) => join(root, f))], options, host);
  const emitted = new Map<string, string>();
  const result = program.emit(undefined, (fileName, text) => emitted.set(fileName, text));
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
  if (errors.length) {
    throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  }
  for (const [fileName, text] of emitted) {
    const source = join(root, 'src', relative('/types', fileName).replace(/\.d\.ts$/, '.ts'));
    const standalone = withoutZod(text, program, source);
    if (/from ['"]zod['"]|import\(['"]zod['"]\)/.test(standalone)) throw new Error(`${fileName}: a declaration still needs zod`);
    files.set(`types/${relative('/types', fileName).split('\\').join('/')}`, standalone);
  }
  const entryDts = relative(join(root, 'src'), CLIENT_RUNTIME_ENTRY).replace(/\.ts$/, '');
  // tsc drops the sources' `/// <reference path>` lines: the entry declaration names the typings instead.
  const refs: string[] = [];
  for (const [name, source] of SHIPPED_TYPINGS) {
    files.set(`typings/${name}`, shippedTypings(ts.sys.readFile(join(root, source)) ?? ''));
    refs.push(`/// <reference path="./typings/${name}" />\n`);
  }
  files.set('minigame-purchase.d.ts', `${refs.join('')}// Generated by scripts/build-cocos-runtime.js, do not edit.\nexport * from './types/${entryDts}';\n`);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A declaration file without zod: the schemas (values of zod types) are left out, since the client never holds
 * one, and each type written `z.infer<typeof Schema>` is written out in full by the checker. A wire format someone
 * adds to `src/shared/schemas` is covered with no change here.
 */
function withoutZod(text: string, program: ts.Program, sourcePath: string): string {
  if (!/from ['"]zod['"]/.test(text)) return text;
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(sourcePath);
  if (source === undefined) throw new Error(`${sourcePath}: not in the program`);
  const declared = ts.createSourceFile('x.d.ts', text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  for (const statement of declared.statements) {
    const full = statement.getFullText(declared);
    if (ts.isImportDeclaration(statement) && /['"]zod['"]/.test(statement.moduleSpecifier.getText(declared))) continue;
    const mentionsZod = /\bz\./.test(statement.getText(declared));
    if (!mentionsZod) {
      out.push(full);
      continue;
    }
    if (ts.isTypeAliasDeclaration(statement)) {
      const name = statement.name.text;
      const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
      if (alias === undefined) throw new Error(`${sourcePath}: no type ${name}`);
      const flags = ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.InTypeAlias | ts.NodeBuilderFlags.MultilineObjectLiterals;
      const node = checker.typeToTypeNode(checker.getTypeAtLocation(alias.name), alias, flags);
      if (node === undefined) throw new Error(`${sourcePath}: cannot write out type ${name}`);
      const expanded = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printNode(ts.EmitHint.Unspecified, node, declared);
      const comments = full.slice(0, statement.getStart(declared) - statement.getFullStart());
      out.push(`${comments}export type ${name} = ${expanded};`);
      continue;
    }
    // A schema value (`export declare const XSchema: z.ZodObject<...>`): the relay's, not the client's.
  }
  return `${out.join('').replace(/^\n+/, '')}\n`;
}

/** `dirname` of a runtime file path, for writing. */
export function runtimeFileDir(outDir: string, file: string): string {
  return dirname(join(outDir, file));
}
