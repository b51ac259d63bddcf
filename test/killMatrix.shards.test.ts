/** The kill matrix's shard files cover it: one file per shard, each declaring its own. */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { KILL_MATRIX_SHARDS } from './killMatrix.test-helpers.ts';

it('every shard of the kill matrix has its file', () => {
  const dir = new URL('.', import.meta.url);
  const files = readdirSync(dir).filter((f) => /^killMatrix\.\d+\.test\.ts$/.test(f));
  expect(files.sort()).toStrictEqual(
    Array.from({ length: KILL_MATRIX_SHARDS }, (_, i) => `killMatrix.${String(i + 1)}.test.ts`),
  );
  for (const [i, f] of files.entries())
    expect(readFileSync(new URL(f, dir), 'utf8')).toContain(`killMatrixShard(${String(i)});`);
});
