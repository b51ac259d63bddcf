/** `probe`: settle the undocumented points against the live service, into a readings file `run` can load. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pc from 'picocolors';
import { interruptible } from '../interrupt.ts';
import { collectList } from '../parse.ts';

interface ProbeFlags {
  identityPoolId?: string;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  points?: string[];
  out: string;
}

/** Registers `probe`. */
export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description(
      'run one small experiment per undocumented point through a pool whose Sync Trigger is the probe function ' +
        '(deploy/probe-trigger.cjs, deployed by deploy/stack.yaml) and write the readings the service showed',
    )
    .option(
      '--identity-pool-id <id>',
      'the probe pool (default CSC_PROBE_POOL_ID, else the pool named sync_trigger_conformance_probe)',
    )
    .option('--endpoint-url <url>', 'AWS endpoint (e.g. the local emulator); default AWS_ENDPOINT_URL or AWS')
    .option('--region <region>', 'AWS region (default AWS_REGION)')
    .option('--profile <name>', 'AWS profile (default AWS_PROFILE)')
    .option('--points <ids>', 'only these points (comma-separated; see docs/semantics.md)', collectList)
    .option('--out <file>', 'the readings file to write', 'readings.json')
    .action(async (f: ProbeFlags) => {
      const identityPoolId = f.identityPoolId ?? process.env.CSC_PROBE_POOL_ID;
      const endpoint = f.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
      // Loaded only here: the AWS SDK clients cost most of a second to import.
      const { runProbes } = await import('../../live/probes.ts');
      const file = await interruptible('stopping after this experiment (its dataset is deleted)', (signal) =>
        runProbes({
          ...(identityPoolId ? { identityPoolId } : {}),
          ...(endpoint ? { endpoint } : {}),
          ...(f.region ? { region: f.region } : {}),
          ...(f.profile ? { profile: f.profile } : {}),
          ...(f.points ? { points: f.points } : {}),
          signal,
          onProgress: (point, reading) => {
            process.stdout.write(`  ${point.padEnd(30)} ${reading}\n`);
          },
        }),
      );
      for (const [point, why] of Object.entries(file.unprobed))
        process.stdout.write(pc.dim(`  ${point.padEnd(30)} not probed: ${why}`) + '\n');
      await writeFile(f.out, `${JSON.stringify(file, null, 2)}\n`);
      process.stdout.write(`wrote ${f.out}: judge later runs under these readings with --readings-file ${f.out}\n`);
    });
}
