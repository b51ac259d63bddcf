/** "Did you mean": the closest names by edits, as commander suggests flags, and ids by their last segment. */
import { describe, expect, it } from 'vitest';
import { didYouMean, similarNames } from './suggest.ts';

const names = [
  'reply',
  'reply/shape',
  'reply/record-format',
  'timing',
  'timing/deadline',
  'timing/margin',
  'json',
  'html',
];

describe('similar names', () => {
  it('suggests the closest names, swaps of neighbours counting as one edit', () => {
    expect(similarNames('relpy', names)).toStrictEqual(['reply']);
    expect(similarNames('reply/shap', names)).toStrictEqual(['reply/shape']);
    expect(similarNames('jsn', names)).toStrictEqual(['json']);
    expect(similarNames('timing/margn', names)).toStrictEqual(['timing/margin']);
  });

  it('suggests an id by its last segment, and nothing for what is far from every name', () => {
    expect(similarNames('deadline', names)).toStrictEqual(['timing/deadline']);
    expect(similarNames('frobnicate', names)).toStrictEqual([]);
    expect(didYouMean('frobnicate', names)).toBe('');
    expect(didYouMean('jsn', names)).toBe(' (did you mean json?)');
    expect(didYouMean('xtml', ['html', 'xml'])).toBe(' (did you mean one of html, xml?)');
  });
});
