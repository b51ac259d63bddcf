import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../runtime/errors.ts';
import { COLD_TARGET_TIME_FACTOR, defaultConcurrency, MAX_DEFAULT_CONCURRENCY, RUN_DEFAULTS } from './runDefaults.ts';
import { parseHandlerSpec, resolveOptions } from './options.ts';
import { matchesCheck, selectChecks } from './select.ts';
import { eventHash, subSeed } from './seeds.ts';

/** The message of the HarnessError `f` throws, checking its code. */
const usage = (f: () => unknown, code = 'E_OPTION'): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(HarnessError);
    expect((e as HarnessError).code).toBe(code);
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
      concurrency: RUN_DEFAULTS.concurrency,
      strict: false,
    });
    expect(parseHandlerSpec('./h.js')).toStrictEqual({ modulePath: './h.js', exportName: 'handler' });
    expect(parseHandlerSpec('./h.js#a.b')).toStrictEqual({ modulePath: './h.js', exportName: 'a.b' });
    // No module before the `#`: refused, as every other reader of a handler reference refuses it.
    expect(() => parseHandlerSpec('#main')).toThrow(/no module path in handler "#main"/);
    expect(() => resolveOptions({ handler: '#main' })).toThrow(/no module path/);
  });

  it('runs one lane per core by default, at least 1 and at most 8', () => {
    expect(RUN_DEFAULTS.concurrency).toBe(defaultConcurrency(availableParallelism()));
    expect([0, 1, 2, 7, 8, 9, 64].map(defaultConcurrency)).toStrictEqual([1, 1, 2, 7, 8, 8, 8]);
    expect(MAX_DEFAULT_CONCURRENCY).toBe(8);
  });

  it('scales the default check time limit to the target: cold starts of a command or a runtime count in a check', () => {
    const module = resolveOptions({ handler: './h.js' });
    expect(module.checkTimeLimitMs).toBe(RUN_DEFAULTS.checkTimeLimitMs);
    expect(resolveOptions({ lambda: 'fn' }).checkTimeLimitMs).toBe(RUN_DEFAULTS.checkTimeLimitMs);
    for (const target of [{ command: 'python3 h.py' }, { bootstrap: './bootstrap' }])
      expect(resolveOptions(target).checkTimeLimitMs).toBe(COLD_TARGET_TIME_FACTOR * RUN_DEFAULTS.checkTimeLimitMs);
    // Given, it wins for every target.
    expect(resolveOptions({ command: 'python3 h.py', checkTimeLimitMs: 5000 }).checkTimeLimitMs).toBe(5000);
    expect(module.initTimeoutMs).toBe(RUN_DEFAULTS.initTimeoutMs);
    expect(resolveOptions({ handler: './h.js', initTimeoutMs: 30_000 }).initTimeoutMs).toBe(30_000);
    expect(usage(() => resolveOptions({ handler: './h.js', initTimeoutMs: 0 }))).toBe(
      'initTimeoutMs (--init-timeout) must be more than 0; got 0',
    );
    expect(usage(() => resolveOptions({ handler: './h.js', checkTimeLimitMs: -1 }))).toBe(
      'checkTimeLimitMs (--check-timeout) must be more than 0; got -1',
    );
  });

  it('takes a command, a persistent command or a bootstrap as the target', () => {
    expect(resolveOptions({ command: 'python3 h.py' }).target).toStrictEqual({
      kind: 'command',
      command: 'python3 h.py',
    });
    expect(resolveOptions({ command: 'python3 h.py', persistent: true }).target).toStrictEqual({
      kind: 'command',
      command: 'python3 h.py',
      persistent: true,
    });
    const o = resolveOptions({ bootstrap: './bootstrap' });
    expect(o.target).toStrictEqual({ kind: 'bootstrap', command: './bootstrap' });
    expect(o.handlerLabel).toBe('./bootstrap');
  });

  it('says what is wrong with bad options', () => {
    expect(usage(() => resolveOptions({}), 'E_USAGE')).toMatch(/no target/);
    expect(usage(() => resolveOptions({ handler: 'a.js', command: 'x' }), 'E_USAGE')).toMatch(/only one/);
    expect(usage(() => resolveOptions({ command: 'x', bootstrap: './bootstrap' }), 'E_USAGE')).toMatch(/only one/);
    expect(usage(() => resolveOptions({ bootstrap: './bootstrap', persistent: true }), 'E_USAGE')).toBe(
      '--persistent applies to --command',
    );
    expect(usage(() => resolveOptions({ handler: 'a.js', runs: -1 }))).toMatch(/runs/);
    expect(
      usage(() => resolveOptions({ handler: 'a.js', readings: { 'reply.nullEntry': 'maybe' } }), 'E_READING'),
    ).toMatch(/no reading "maybe".*ignored, invalid, remove/);
    // A combination AWS's own handlers could not pass is refused, with why and what to change.
    expect(
      usage(() => resolveOptions({ handler: 'a.js', readings: { 'reply.nullEntry': 'invalid' } }), 'E_READING'),
    ).toMatch(
      /event\.readdOverTombstone=null-entry \(the default\) cannot go with reply\.nullEntry=invalid: the echo blueprint .*; choose event\.readdOverTombstone=new-record/,
    );
    expect(usage(() => resolveOptions({ handler: 'a.js', readings: { nope: 'x' } }), 'E_READING')).toMatch(
      /unknown undocumented point "nope"/,
    );
    expect(usage(() => resolveOptions({ handler: 'a.js', runtime: 'nodejs16.x' as never }))).toMatch(/runtime/);
  });

  it('words option problems in plain words, naming the flag and what was given', () => {
    const bad = (o: object): string => usage(() => resolveOptions({ handler: 'a.js', ...o }));
    expect(bad({ runtime: 'nodejs16.x' })).toBe(
      '--runtime must be one of nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x; got "nodejs16.x"',
    );
    expect(bad({ concurrency: 50 })).toBe('--concurrency must be at most 16; got 50');
    expect(bad({ runs: 1.5 })).toBe('--runs must be a whole number; got 1.5');
    expect(bad({ endpoint: 'nope' })).toBe('--endpoint-url must be a URL such as http://127.0.0.1:4566; got "nope"');
    expect(bad({ run: 5 })).toBe('unknown option "run" (did you mean runs?)');
    expect(bad({ isolation: 'x', concurrency: 0 })).toBe(
      '--isolation must be one of worker, process, in-process; got "x". --concurrency must be more than 0; got 0',
    );
    expect(bad({ runs: 0 })).not.toMatch(/Invalid|Too (small|big)|expected/);
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
      expect(usage(() => resolveOptions({ handler: 'a.js', readingsFile: file }), 'E_READINGS_FILE')).toMatch(
        /not a readings file/,
      );
      expect(
        usage(() => resolveOptions({ handler: 'a.js', readingsFile: join(dir, 'none.json') }), 'E_READINGS_FILE'),
      ).toMatch(/cannot read the readings file/);
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

  it('rejects a pattern that names no check, suggesting the closest ids and topics', () => {
    const select = (p: string): string => usage(() => selectChecks({ checks: [p], properties: [] }), 'E_CHECK_ID');
    expect(select('nope')).toBe('no check matches "nope" (see `cognito-sync-conformance list`)');
    expect(select('reply/shap')).toMatch(/^no check matches "reply\/shap" \(did you mean reply\/shape\?\)/);
    expect(select('shape')).toMatch(/did you mean reply\/shape\?/);
    expect(select('relpy')).toMatch(/did you mean reply\?/);
    expect(usage(() => selectChecks({ exclude: ['timing/deadlin'], properties: [] }), 'E_CHECK_ID')).toMatch(
      /did you mean timing\/deadline\?/,
    );
  });

  it('adds user properties as user/<name> and user/<name>/sessions', () => {
    const properties = [{ name: 'score', check: () => true }];
    const ids = selectChecks({ checks: ['user'], properties }).map((c) => c.id);
    expect(ids).toStrictEqual(['user/score', 'user/score/sessions']);
    expect(selectChecks({ checks: ['user/score/sessions'], properties }).map((c) => c.id)).toStrictEqual([
      'user/score/sessions',
    ]);
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
