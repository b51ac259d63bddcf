/**
 * The emulator's durability cost: UpdateRecords per second through the real v3 client, writers side by side, without
 * a state file and with one (every answer waits for the journal's fsync, shared by the answers of one round), in
 * one run. Developer credentials keep the Sync Trigger out of it: the cost measured is the state's, not a handler's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateIdentityPoolCommand, CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoSyncClient, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { startEmulator } from '../emulator/index.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

/** Updates per second of `writers` clients writing `perWriter` updates each, one dataset per writer. */
async function rate(statePath: string | undefined, writers: number, perWriter: number): Promise<number> {
  const aws = await startEmulator({ port: 0, ...(statePath ? { statePath } : {}) });
  const config = { endpoint: aws.url, region: aws.region, credentials, maxAttempts: 1 };
  const ids = new CognitoIdentityClient(config);
  const sync = new CognitoSyncClient(config);
  try {
    const { IdentityPoolId = '' } = await ids.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'bench', AllowUnauthenticatedIdentities: true }),
    );
    const { IdentityId = '' } = await ids.send(new GetIdCommand({ IdentityPoolId }));
    const write = async (w: number): Promise<void> => {
      const at = { IdentityPoolId, IdentityId, DatasetName: `bench${String(w)}` };
      const { SyncSessionToken } = await sync.send(new ListRecordsCommand(at));
      for (let n = 0; n < perWriter; n++)
        await sync.send(
          new UpdateRecordsCommand({
            ...at,
            SyncSessionToken,
            RecordPatches: [{ Op: 'replace', Key: `k${String(n)}`, Value: 'v'.repeat(64), SyncCount: 0 }],
          }),
        );
    };
    await write(writers); // warm-up: connections, code paths
    const started = performance.now();
    await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
    return ((writers * perWriter) / (performance.now() - started)) * 1000;
  } finally {
    ids.destroy();
    sync.destroy();
    await aws.close();
  }
}

/** Runs the emulator benchmark and returns printable rows. */
export async function benchEmulator(writers = 8, perWriter = 60): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'csc-bench-emulator-'));
  try {
    // Interleaved rounds, the best of each: the first round also warms the process (JIT, module loading).
    let memory = 0;
    let durable = 0;
    for (let round = 0; round < 3; round++) {
      memory = Math.max(memory, await rate(undefined, writers, perWriter));
      durable = Math.max(durable, await rate(join(dir, `state${String(round)}.json`), writers, perWriter));
    }
    const fmt = (r: number): string => `${r.toFixed(0).padStart(6)} updates/s`;
    return [
      `emulator: UpdateRecords through the v3 client, ${String(writers)} writers × ${String(perWriter)}, developer credentials`,
      `  memory only                      ${fmt(memory)}   (best of 3 rounds, interleaved)`,
      `  state file (journal, fsync)      ${fmt(durable)}   ${(durable / memory).toFixed(2)}× of memory only`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
