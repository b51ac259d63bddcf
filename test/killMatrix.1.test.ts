/** The kill matrix, shard 1 (see `killMatrix.test-helpers.ts`): shards run in parallel. */
import { killMatrixShard } from './killMatrix.test-helpers.ts';

killMatrixShard(0);
