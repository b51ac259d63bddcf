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

const ESC = '\u001b';

/**
 * Strings that try to act on a terminal, a CI log or a text renderer rather than show: each is harmless only when
 * every control character and bidi control in it is escaped.
 */
export const SPOOF = {
  /** OSC 0: sets the window title. */
  title: `${ESC}]0;pwned title\u0007`,
  /** OSC 8: a hyperlink whose target is not its text. */
  link: `${ESC}]8;;https://evil.invalid/${ESC}\\the docs${ESC}]8;;${ESC}\\`,
  /** Return, erase the line, and print a green verdict of its own. */
  verdict: `\r${ESC}[2K${ESC}[32mCONFORMANT: 19 passed, 0 failed, 0 errored${ESC}[0m`,
  /** SGR 8: text the terminal hides. */
  conceal: `${ESC}[8mhidden text${ESC}[28m`,
  /** Right-to-left override: `gnp.exe` shows as `exe.png`. */
  rlo: 'invoice\u202egnp.exe\u202c',
  /** Isolates and marks. */
  isolates:
    '\u2066isolated\u2069 \u2067rtl\u2069 \u2068first\u2069 lrm\u200e rlm\u200f alm\u061c lre\u202a rle\u202b pdf\u202c lro\u202d',
  /** C1 controls: CSI and NEL as single code points, and DEL. */
  c1: 'csi\u009b31m nel\u0085 del\u007f',
  /** Line and paragraph separators, which web log viewers break lines at. */
  separators: 'line\u2028para\u2029end',
} as const;

/** Every spoofing string in one, as a handler would send them all at once. */
export const SPOOF_ALL = Object.values(SPOOF).join(' | ');

/**
 * The characters none of the human-readable outputs may carry raw: C0 controls but LF (and tab and CR inside report
 * markup), DEL, C1, the bidi controls.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
export const RAW_CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

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
