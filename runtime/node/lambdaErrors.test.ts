import { describe, expect, it } from 'vitest';
import { formatLegacyError, formatModernError, jsonText, serializeResult } from './lambdaErrors.ts';

describe('error payloads', () => {
  it('gives an Error its name, message and stack lines', () => {
    const e = new RangeError('out of range');
    const legacy = formatLegacyError(e);
    expect(legacy).toMatchObject({ errorType: 'RangeError', errorMessage: 'out of range' });
    expect(legacy.trace[0]).toBe('RangeError: out of range');
    expect(formatModernError(e)).toStrictEqual(legacy);
  });

  it('reports other values by typeof and their string, as the runtime clients do', () => {
    expect(formatLegacyError('nope')).toStrictEqual({ errorType: 'string', errorMessage: 'nope', trace: [] });
    expect(formatLegacyError({ code: 1 })).toStrictEqual({
      errorType: 'object',
      errorMessage: '[object Object]',
      trace: [],
    });
    expect(formatModernError(42)).toStrictEqual({ errorType: 'number', errorMessage: '42', trace: [] });
  });

  it('accepts an error-like object in the legacy client and says "handled" when fields cannot be read', () => {
    expect(formatLegacyError({ name: 'DbError', message: 'down', stack: 'DbError: down\n at x' })).toStrictEqual({
      errorType: 'DbError',
      errorMessage: 'down',
      trace: ['DbError: down', ' at x'],
    });
    expect(formatLegacyError(Object.create(null))).toMatchObject({ errorType: 'handled' });
  });
});

describe('result serialization', () => {
  it('is JSON.stringify, with undefined as null', () => {
    expect(serializeResult(undefined, false)).toBe('null');
    expect(serializeResult({ at: new Date(0), gone: undefined, list: [undefined] }, false)).toBe(
      '{"at":"1970-01-01T00:00:00.000Z","list":[null]}',
    );
    expect(jsonText(() => 1)).toBe('null');
  });

  it('throws the runtime error for what JSON.stringify rejects', () => {
    expect(() => serializeResult({ n: 1n }, false)).toThrow('Unable to stringify response body');
    try {
      serializeResult({ n: 1n }, true);
    } catch (e) {
      expect((e as Error).name).toBe('Runtime.JSONStringifyError');
    }
  });
});
