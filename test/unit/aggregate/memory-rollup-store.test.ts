import { createMemoryRollupStore } from '../../../shared/aggregate/memory-rollup-store.ts';
import { describeRollupStore } from './rollup-store-contract.ts';

describeRollupStore('memory', async () => createMemoryRollupStore());
