import { describeRetentionContract } from './retention-contract';
import { makeSqliteHarness } from './sqlite-harness';

describeRetentionContract('SQLite', () => makeSqliteHarness());
