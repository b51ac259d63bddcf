/** The kill matrix, shard 2 (see `killMatrix.test-helpers.ts`): shards run in parallel. */
import { killMatrixShard } from './killMatrix.test-helpers.ts';

killMatrixShard(1);
