/** Events near the 1 MB dataset size. */
import { robustnessCheck } from '../_shared/robustnessCheck.ts';

export default robustnessCheck({
  id: 'robustness/near-size-limit',
  title: 'Survives a dataset near the 1 MB size limit',
  classes: ['near-1mb'],
  clause: '§1, §3',
  description: 'Datasets of up to 1 MB (UTF-8 of keys and values) arrive whole, with long and multi-byte values.',
  // Every case is a dataset at a limit (about 1 MB to draw, send and judge): 30 of them cover the class.
  maxRuns: 30,
});
