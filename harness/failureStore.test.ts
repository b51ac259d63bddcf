import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureStore } from './failureStore.ts';

const entry = {
  checkId: 'reply/shape',
  eventHash: 'abc',
  handler: 'h.js',
  input: { x: 1 },
  seed: 1,
  path: '0',
  firstSeen: 'now',
};

describe('FailureStore', () => {
  it('keeps failures across runs and clears the ones that pass', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'csc-store-')), 'deep', 'failures.json');
    const a = await FailureStore.open(path);
    a.add(entry);
    a.add(entry);
    await a.save();
    const b = await FailureStore.open(path);
    expect(b.forCheck('reply/shape', 'h.js')).toStrictEqual([entry]);
    expect(b.forCheck('reply/shape', 'other.js')).toStrictEqual([]);
    b.clear('reply/shape', 'abc', 'h.js');
    await b.save();
    expect(JSON.parse(await readFile(path, 'utf8'))).toStrictEqual({ version: 1, failures: [] });
  });

  it('treats a corrupt store as empty instead of stopping the run', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'csc-store-')), 'failures.json');
    await writeFile(path, '{not json');
    expect((await FailureStore.open(path)).forCheck('reply/shape', 'h.js')).toStrictEqual([]);
  });
});
