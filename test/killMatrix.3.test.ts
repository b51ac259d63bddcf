/** The kill matrix, shard 3 (see `killMatrix.test-helpers.ts`): shards run in parallel. */
import { killMatrixShard } from './killMatrix.test-helpers.ts';

killMatrixShard(2);
