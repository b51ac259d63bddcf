/** `emulate`: the local AWS emulator, with a ready identity pool whose Sync Trigger is the given handler. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import pc from 'picocolors';
import { RUNTIME_PROFILES, type RuntimeProfile } from '../../runtime/targetDefaults.ts';
import { HarnessError } from '../../runtime/errors.ts';
// The deviant modes name the options; the emulator itself is loaded when the command runs.
import { DEVIANT_MODES, parseDeviant } from '../../emulator/deviant.ts';
import type { Faults, FunctionSpec, RunningEmulator } from '../../emulator/index.ts';

/** The port `emulate` listens on by default (as `emulator/index.ts` says). */
const DEFAULT_PORT = 4566;
import { PACKAGE_ROOT } from '../../harness/version.ts';
import { collectReading, parseCount, parseDuration } from '../parse.ts';
import { terminalText } from '../../reports/visible.ts';

interface EmulateFlags {
  port: number;
  host: string;
  region: string;
  handler?: string;
  function?: string[];
  runtime?: string;
  state?: string;
  deviant?: string[];
  reading?: Record<string, string>;
  throttleTrigger?: number;
  delayTrigger?: number;
  triggerDelay: number;
  lambdaTooManyRequests?: number;
  dropConnections?: number;
  dropResponses?: number;
  dropOperation?: string;
  quiet?: boolean;
}

/** The function `--handler` registers, and the name of the pool it gets (the names `deploy/stack.yaml` gives). */
const TRIGGER = 'sync-trigger';
const POOL_NAME = 'sync_trigger_conformance';
/** The probe function and its pool, as `deploy/stack.yaml` makes them, so that `probe` finds them by name too. */
const PROBE = 'probe-trigger';
const PROBE_POOL_NAME = 'sync_trigger_conformance_probe';
const PROBE_HANDLER = PACKAGE_ROOT ? join(PACKAGE_ROOT, 'deploy/probe-trigger.cjs') : undefined;
const probeHandler = (): string | undefined => (PROBE_HANDLER && existsSync(PROBE_HANDLER) ? PROBE_HANDLER : undefined);

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new InvalidArgumentError('a port is a whole number 0–65535');
  return n;
}

