/** Events where the user removed records (newValue null or absent). */
import { robustnessCheck } from '../_shared/robustnessCheck.ts';

export default robustnessCheck({
  id: 'robustness/removed-records',
  title: 'Survives removed records (op remove, newValue null)',
  classes: ['removes'],
  description:
    'A record the user deleted arrives with `op: "remove"` and (by default) `newValue: null`. Handlers that call `.split`, `JSON.parse` or `parseInt(...).toFixed` on `newValue` throw on it.',
});
