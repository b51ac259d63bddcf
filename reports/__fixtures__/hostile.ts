/**
 * Hostile and awkward strings for the report fixtures: markup that would run script if it reached the page
 * unescaped (each payload sets `window.__pwned` or calls `alert`), Markdown and XML breakers, and control
 * characters XML 1.0 cannot hold.
 */
import { dictFrom, type DatasetRecords, type DatasetValues, type SyncTriggerEvent } from '../../model/index.ts';

/** Strings that try to become markup, script or structure in every report format. */
export const HOSTILE = {
  scriptKey: '<script>alert(1)</script>',
  imgKey: '<img src=x onerror=alert(1)>',
  pwnImg: '<img src=x onerror="window.__pwned=1">',
  pwnSvg: '<svg onload=window.__pwned=2>',
  closeScript: '</script><script>window.__pwned=3</script>',
  comment: '<!-- ]]> -->',
  jsUrl: 'javascript:window.__pwned=4',
  markdown: '| cell | [x](javascript:alert(1)) ``` $x$ **bold** <b>b</b>',
  controls: 'bell\u0007 nul\u0000 esc\u001b[31mred\u001b[0m',
} as const;

/** The handler label of the fixture run: a user-given name can hold markup too. */
export const HOSTILE_HANDLER = `./handlers/game-sync.mjs#handler${HOSTILE.pwnSvg}`;

/**
 * A null-prototype record map from entries, so `__proto__` and `constructor` are ordinary own keys.
 * @param entries - key and entry pairs
 */
export function recordsOf(entries: readonly (readonly [string, unknown])[]): DatasetRecords {
  return dictFrom(entries) as DatasetRecords;
}

/**
 * A null-prototype dataset from entries.
 * @param entries - key and value pairs
 */
export function valuesOf(entries: readonly (readonly [string, string])[]): DatasetValues {
  return dictFrom(entries);
}

/**
 * A Sync Trigger event around some records.
 * @param datasetRecords - the records
 * @param datasetName - the dataset @defaultValue "game_state"
 */
export function eventOf(datasetRecords: DatasetRecords, datasetName = 'game_state'): SyncTriggerEvent {
  return {
    version: 2,
    eventType: 'SyncTrigger',
    region: 'us-east-1',
    identityPoolId: 'us-east-1:0f6c1d2e-5a4b-4c3d-8e9f-0a1b2c3d4e5f',
    identityId: 'us-east-1:9a1b2c3d-4e5f-4a6b-8c7d-e8f9a0b1c2d3',
    datasetName,
    datasetRecords,
  };
}
