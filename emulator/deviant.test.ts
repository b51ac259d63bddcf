/** The deviant service: the same requests leave a different dataset than the model's, as a differential check needs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_READINGS, OPEN_POINTS } from '../model/index.ts';
import { DEVIANT_MODES, deviantNames, parseDeviant, startEmulator, type RunningEmulator } from './index.ts';
import { fixture, put, setUp } from './testkit.test-helpers.ts';

const functions = {
  rebuild: { handler: fixture('bad-rebuild-records.mjs') },
  echo: { handler: fixture('good-echo-context-done.cjs') },
};
let faithful: RunningEmulator;

beforeAll(async () => {
  faithful = await startEmulator({ port: 0, functions });
});

afterAll(async () => {
  await faithful.close();
});

/** Runs `scenario` on the faithful emulator and on one started with `deviant`, returning both results. */
async function both<T>(deviant: Parameters<typeof startEmulator>[0], scenario: (aws: RunningEmulator) => Promise<T>) {
  const other = await startEmulator({ port: 0, functions, ...deviant });
  try {
    return { faithful: await scenario(faithful), deviant: await scenario(other) };
  } finally {
    await other.close();
  }
}

describe('the deviant service', () => {
  it('removes records the handler omits, where the model ignores them', async () => {
    const r = await both({ deviant: { omittedRecords: 'removed' } }, async (aws) => {
      const s = await setUp(aws, 'rebuild');
      const d = await s.device();
      await s.update(s.asDeveloper(d), 'game', [put('kept', 'v')]);
      // bad-rebuild-records replies with only "score": "kept" is left out of its reply.
      await s.update(d, 'game', [put('score', 'x')]);
      return s.values(d, 'game');
    });
    expect(r.faithful).toStrictEqual({ kept: 'v', score: 'x' });
    expect(r.deviant).toStrictEqual({ score: 'x' });
  });

  it('applies a non-default reading: a replace with the stored value is written', async () => {
    const r = await both({ deviant: parseDeviant(['same-value-written']) }, async (aws) => {
      const s = await setUp(aws, 'echo');
      const d = await s.device();
      await s.update(s.asDeveloper(d), 'game', [put('a', '1'), put('b', '2')]);
      // The echo replies "b" as replace with its stored value.
      await s.update(d, 'game', [put('a', '10', 1)]);
      return s.counts(d, 'game');
    });
    expect(r.faithful).toStrictEqual({ a: 2, b: 1 });
    expect(r.deviant).toStrictEqual({ a: 2, b: 2 });
  });

  it('takes named modes and any point=reading, and refuses anything else', () => {
    expect(parseDeviant(['reply.replaceSameValue=written'])).toStrictEqual(DEVIANT_MODES['same-value-written']);
    expect(parseDeviant(['omitted-removed', 'reply.nullEntry=invalid'])).toStrictEqual({
      omittedRecords: 'removed',
      readings: { 'reply.nullEntry': 'invalid' },
    });
    expect(() => parseDeviant(['sideways'])).toThrow(/unknown deviant mode sideways/);
    expect(() => parseDeviant(['reply.nullEntry=maybe'])).toThrow(/has no reading "maybe"/);
    const nonDefault = OPEN_POINTS.reduce((n, p) => n + p.readings.length - 1, 0);
    expect(deviantNames()).toHaveLength(Object.keys(DEVIANT_MODES).length + nonDefault);
    expect(deviantNames()).not.toContain(`reply.nullEntry=${DEFAULT_READINGS['reply.nullEntry']}`);
  });

  it('refuses readings the model does not know, at start', async () => {
    await expect(
      startEmulator({ port: 0, readings: { 'reply.nullEntry': 'maybe' as 'remove' } }),
    ).rejects.toMatchObject({ code: 'E_READING', message: /reply\.nullEntry/ });
  });
});
