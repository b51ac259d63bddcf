/** Events with `null` record entries (amazon-cognito-js#61). */
import { robustnessCheck } from '../_shared/robustnessCheck.ts';

export default robustnessCheck({
  id: 'robustness/null-entries',
  title: 'Survives null record entries',
  classes: ['null-entries'],
  basis: 'observed',
  clause: '§1 [OBS #61]',
  description:
    'A key deleted earlier and added again has been observed to arrive as `"key": null` (amazon-cognito-js#61). Handlers that read `records[k].newValue` without a guard throw on it.',
});
