/**
 * The sources of a `--command` target: the text files its command line names are harvested (a Python file by the
 * literal scan, a JavaScript file by the parser); the interpreter, flags and binary files are not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Harvest } from './harvest.ts';
import { harvestCommand, harvestTarget } from './sources.ts';

const dir = mkdtempSync(join(tmpdir(), 'csc-sources-'));
writeFileSync(
  join(dir, 'handler.py'),
  `import json, sys
event = json.load(sys.stdin)
records = event['datasetRecords']
if event['datasetName'] == 'GameState' and records['Lives'] is not None:
    records['Lives']['newValue'] = '3'
print(json.dumps(event))
`,
);
writeFileSync(join(dir, 'helper.js'), "module.exports = (records) => 'Coins' in records;\n");
// A binary file named on the command line (a compiled program): never read as source.
writeFileSync(
  join(dir, 'program.bin'),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0x27, 0x42, 0x6f, 0x6e, 0x75, 0x73, 0x27]),
);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const keys = (hs: readonly Harvest[]): string[] => hs.flatMap((h) => h.keys.map((k) => k.value));
const names = (hs: readonly Harvest[]): string[] => hs.flatMap((h) => h.datasetNames.map((n) => n.value));

describe('harvestCommand', () => {
  it("harvests the keys and dataset names of a program file named on the command line (records['Lives'])", () => {
    const hs = harvestCommand(['python3', '-u', 'handler.py'], dir);
    expect(keys(hs)).toContain('Lives');
    expect(names(hs)).toContain('GameState');
    // Where each was seen, relative to where the command runs.
    expect(hs.flatMap((h) => h.keys).find((k) => k.value === 'Lives')?.at).toMatch(/^handler\.py:\d+$/);
  });

  it('parses a JavaScript file it names, and skips binary files and words that are not files', () => {
    const hs = harvestCommand(['node', join(dir, 'helper.js'), 'program.bin', '--flag'], dir);
    expect(keys(hs)).toContain('Coins');
    expect(keys(hs)).not.toContain('Bonus');
  });

  it('is what a command target harvests', () => {
    const hs = harvestTarget({ kind: 'command', command: 'python3 handler.py' }, dir);
    expect(keys(hs)).toContain('Lives');
  });
});
