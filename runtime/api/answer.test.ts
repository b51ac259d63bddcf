/** What a posted answer means for the invocation: one row per kind of body. */
import { describe, expect, it } from 'vitest';
import { endingOf } from './answer.ts';

const LIMIT = 6_291_556;
const response = (body: Buffer | string) =>
  endingOf({ kind: 'response', body: Buffer.isBuffer(body) ? body : Buffer.from(body) }, LIMIT);
const error = (body: string, errorType?: string) =>
  endingOf({ kind: 'error', body: Buffer.from(body), errorType }, LIMIT);

describe('endingOf', () => {
  it('a response of UTF-8 JSON is the reply, surrounding whitespace aside', () => {
    expect(response('{"a":"é"}\n')).toStrictEqual({ kind: 'replied', json: '{"a":"é"}' });
    expect(response('null')).toStrictEqual({ kind: 'replied', json: 'null' });
  });

  it.each([
    ['not JSON', 'not-json', 'RuntimeApi.InvalidJson', /^the response body is not valid JSON \(.*\): "not-json"$/],
    ['empty', '', 'RuntimeApi.InvalidJson', /is empty/],
  ])('a response %s is an error', (_what, body, errorType, errorMessage) => {
    expect(response(body)).toMatchObject({ kind: 'threw', error: { errorType, errorMessage } });
  });

  it('a response that is not UTF-8 is a reply marked so: the model refuses it (reply-not-utf8)', () => {
    expect(response(Buffer.from([0x22, 0xff, 0x22]))).toMatchObject({ kind: 'replied', invalidUtf8: true });
  });

  it('an error body is the payload: stackTrace (the API, Python) or trace (Node) as the trace', () => {
    expect(error('{"errorMessage":"m","errorType":"ValueError","stackTrace":["  File a", "  File b"]}')).toStrictEqual({
      kind: 'threw',
      error: { errorType: 'ValueError', errorMessage: 'm', trace: ['  File a', '  File b'] },
    });
    expect(error('{"errorMessage":"m","errorType":"TypeError","trace":["TypeError: m"]}', 'Unhandled')).toMatchObject({
      error: { errorType: 'TypeError', trace: ['TypeError: m'] },
    });
  });

  it('an error body that is no payload: the error type header (Lambda falls back on it), else Runtime.Unknown', () => {
    expect(error('oops', 'Runtime.ExitError')).toStrictEqual({
      kind: 'threw',
      error: {
        errorType: 'Runtime.ExitError',
        errorMessage: 'the error body is not an error payload: "oops"',
        trace: [],
      },
    });
    expect(error('')).toStrictEqual({
      kind: 'threw',
      error: { errorType: 'Runtime.Unknown', errorMessage: '', trace: [] },
    });
  });

  it('past the limit: Function.ResponseSizeTooLarge, as Lambda reports it', () => {
    expect(endingOf({ kind: 'too-large', bytes: 7_000_000, partial: false }, LIMIT)).toMatchObject({
      kind: 'threw',
      error: {
        errorType: 'Function.ResponseSizeTooLarge',
        errorMessage: `Response payload size exceeded maximum allowed payload size (${String(LIMIT)} bytes). The reply was 7000000 bytes.`,
      },
    });
  });
});
