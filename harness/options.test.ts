import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../runtime/errors.ts';
import { parseHandlerSpec, resolveOptions } from './options.ts';
import { matchesCheck, selectChecks } from './select.ts';
import { eventHash, subSeed } from './seeds.ts';

const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(HarnessError);
    expect((e as HarnessError).code).toBe('E_USAGE');
    return (e as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('resolveOptions', () => {
  it('fills every default and splits path#export', () => {
    const o = resolveOptions({ handler: './h.js#main', seed: 7 });
    expect(o).toMatchObject({
      target: { kind: 'module', modulePath: './h.js', exportName: 'main' },
      runtime: 'nodejs22.x',
      runs: 100,
      seed: 7,
      concurrency: 2,
      strict: false,
    });
    expect(parseHandlerSpec('./h.js')).toStrictEqual({ modulePath: './h.js', exportName: 'handler' });
  });

  it('says what is wrong with bad options', () => {
    expect(usage(() => resolveOptions({}))).toMatch(/no target/);
    expect(usage(() => resolveOptions({ handler: 'a.js', command: 'x' }))).toMatch(/only one/);
    expect(usage(() => resolveOptions({ handler: 'a.js', runs: -1 }))).toMatch(/runs/);
    expect(usage(() => resolveOptions({ handler: 'a.js', readings: { 'reply.nullEntry': 'maybe' } }))).toMatch(
      /no reading "maybe".*ignored, invalid, remove/,
    );
    // A combination AWS's own handlers could not pass is refused, with why and what to change.
    expect(usage(() => resolveOptions({ handler: 'a.js', readings: { 'reply.nullEntry': 'invalid' } }))).toMatch(
      /event\.readdOverTombstone=null-entry \(the default\) cannot go with reply\.nullEntry=invalid: the echo blueprint .*; choose event\.readdOverTombstone=new-record/,
    );
    expect(usage(() => resolveOptions({ handler: 'a.js', readings: { nope: 'x' } }))).toMatch(
      /unknown undocumented point "nope"/,
    );
    expect(usage(() => resolveOptions({ handler: 'a.js', runtime: 'nodejs16.x' as never }))).toMatch(/runtime/);
  });

  it('keeps event-shape readings the user pinned apart, for the generators', () => {
    const o = resolveOptions({
      handler: 'a.js',
      readings: { 'event.untouchedTombstone': 'null-entry', 'reply.nullEntry': 'remove' },
    });
    expect(o.eventReadings).toStrictEqual({ 'event.untouchedTombstone': 'null-entry' });
    expect(o.readings['reply.nullEntry']).toBe('remove');
  });

  it('pins the readings of a probe file under the ones given explicitly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csc-options-'));
    try {
      const file = join(dir, 'readings.json');
      const probed = { 'event.untouchedTombstone': 'null-entry', 'reply.nullEntry': 'ignored' };
      writeFileSync(
        file,
        JSON.stringify({ kind: 'cognito-sync-conformance/readings', version: 1, readings: probed, evidence: {} }),
      );
      const o = resolveOptions({ handler: 'a.js', readingsFile: file, readings: { 'reply.nullEntry': 'remove' } });
      expect(o.readings['event.untouchedTombstone']).toBe('null-entry');
      expect(o.readings['reply.nullEntry']).toBe('remove');
      expect(o.eventReadings).toStrictEqual({ 'event.untouchedTombstone': 'null-entry' });
      writeFileSync(file, JSON.stringify({ readings: probed }));
      expect(usage(() => resolveOptions({ handler: 'a.js', readingsFile: file }))).toMatch(/not a readings file/);
      expect(usage(() => resolveOptions({ handler: 'a.js', readingsFile: join(dir, 'none.json') }))).toMatch(
        /cannot read the readings file/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('selectChecks', () => {
  it('selects by id or topic and excludes', () => {
    const ids = selectChecks({ checks: ['reply', 'timing/deadline'], exclude: ['reply/shape'], properties: [] }).map(
      (c) => c.id,
    );
    expect(ids).toStrictEqual(['reply/read-only-fields', 'reply/record-format', 'timing/deadline']);
    expect(matchesCheck('reply/*', 'reply/shape')).toBe(true);
    expect(matchesCheck('rep', 'reply/shape')).toBe(false);
  });

  it('rejects a pattern that names no check', () => {
    expect(usage(() => selectChecks({ checks: ['nope'], properties: [] }))).toMatch(/no check matches "nope"/);
  });

  it('adds user properties as user/<name>', () => {
    const ids = selectChecks({ checks: ['user'], properties: [{ name: 'score', check: () => true }] }).map((c) => c.id);
    expect(ids).toStrictEqual(['user/score']);
  });
});

describe('seeds', () => {
  it('derives a sub-seed per check that does not depend on which checks run', () => {
    expect(subSeed(42, 'reply/shape')).toBe(subSeed(42, 'reply/shape'));
    expect(subSeed(42, 'reply/shape')).not.toBe(subSeed(42, 'reply/read-only-fields'));
    expect(subSeed(42, 'reply/shape')).not.toBe(subSeed(43, 'reply/shape'));
  });

  it('hashes events stably', () => {
    expect(eventHash({ a: 1 })).toBe(eventHash({ a: 1 }));
    expect(eventHash({ a: 1 })).toMatch(/^[0-9a-f]{12}$/);
  });
});
