/**
 * The `sessions/` checks against in-memory handlers: an echo passes every one; each targeted bug fails the check
 * written for it, with a timeline that names the devices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS } from '../../model/index.ts';
import { checkById } from '../catalog.ts';
import { ctxOf, type HandlerFn } from './handlerContext.test-helpers.ts';
import { firstEvent, type SessionInput } from './sessionRun.ts';

type Fn = HandlerFn;

const SESSION_IDS = [
  'sessions/converge',
  'sessions/no-conflict-loop',
  'sessions/no-churn-across-devices',
  'sessions/deletes-stay-deleted',
  'sessions/retry-safe',
];

let runs = 0;
const BUGS: Record<string, Fn> = {
  'sessions/no-conflict-loop': (e) => {
    e.datasetRecords.updatedAt = { newValue: String(++runs), op: 'replace' };
    return e;
  },
  'sessions/no-churn-across-devices': (e) => {
    e.datasetRecords.updatedAt = { newValue: String(++runs), op: 'replace' };
    return e;
  },
  'sessions/retry-safe': (e) => {
    e.datasetRecords.syncRuns = { newValue: String(++runs), op: 'replace' };
    return e;
  },
  'sessions/deletes-stay-deleted': (e) => {
    for (const r of Object.values(e.datasetRecords))
      if (r && r.op === 'remove' && typeof r.oldValue === 'string')
        Object.assign(r, { op: 'replace', newValue: r.oldValue });
    return e;
  },
  'sessions/converge': (e) => ({
    ...e,
    datasetRecords: Object.fromEntries(
      Object.entries(e.datasetRecords).filter(
        ([, r]) => !(r && r.op === 'replace' && typeof r.oldValue === 'string' && r.newValue !== r.oldValue),
      ),
    ),
  }),
};

const inputs = (id: string, n: number): SessionInput[] => {
  const check = checkById(id);
  if (!check) throw new Error(`no ${id}`);
  return fc.sample(check.arbitrary({ readings: DEFAULT_READINGS }), { seed: 11, numRuns: n }) as SessionInput[];
};

describe('sessions checks', () => {
  it.each(SESSION_IDS)('%s passes an echoing handler', async (id) => {
    const check = checkById(id);
    for (const input of inputs(id, 30)) {
      const out = await check?.property(
        input,
        ctxOf((e) => e),
      );
      expect(out?.ok, JSON.stringify(input)).toBe(true);
    }
  });

  it.each(SESSION_IDS)('%s fails the bug it is written for, with a timeline', async (id) => {
    const check = checkById(id);
    const bug = BUGS[id];
    if (!check || !bug) throw new Error(id);
    const failures = [];
    for (const input of inputs(id, 40)) {
      const out = await check.property(input, ctxOf(bug));
      if (!out.ok) failures.push(out);
    }
    expect(failures.length).toBeGreaterThan(0);
    const timeline = failures[0]?.evidence.timeline;
    expect(timeline?.devices.length).toBeGreaterThanOrEqual(2);
    expect(timeline?.rows.some((r) => r.kind === 'check')).toBe(true);
  });

  it('works out the first event a session hands the handler', () => {
    const [input] = inputs('sessions/converge', 1);
    if (!input) throw new Error('no input');
    const s = input.session;
    const e = firstEvent({
      session: {
        ...s,
        steps: [
          { kind: 'edit', device: 1, key: 0, value: 'v' },
          { kind: 'sync', device: 0, fault: 'none' },
          { kind: 'sync', device: 1, fault: 'none' },
        ],
      },
    });
    expect({ ...e?.datasetRecords }).toStrictEqual({
      [s.keys[0] ?? '']: { oldValue: null, newValue: 'v', op: 'replace' },
    });
  });
});
