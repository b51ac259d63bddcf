/**
 * The parts of a live run that need no service: redaction of every kind of secret a live run sees, and the Wire's
 * counting (SDK retries included), cap, throttling backoff, stop, and cleanup past both.
 */
import { describe, expect, it } from 'vitest';
import { redactorFor, redactSecrets, redactValue } from '../runtime/secrets.ts';
import { LiveStop, Wire, type TraceEntry } from './wire.ts';

const sdkError = (name: string, status: number | undefined, attempts = 1): Error =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status, attempts } });

describe('redaction', () => {
  it('removes signatures, tokens and keys in every form a live run meets', () => {
    const text = [
      'Authorization: AWS4-HMAC-SHA256 Credential=ASIAABCDEFGHIJKLMNOP/20260101/us-east-1/cognito-sync/aws4_request, SignedHeaders=host, Signature=0123abcd',
      'x-amz-security-token:IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
      'https://x/?X-Amz-Security-Token=abc%2Fdef&X-Amz-Signature=ffee',
      '{"SecretKey":"wJalrXUtnFEMI/K7MDENG","SessionToken":"tok","SyncSessionToken":"sst","AccessKeyId":"AKIAIOSFODNN7EXAMPLE"}',
    ].join('\n');
    const out = redactSecrets(text);
    for (const s of [
      'ABCDEFGHIJKLMNOP',
      '0123abcd',
      'IQoJb3JpZ2luX2VjEJr',
      'abc%2Fdef',
      'wJalrXUtnFEMI',
      '"tok"',
      'sst',
      'IOSFODNN7',
    ])
      expect(out, s).not.toContain(s);
    expect(out).toContain('https://x/?X-Amz-Security-Token=[redacted]');
  });

  it('replaces secret fields by name in values, keeps a __proto__ key a key, and turns dates into text', () => {
    const value = JSON.parse('{"__proto__":{"SessionToken":"t"},"Credentials":{"SecretKey":"s"},"When":1}') as object;
    const out = redactValue({ ...value, at: new Date(0) }) as Record<string, unknown>;
    expect(Object.keys(out)).toStrictEqual(['__proto__', 'Credentials', 'When', 'at']);
    expect(JSON.stringify(out)).toBe(
      '{"__proto__":{"SessionToken":"[redacted]"},"Credentials":"[redacted]","When":1,"at":"1970-01-01T00:00:00.000Z"}',
    );
  });

  it('replaces the exact secrets a run holds, wherever they are, and ignores strings too short to be one', () => {
    const redact = redactorFor(['my-long-secret-value', 'short', undefined]);
    expect(redact({ m: 'signature of my-long-secret-value, short' })).toStrictEqual({
      m: 'signature of [redacted], short',
    });
    expect(redact({ 'my-long-secret-value': 1 })).toStrictEqual({ '[redacted]': 1 });
  });
});

describe('the wire', () => {
  const ok = (attempts = 1) => Promise.resolve({ $metadata: { attempts }, Value: 'v' });

  it('counts every HTTP attempt, records each request redacted, and refuses past the cap but not cleanup', async () => {
    const wire = new Wire({ maxRequests: 3, throttleRetries: 0, backoffMs: 1 });
    wire.addSecrets('known-secret-1234');
    const trace: TraceEntry[] = [];
    await wire.send(trace, { op: 'ListRecords', as: 'device-0' }, { token: 'known-secret-1234' }, () => ok(2));
    expect(wire.requests).toBe(2);
    expect(trace[0]).toMatchObject({
      op: 'ListRecords',
      input: { token: '[redacted]' },
      output: { Value: 'v' },
      attempts: 2,
    });
    await expect(
      wire.send(trace, { op: 'X', as: 'a' }, {}, () => Promise.reject(sdkError('Boom', 500, 1))),
    ).rejects.toThrow('Boom');
    expect(wire.requests).toBe(3);
    await expect(wire.send(trace, { op: 'X', as: 'a' }, {}, () => ok())).rejects.toBeInstanceOf(LiveStop);
    await wire.cleanup(trace, { op: 'DeleteDataset', as: 'a' }, {}, () => ok());
    expect(wire.requests).toBe(4);
    expect(wire.reserve(1)).toBe(false);
  });

  it('retries throttling with backoff, up to its limit, and stops when told', async () => {
    const wire = new Wire({ maxRequests: 100, throttleRetries: 2, backoffMs: 5 });
    let calls = 0;
    const flaky = () => (++calls <= 2 ? Promise.reject(sdkError('LambdaThrottledException', 429)) : ok());
    await wire.send([], { op: 'UpdateRecords', as: 'a' }, {}, flaky);
    expect(calls).toBe(3);
    expect(wire.throttled).toBe(2);
    const always = () => Promise.reject(sdkError('TooManyRequestsException', 429));
    await expect(wire.send([], { op: 'UpdateRecords', as: 'a' }, {}, always)).rejects.toThrow(
      'TooManyRequestsException',
    );
    // A network failure is no throttle: not retried here (the SDK's own attempts cover it).
    let network = 0;
    const lost = () => {
      network++;
      return Promise.reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    };
    await expect(wire.send([], { op: 'UpdateRecords', as: 'a' }, {}, lost)).rejects.toThrow('socket hang up');
    expect(network).toBe(1);
    const stop = new AbortController();
    const stopped = new Wire({ maxRequests: 100, throttleRetries: 2, backoffMs: 5, signal: stop.signal });
    stop.abort();
    await expect(stopped.send([], { op: 'X', as: 'a' }, {}, () => ok())).rejects.toMatchObject({ why: 'interrupted' });
  });
});
