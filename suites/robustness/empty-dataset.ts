/** Events of an empty dataset. */
import { robustnessCheck } from '../_shared/robustnessCheck.ts';

export default robustnessCheck({
  id: 'robustness/empty-dataset',
  title: 'Survives an empty or new dataset',
  classes: ['empty-dataset'],
  description: "The first sync of a new dataset carries only the user's new records, or none at all.",
});
