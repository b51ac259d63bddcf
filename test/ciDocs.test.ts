/**
 * docs/ci.md is copied into workflows as it is: every YAML block parses, and every flag its `run` and `report`
 * commands give is a flag those commands have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerReport } from '../cli/commands/report.ts';
import { registerRun } from '../cli/commands/run.ts';
import { root } from './cli.test-helpers.ts';

const text = readFileSync(join(root, 'docs/ci.md'), 'utf8');
const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

/** The long flags of a command, by its name (`run`, `report merge`). */
function flagsOf(): Record<string, Set<string>> {
  const program = new Command();
  registerRun(program);
  registerReport(program);
  const report = program.commands.find((c) => c.name() === 'report');
  const out: Record<string, Set<string>> = {};
  for (const c of [...program.commands, ...(report?.commands ?? [])]) {
    const name = c.parent && c.parent !== program ? `${c.parent.name()} ${c.name()}` : c.name();
    out[name] = new Set(c.options.map((o) => o.long ?? ''));
  }
  return out;
}

describe('docs/ci.md', () => {
  it('has YAML blocks that parse, the shard matrix among them', () => {
    expect(blocks.length).toBeGreaterThan(0);
    const docs = blocks.map((b) => parse(b) as unknown);
    expect(JSON.stringify(docs)).toContain('--shard ${{ matrix.shard }}/3');
  });

  it('gives run and report merge only flags they have', () => {
    const flags = flagsOf();
    // The workflows' steps as the runner sees them (a folded `run: >-` is one line), and the prose.
    const steps = blocks.map((b) => JSON.stringify(parse(b))).join('\n');
    const commands = [...`${text}\n${steps}`.matchAll(/cognito-sync-conformance (run|report merge) ([^|\n`"]*)/g)];
    expect(commands.length).toBeGreaterThan(2);
    for (const [, command = '', args = ''] of commands)
      for (const flag of args.match(/--[a-z-]+/g) ?? []) expect(flags[command], `${command} ${flag}`).toContain(flag);
  });
});
