import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATASET_NAME_PATTERN, ID_PATTERN, MAX_ID_LENGTH, SYNC_REGIONS } from '../model/index.ts';
import { datasetName, identity, identityId, identityPoolId, region } from './index.ts';

const validId = (id: string): boolean => ID_PATTERN.test(id) && id.length >= 1 && id.length <= MAX_ID_LENGTH;

describe('ids, regions, dataset names', () => {
  it('draws Cognito Sync regions, only the ones asked for', () => {
    fc.assert(fc.property(region(), (r) => (SYNC_REGIONS as readonly string[]).includes(r)));
    fc.assert(fc.property(region({ only: ['eu-west-2'] }), (r) => r === 'eu-west-2'));
  });

  it('draws REGION:GUID ids within 55 characters, lowercase hex', () => {
    for (const shape of ['guid', 'pattern'] as const) {
      fc.assert(fc.property(identityPoolId({ shape }), identityId({ shape }), (a, b) => validId(a) && validId(b)));
    }
    fc.assert(
      fc.property(identityId(), (id) =>
        /^[a-z0-9-]+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id),
      ),
    );
  });

  it('pairs a pool and an identity in one region', () => {
    fc.assert(
      fc.property(identity({ shape: 'pattern' }), (i) => {
        expect(i.identityPoolId.startsWith(`${i.region}:`)).toBe(true);
        expect(i.identityId.startsWith(`${i.region}:`)).toBe(true);
        expect(validId(i.identityPoolId) && validId(i.identityId)).toBe(true);
      }),
    );
    fc.assert(fc.property(identity({ region: 'ap-south-1' }), (i) => i.region === 'ap-south-1'));
  });

  it('reaches the 55-character maximum under the pattern shape', () => {
    const ids = fc.sample(identityId({ shape: 'pattern', region: 'ap-northeast-1' }), { seed: 1, numRuns: 500 });
    expect(ids.some((id) => id.length === MAX_ID_LENGTH)).toBe(true);
  });

  it('draws dataset names of 1–128 characters matching the pattern, colons and the limits included', () => {
    fc.assert(fc.property(datasetName(), (n) => n.length >= 1 && n.length <= 128 && DATASET_NAME_PATTERN.test(n)));
    fc.assert(fc.property(datasetName({ maxLength: 3 }), (n) => n.length <= 3));
    const names = fc.sample(datasetName(), { seed: 2, numRuns: 1000 });
    expect(names.some((n) => n.includes(':'))).toBe(true);
    expect(names.some((n) => n.length === 128)).toBe(true);
    expect(names.some((n) => n.length === 1)).toBe(true);
  });
});