/** Registers `emulate`. */
export function registerEmulate(program: Command): void {
  program
    .command('emulate')
    .description('run the local AWS emulator (Cognito Identity, Cognito Sync, Lambda) for the live targets')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--host <addr>', 'address to bind (loopback by default)', '127.0.0.1')
    .option('--region <region>', 'the emulated region', 'us-east-1')
    .option(
      '--handler <path[#export]>',
      `register it as function "${TRIGGER}" and make a pool whose Sync Trigger it is (and the probe pool, as deploy/stack.yaml does)`,
    )
    .option('--function <name=path[#export]>', 'register a Lambda function (repeatable)', collect)
    .option('--runtime <profile>', `runtime profile of the functions: ${RUNTIME_PROFILES.join(', ')}`)
    .option('--state <file.json>', 'keep pools, identities and datasets in this file across restarts')
    .option(
      '--deviant <mode>',
      `apply a reading the model does not (repeatable): ${Object.keys(DEVIANT_MODES).join(', ')}, or point=reading`,
      collect,
    )
    .option('--reading <point=reading>', 'the service applies this reading of an undocumented point', collectReading)
    .option('--throttle-trigger <n>', 'the next n Sync Triggers are throttled', parseCount('--throttle-trigger'))
    .option('--delay-trigger <n>', 'the next n Sync Trigger replies arrive late', parseCount('--delay-trigger'))
    .option('--trigger-delay <duration>', 'how late, with --delay-trigger (past 5s: timeout)', parseDuration, 6000)
    .option(
      '--lambda-too-many-requests <n>',
      'the next n Lambda Invoke calls fail with 429',
      parseCount('--lambda-too-many-requests'),
    )
    .option('--drop-connections <n>', 'the next n requests lose their connection', parseCount('--drop-connections'))
    .option(
      '--drop-responses <n>',
      'the next n requests are handled, then lose their answer',
      parseCount('--drop-responses'),
    )
    .option('--drop-operation <op>', 'only requests of this operation are dropped (e.g. UpdateRecords)')
    .option('--quiet', 'do not log requests')
    .action(async (f: EmulateFlags) => {
      const runtime = f.runtime as RuntimeProfile | undefined;
      if (runtime && !RUNTIME_PROFILES.includes(runtime))
        throw new HarnessError('E_OPTION', `unknown runtime ${runtime}; known: ${RUNTIME_PROFILES.join(', ')}`);
      const functions: Record<string, FunctionSpec> = {};
      const spec = (h: string): FunctionSpec => ({ handler: resolve(h), ...(runtime ? { runtime } : {}) });
      for (const entry of f.function ?? []) {
        const i = entry.indexOf('=');
        if (i <= 0) throw new HarnessError('E_OPTION', `--function takes name=path[#export], got "${entry}"`);
        functions[entry.slice(0, i)] = spec(entry.slice(i + 1));
      }
      const probe = f.handler && !(PROBE in functions) ? probeHandler() : undefined;
      if (f.handler) functions[TRIGGER] = spec(f.handler);
      if (probe) functions[PROBE] = spec(probe);
      const deviant = f.deviant ? parseDeviant(f.deviant) : undefined;
      const faults: Faults = {
        ...(f.throttleTrigger ? { throttleTrigger: f.throttleTrigger } : {}),
        ...(f.delayTrigger ? { delayTriggerMs: f.triggerDelay, delayTriggerCount: f.delayTrigger } : {}),
        ...(f.lambdaTooManyRequests ? { lambdaTooManyRequests: f.lambdaTooManyRequests } : {}),
        ...(f.dropConnections ? { dropConnections: f.dropConnections } : {}),
        ...(f.dropResponses ? { dropResponses: f.dropResponses } : {}),
        ...(f.dropOperation ? { dropOperation: f.dropOperation } : {}),
      };
      const { startEmulator } = await import('../../emulator/index.ts');
      const aws = await startEmulator({
        port: f.port,
        host: f.host,
        region: f.region,
        functions,
        // The pools deploy/stack.yaml makes, by the same names, so that run --cognito-sync and probe find them.
        pools: [
          ...(f.handler ? [{ name: POOL_NAME, syncTrigger: TRIGGER }] : []),
          ...(probe ? [{ name: PROBE_POOL_NAME, syncTrigger: PROBE }] : []),
        ],
        faults,
        ...(f.reading ? { readings: f.reading } : {}),
        ...(deviant ? { deviant } : {}),
        ...(f.state ? { statePath: resolve(f.state) } : {}),
        // Log lines quote what clients sent and what handlers threw: escaped like all such text.
        ...(f.quiet ? {} : { log: (line: string) => process.stderr.write(pc.dim(terminalText(line)) + '\n') }),
      });
      const lines = [`cognito-sync-conformance emulator at ${aws.url} (${aws.region})`];
      const arns = Object.keys(functions).map((n) => aws.functionArn(n));
      lines.push(`functions: ${arns.join(', ') || 'none (add --handler or --function)'}`);
      if (f.state) lines.push(`state: ${resolve(f.state)}`);
      if (f.deviant) lines.push(pc.yellow(`deviant service: ${f.deviant.join(', ')} (the model disagrees on purpose)`));
      const active = Object.entries(faults).map(([k, v]) => `${k}=${String(v)}`);
      if (active.length) lines.push(`faults: ${active.join(', ')}`);
      if (f.handler) lines.push(...readyLines(aws, f.handler, runtime));
      lines.push('', 'Ctrl-C stops it.');
      process.stdout.write(`${lines.join('\n')}\n`);
      await untilStopped(aws);
    });
}

/** What to run against the ready pools. */
function readyLines(aws: RunningEmulator, handler: string, runtime: string | undefined): string[] {
  const poolId = aws.pools[POOL_NAME] ?? '';
  const probePoolId = aws.pools[PROBE_POOL_NAME];
  const rt = runtime ? ` --runtime ${runtime}` : '';
  return [
    `identity pool ${poolId}: unauthenticated identities, Sync Trigger = ${TRIGGER} (${handler})`,
    ...(probePoolId
      ? [`probe pool ${probePoolId}: Sync Trigger = ${PROBE} (deploy/probe-trigger.cjs), for probe`]
      : []),
    '',
    'In another terminal:',
    `  export AWS_ENDPOINT_URL=${aws.url} AWS_REGION=${aws.region} AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local`,
    `  export CSC_IDENTITY_POOL_ID=${poolId}`,
    `  npx cognito-sync-conformance run ${handler} --cognito-sync --endpoint-url ${aws.url}${rt}`,
    `  npx cognito-sync-conformance run --lambda ${TRIGGER} --endpoint-url ${aws.url}`,
    ...(probePoolId ? [`  npx cognito-sync-conformance probe --endpoint-url ${aws.url} --out readings.json`] : []),
    pc.dim('  (any value works as the access key: the emulator checks no signature)'),
  ];
}

/** Serves until SIGINT or SIGTERM, then closes cleanly; a second signal exits at once. */
async function untilStopped(aws: RunningEmulator): Promise<void> {
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      const force = (): never => process.exit(130);
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      process.stderr.write('stopping the emulator\n');
      void aws.close().then(() => {
        process.off('SIGINT', force);
        process.off('SIGTERM', force);
        done();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
