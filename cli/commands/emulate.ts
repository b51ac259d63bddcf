/** `emulate`: the local AWS emulator, with a ready identity pool whose Sync Trigger is the given handler. */
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import pc from 'picocolors';
import { HarnessError, RUNTIME_PROFILES, type RuntimeProfile } from '../../harness/index.ts';
import { DEVIANT_MODES, startEmulator, type Faults, type FunctionSpec } from '../../emulator/index.ts';
import { parseCount } from '../parse.ts';

interface EmulateFlags {
  port: number;
  host: string;
  region: string;
  handler?: string;
  function?: string[];
  runtime?: string;
  state?: string;
  deviant?: string;
  throttleTrigger?: number;
  delayTrigger?: number;
  lambdaTooManyRequests?: number;
  dropConnections?: number;
  quiet?: boolean;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number 0–65535');
  return n;
}

/** Registers `emulate`. */
export function registerEmulate(program: Command): void {
  program
    .command('emulate')
    .description('run the local AWS emulator (Cognito Identity, Cognito Sync, Lambda) for the live targets')
    .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 4566)
    .option('--host <addr>', 'address to bind (loopback by default)', '127.0.0.1')
    .option('--region <region>', 'the emulated region', 'us-east-1')
    .option(
      '--handler <path[#export]>',
      'register it as function "sync-trigger" and create a pool whose Sync Trigger it is',
    )
    .option('--function <name=path[#export]>', 'register a Lambda function (repeatable)', collect)
    .option('--runtime <profile>', `runtime profile of the functions: ${RUNTIME_PROFILES.join(', ')}`)
    .option('--state <file.json>', 'keep the state in this file across restarts')
    .option('--deviant <mode>', `apply a reading the model does not: ${Object.keys(DEVIANT_MODES).join(', ')}`)
    .option(
      '--throttle-trigger <n>',
      'the next n Sync Triggers are throttled (LambdaThrottledException)',
      parseCount('--throttle-trigger'),
    )
    .option(
      '--delay-trigger <n>',
      'the next n Sync Triggers reply 6 s late (LambdaSocketTimeoutException)',
      parseCount('--delay-trigger'),
    )
    .option(
      '--lambda-too-many-requests <n>',
      'the next n Lambda Invoke calls fail with 429',
      parseCount('--lambda-too-many-requests'),
    )
    .option(
      '--drop-connections <n>',
      'the next n requests get their connection dropped',
      parseCount('--drop-connections'),
    )
    .option('--quiet', 'do not log requests')
    .action(async (f: EmulateFlags) => {
      const runtime = f.runtime as RuntimeProfile | undefined;
      if (runtime && !RUNTIME_PROFILES.includes(runtime))
        throw new HarnessError('E_USAGE', `unknown runtime ${runtime}; known: ${RUNTIME_PROFILES.join(', ')}`);
      const functions: Record<string, FunctionSpec> = {};
      const spec = (h: string): FunctionSpec => ({ handler: resolve(h), ...(runtime ? { runtime } : {}) });
      for (const entry of f.function ?? []) {
        const i = entry.indexOf('=');
        if (i <= 0) throw new HarnessError('E_USAGE', `--function takes name=path[#export], got "${entry}"`);
        functions[entry.slice(0, i)] = spec(entry.slice(i + 1));
      }
      if (f.handler) functions['sync-trigger'] = spec(f.handler);
      const deviant = f.deviant === undefined ? undefined : DEVIANT_MODES[f.deviant];
      if (f.deviant !== undefined && !deviant)
        throw new HarnessError(
          'E_USAGE',
          `unknown deviant mode ${f.deviant}; known: ${Object.keys(DEVIANT_MODES).join(', ')}`,
        );
      const faults: Faults = {
        ...(f.throttleTrigger ? { throttleTrigger: f.throttleTrigger } : {}),
        ...(f.delayTrigger ? { delayTriggerMs: 6000, delayTriggerCount: f.delayTrigger } : {}),
        ...(f.lambdaTooManyRequests ? { lambdaTooManyRequests: f.lambdaTooManyRequests } : {}),
        ...(f.dropConnections ? { dropConnections: f.dropConnections } : {}),
      };
      const aws = await startEmulator({
        port: f.port,
        host: f.host,
        region: f.region,
        functions,
        faults,
        ...(deviant ? { deviant } : {}),
        ...(f.state ? { statePath: resolve(f.state) } : {}),
        ...(f.quiet ? {} : { log: (line: string) => process.stderr.write(pc.dim(`${line}\n`)) }),
      });
      const lines = [`cognito-sync-conformance emulator at ${aws.url} (${aws.region})`];
      lines.push(
        `functions: ${
          Object.keys(functions)
            .map((n) => aws.functionArn(n))
            .join(', ') || 'none'
        }`,
      );
      if (f.handler) {
        const poolId = await createPool(aws.url, aws.region, aws.functionArn('sync-trigger'));
        lines.push(
          `identity pool ${poolId}: unauthenticated identities, Sync Trigger = sync-trigger`,
          '',
          'in another terminal:',
          `  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=${aws.region}`,
          `  npx cognito-sync-conformance run ${f.handler} --cognito-sync --identity-pool-id ${poolId} --endpoint-url ${aws.url}`,
          `  npx cognito-sync-conformance run --lambda sync-trigger --endpoint-url ${aws.url}`,
        );
      }
      lines.push('', 'Ctrl-C stops it.');
      process.stdout.write(`${lines.join('\n')}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.stdout.write('stopping the emulator\n');
          void aws.close().then(done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

/** Creates the ready pool through the emulator's own API (the same requests a CloudFormation stack makes). */
async function createPool(endpoint: string, region: string, triggerArn: string): Promise<string> {
  const credentials = { accessKeyId: 'emulator-setup', secretAccessKey: 'emulator-setup' };
  const { CognitoIdentityClient, CreateIdentityPoolCommand } = await import('@aws-sdk/client-cognito-identity');
  const { CognitoSyncClient, SetCognitoEventsCommand } = await import('@aws-sdk/client-cognito-sync');
  const pool = await new CognitoIdentityClient({ endpoint, region, credentials }).send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: 'sync-trigger-conformance',
      AllowUnauthenticatedIdentities: true,
    }),
  );
  const poolId = pool.IdentityPoolId ?? '';
  await new CognitoSyncClient({ endpoint, region, credentials }).send(
    new SetCognitoEventsCommand({ IdentityPoolId: poolId, Events: { SyncTrigger: triggerArn } }),
  );
  return poolId;
}
