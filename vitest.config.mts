import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// unplugin-swc compiles TypeScript with decorator metadata, which NestJS dependency injection needs
// (esbuild, vite's default, does not emit it).
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: [
      { find: /^@app\/core$/, replacement: here('./libs/core/src/index.ts') },
      { find: /^@app\/core\/(.*)$/, replacement: here('./libs/core/src/$1') },
      { find: /^@app\/applications$/, replacement: here('./libs/applications/src/index.ts') },
      { find: /^@app\/applications\/(.*)$/, replacement: here('./libs/applications/src/$1') },
      { find: /^@app\/audit$/, replacement: here('./libs/audit/src/index.ts') },
      { find: /^@app\/audit\/(.*)$/, replacement: here('./libs/audit/src/$1') },
      { find: /^@app\/cache$/, replacement: here('./libs/cache/src/index.ts') },
      { find: /^@app\/cache\/(.*)$/, replacement: here('./libs/cache/src/$1') },
      { find: /^@app\/evidence$/, replacement: here('./libs/evidence/src/index.ts') },
      { find: /^@app\/evidence\/(.*)$/, replacement: here('./libs/evidence/src/$1') },
      { find: /^@app\/generation$/, replacement: here('./libs/generation/src/index.ts') },
      { find: /^@app\/generation\/(.*)$/, replacement: here('./libs/generation/src/$1') },
      { find: /^@app\/job-analysis$/, replacement: here('./libs/job-analysis/src/index.ts') },
      { find: /^@app\/job-analysis\/(.*)$/, replacement: here('./libs/job-analysis/src/$1') },
      { find: /^@app\/llm$/, replacement: here('./libs/llm/src/index.ts') },
      { find: /^@app\/llm\/(.*)$/, replacement: here('./libs/llm/src/$1') },
      { find: /^@app\/render$/, replacement: here('./libs/render/src/index.ts') },
      { find: /^@app\/render\/(.*)$/, replacement: here('./libs/render/src/$1') },
      { find: /^@app\/resumes$/, replacement: here('./libs/resumes/src/index.ts') },
      { find: /^@app\/resumes\/(.*)$/, replacement: here('./libs/resumes/src/$1') },
      { find: /^@app\/skills$/, replacement: here('./libs/skills/src/index.ts') },
      { find: /^@app\/skills\/(.*)$/, replacement: here('./libs/skills/src/$1') },
      { find: /^@app\/users$/, replacement: here('./libs/users/src/index.ts') },
      { find: /^@app\/users\/(.*)$/, replacement: here('./libs/users/src/$1') },
      { find: /^@app\/testing$/, replacement: here('./libs/testing/src/index.ts') },
      { find: /^@app\/testing\/(.*)$/, replacement: here('./libs/testing/src/$1') },
    ],
  },
  test: {
    include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'test/**/*.e2e-spec.ts'],
    globalSetup: ['libs/testing/src/vitest/global-setup.ts'],
    environment: 'node',
    // e2e specs boot the whole app; two cores here, so keep the pool small and the timeouts generous.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    coverage: {
      provider: 'v8',
      include: ['apps/**/*.ts', 'libs/**/*.ts'],
      exclude: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**', 'apps/*/src/main.ts'],
      reporter: ['text-summary', 'lcov', 'json-summary'],
      thresholds: { lines: 80 },
    },
  },
});
