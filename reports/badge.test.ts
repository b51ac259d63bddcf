/** The badge: verdict and passed `must` checks, as SVG and as a shields.io endpoint, in every verdict. */
import { describe, expect, it } from 'vitest';
import { conformantRun, fixtureRun, partialRun, runOf } from './__fixtures__/run.ts';
import { badgeOf, renderBadgeJson, renderBadgeSvg } from './index.ts';

describe('the badge', () => {
  it('is pinned by snapshots of the fixed run', () => {
    expect(renderBadgeSvg(fixtureRun())).toMatchSnapshot('badge.svg');
    expect(renderBadgeJson(fixtureRun())).toMatchSnapshot('badge.json');
  });

  it('says pass or fail with the count of passed must checks, in the verdict’s colour', () => {
    expect(badgeOf(conformantRun())).toStrictEqual({
      label: 'sync trigger',
      message: '4/4 must',
      color: 'brightgreen',
    });
    expect(badgeOf(fixtureRun())).toStrictEqual({ label: 'sync trigger', message: '4/8 must · fail', color: 'red' });
    expect(badgeOf(partialRun())).toStrictEqual({
      label: 'sync trigger',
      message: '4/5 must · partial',
      color: 'orange',
    });
    expect(badgeOf(runOf([]))).toStrictEqual({
      label: 'sync trigger',
      message: 'no must checks run',
      color: 'lightgrey',
    });
  });

  it('badge.json is a shields.io endpoint document', () => {
    const endpoint = JSON.parse(renderBadgeJson(conformantRun())) as Record<string, unknown>;
    expect(endpoint).toStrictEqual({
      schemaVersion: 1,
      label: 'sync trigger',
      message: '4/4 must',
      color: 'brightgreen',
    });
  });

  it('badge.svg is a standalone SVG whose text and accessible name say the same as the endpoint', () => {
    const svg = renderBadgeSvg(fixtureRun());
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20" role="img"/);
    expect(svg).toContain('aria-label="sync trigger: 4/8 must · fail"');
    expect(svg).toContain('<title>sync trigger: 4/8 must · fail</title>');
    expect(svg).toContain('fill="#e05d44"');
    expect(svg).not.toMatch(/<script|\bon\w+=|href=/);
    // The message box grows with its text.
    const width = (s: string): number => Number(/width="(\d+)"/.exec(s)?.[1]);
    expect(width(svg)).toBeGreaterThan(width(renderBadgeSvg(conformantRun())));
  });
});
