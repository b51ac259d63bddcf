import { defineConfig } from 'vitest/config';

// CI asks for Vitest's JSON reporter (its closing line is printed by .ci/run from that file).
const jsonOut = process.env.CSC_VITEST_JSON;

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: jsonOut ? ['default', ['json', { outputFile: jsonOut }]] : ['default'],
  },
});
