import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.mts';
const merged = mergeConfig(base, defineConfig({}));
merged.test.include = ['tmp-review/**/*.probe.ts'];
merged.test.reporters = ['default'];
delete merged.test.outputFile;
merged.root = new URL('..', import.meta.url).pathname;
export default merged;
