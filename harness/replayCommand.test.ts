import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOptions, type RunOptions } from './options.ts';
import { replayLine } from './replayCommand.ts';

const info = { checkId: 'reply/shape', seed: -5, path: '3:1', eventHash: 'abcdefabcdef', regenerates: true };
const line = (o: RunOptions, i: Partial<typeof info> = {}): string => replayLine(resolveOptions(o), { ...info, ...i });

describe('replayLine', () => {
  it('names the target, the runtime, the seed and path; nothing a default already says', () => {
    expect(line({ handler: './h.js' })).toBe(
      'npx cognito-sync-conformance replay reply/shape ./h.js --runtime nodejs22.x --seed -5 --path 3:1',
    );
    expect(line({ command: "python3 'my handler.py'" })).toBe(
      "npx cognito-sync-conformance replay reply/shape --command 'python3 '\\''my handler.py'\\''' --runtime nodejs22.x --seed -5 --path 3:1",
    );
    expect(line({ command: 'python3 h.py --persistent', persistent: true })).toBe(
      "npx cognito-sync-conformance replay reply/shape --command 'python3 h.py --persistent' --persistent --runtime nodejs22.x --seed -5 --path 3:1",
    );
    expect(line({ bootstrap: 'python3 -m awslambdaric app.handler' })).toBe(
      "npx cognito-sync-conformance replay reply/shape --bootstrap 'python3 -m awslambdaric app.handler' --runtime nodejs22.x --seed -5 --path 3:1",
    );
    expect(line({ lambda: 'fn', endpoint: 'http://127.0.0.1:9', region: 'eu-west-1', profile: 'dev' })).toContain(
      '--lambda fn --endpoint-url http://127.0.0.1:9 --region eu-west-1 --profile dev --runtime nodejs22.x',
    );
    expect(line({ handler: './h.js', isolation: 'process', marginMs: 1000 })).toContain(
      '--isolation process --margin 1000ms',
    );
  });

  it('repeats what the generators knew of the handler: --no-discover and --dataset-name', () => {
    expect(line({ handler: './h.js', discover: false, datasetName: 'Shop.1' })).toContain(
      ' --no-discover --dataset-name Shop.1 --seed -5',
    );
    expect(line({ handler: './h.js' })).not.toMatch(/--no-discover|--dataset-name/);
  });

  it('repeats a longer init timeout for a target that loads (a module, a runtime), never for a command', () => {
    expect(line({ handler: './h.js', initTimeoutMs: 30_000 })).toContain(' --init-timeout 30000ms --seed');
    expect(line({ bootstrap: './bootstrap', initTimeoutMs: 30_000 })).toContain(' --init-timeout 30000ms ');
    expect(line({ command: 'python3 h.py', initTimeoutMs: 30_000 })).not.toContain('--init-timeout');
  });

  it('repeats every reading given, at its default or not, and every reading away from its default', () => {
    const l = line({
      handler: './h.js',
      readings: { 'event.untouchedRecord': 'replace-same', 'reply.nullEntry': 'remove' },
    });
    expect(l).toContain('--reading event.untouchedRecord=replace-same');
    expect(l).toContain('--reading reply.nullEntry=remove');
    expect(l.match(/--reading/g)).toHaveLength(2);
  });

  it('with a config, names it and spells out what the config could set otherwise', () => {
    expect(line({ handler: './h.js', configFile: 'my config.ts' })).toBe(
      "npx cognito-sync-conformance replay reply/shape ./h.js --config 'my config.ts' --runtime nodejs22.x " +
        '--isolation worker --margin 2500ms --seed -5 --path 3:1',
    );
  });

  it('names the failure store entry of a stored case its seed no longer reaches', () => {
    expect(line({ handler: './h.js' }, { regenerates: false })).toMatch(
      / --from \.conformance\/failures\.json --event-hash abcdefabcdef$/,
    );
    expect(line({ handler: './h.js', store: false }, { regenerates: false })).toMatch(/--seed -5 --path 3:1$/);
  });

  it('says so when values or a property were given in code, where no command line can name them', () => {
    const values = { score: fc.constant('1') };
    expect(line({ handler: './h.js', values })).toMatch(
      /--from \.conformance\/failures\.json --event-hash abcdefabcdef$/,
    );
    expect(line({ handler: './h.js', values, store: false })).toMatch(
      /--seed -5 --path 3:1 # the values were given in code: replay with a config file that defines them \(--config\)$/,
    );
    expect(line({ handler: './h.js' }, { checkId: 'user/p' })).toMatch(/# this property was given in code/);
    expect(line({ handler: './h.js', values, configFile: 'c.ts' }, { checkId: 'user/p' })).not.toContain('#');
  });
});
