/** Events with unicode and prototype-named keys. */
import { robustnessCheck } from '../_shared/robustnessCheck.ts';

export default robustnessCheck({
  id: 'robustness/unusual-keys',
  title: 'Survives unicode and prototype-named keys (__proto__, constructor, toString)',
  classes: ['prototype-keys', 'unicode-keys'],
  clause: '§1, §3',
  description:
    'The API allows any key of 1–1,024 characters. Keys such as `__proto__`, `constructor` or `hasOwnProperty` break handlers that use plain objects as maps (`records[k] = …` on `__proto__` changes the prototype instead of adding a record).',
});
