// ESLint, type-aware (typescript-eslint), run by `npm test`. Fix what it finds rather than disabling it; the few rules
// switched off below are off for the whole code base, each for a stated reason.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'assets/minigame-purchase/runtime/**', 'coverage/**', 'data/**', 'src/relay/demo/page/**', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // What the house asks for (issue 13): promises always handled, type-only imports marked, no unused code.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Storage methods are `async` on purpose even over synchronous SQLite: one Promise interface for SQLite and
      // Postgres, and a throw becomes a rejection, never a synchronous exception in a caller that awaits.
      '@typescript-eslint/require-await': 'off',
      // Interfaces here declare function members with method shorthand and are passed as values (`platform.clock.now`);
      // none of them uses `this`.
      '@typescript-eslint/unbound-method': 'off',
      // The ambient typings of qq/tt/wx extras are referenced where they are used (they have no module to import).
      '@typescript-eslint/triple-slash-reference': 'off',
      // A closure may name a `let` that is assigned once, later (the demo's routes read the relay they are mounted on).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests read the relay's and the fakes' JSON answers untyped (`body: any`) and assert on them.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Fakes of the mini-game APIs keep `this` of the host for callbacks the platform calls unbound.
      '@typescript-eslint/no-this-alias': 'off',
      // Test clocks reject with the signal's reason as the real timers do; assertions print whatever they got.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // The bundle test evaluates the built code it checks.
      '@typescript-eslint/no-implied-eval': 'off',
      // Some helpers load a package only when needed (the pg-cluster helper runs as `nobody` without node_modules).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
