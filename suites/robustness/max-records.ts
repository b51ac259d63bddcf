/** Events with 1,024 records. */
import { robustnessCheck } from '../_shared/robustnessCheck.ts';

export default robustnessCheck({
  id: 'robustness/max-records',
  title: 'Survives a dataset at the 1,024-record limit',
  classes: ['max-records'],
  clause: '§1, §3',
  description: 'Cognito passes every record present, so a full dataset arrives as 1,024 records on every sync.',
  // Every case is a dataset at a limit (about 1 MB to draw, send and judge): 30 of them cover the class.
  maxRuns: 30,
});
