/**
 * Shared by the live tests: an emulator with a pool whose Sync Trigger is a given handler (set up through the real
 * SDK clients, as `deploy/stack.yaml` would), and a recording proxy in front of it that keeps every secret that
 * crossed the wire — issued credentials, session tokens, SigV4 signatures — so a test can prove none was written.
 */
import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index.ts';
import type { RunResult } from '../harness/result.ts';
import { setUp } from '../emulator/testkit.test-helpers.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const fixture = (f: string): string => join(root, 'fixtures/handlers/conformance', f);
export const sampleHandler = join(root, 'examples/sample-handler.mjs');
export const probeTrigger = join(root, 'deploy/probe-trigger.cjs');

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(root, 'reports/schema/report.schema.json'), 'utf8')) as object,
);

/** Expects a run result to validate against the shipped report.json schema. */
export function expectValidReport(run: RunResult): void {
  const ok = validate(JSON.parse(JSON.stringify(run)));
  expect(ok, JSON.stringify(validate.errors, null, 1)).toBe(true);
}

/** The developer credentials the tests put into the SDK chain (environment). */
export const DEVELOPER = { accessKeyId: 'AKIDLIVEDEVELOPER', secretAccessKey: 'live-developer-secret-0123456789' };

/** Puts the developer credentials and the region into the environment; returns the restore function. */
export function developerEnv(): () => void {
  const saved = { ...process.env };
  process.env.AWS_ACCESS_KEY_ID = DEVELOPER.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = DEVELOPER.secretAccessKey;
  process.env.AWS_REGION = 'us-east-1';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_ENDPOINT_URL;
  return () => {
    process.env = saved;
  };
}

/** Creates a pool (unauthenticated identities) whose Sync Trigger is the function `fn` of the emulator. */
export async function makePool(aws: RunningEmulator, fn: string | undefined, name = 'sync_trigger_conformance') {
  const kit = await setUp(aws, fn, name);
  kit.identity.destroy();
  kit.admin.destroy();
  return kit.poolId;
}

/** An emulator whose function `trigger` is the handler, and a pool whose Sync Trigger it is. */
export async function service(
  handler: string,
  extra: Partial<EmulatorOptions> = {},
): Promise<{ aws: RunningEmulator; poolId: string }> {
  const aws = await startEmulator({ port: 0, functions: { trigger: { handler } }, ...extra });
  return { aws, poolId: await makePool(aws, 'trigger') };
}

/** A proxy that forwards to `target` and remembers every secret it saw. */
export interface RecordingProxy {
  readonly url: string;
  /** Issued access keys, secret keys and session tokens, request signatures and security tokens. */
  secrets(): string[];
  close(): Promise<void>;
}

const body = async (m: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of m as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
};

/** Starts a recording proxy in front of an endpoint. */
export async function recordingProxy(target: string): Promise<RecordingProxy> {
  const seen = new Set<string>();
  const to = new URL(target);
  const server = createServer((req, res) => {
    void (async () => {
      const auth = req.headers.authorization ?? '';
      for (const m of auth.matchAll(/Signature=([0-9a-f]+)/g)) seen.add(m[1] ?? '');
      const token = req.headers['x-amz-security-token'];
      if (typeof token === 'string') seen.add(token);
      const sent = await body(req);
      const upstream = request(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          void body(answer).then((got) => {
            const text = got.toString('utf8');
            for (const m of text.matchAll(/"(?:AccessKeyId|SecretKey|SessionToken)":"([^"]+)"/g)) seen.add(m[1] ?? '');
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            res.end(got);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(sent);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    secrets: () => [...seen].filter((s) => s.length >= 8),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
