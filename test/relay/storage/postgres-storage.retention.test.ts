import { usePgCluster } from '../../helpers/pg-cluster';
import { makePostgresHarness } from './postgres-harness';
import { describeRetentionContract } from './retention-contract';

const pg = usePgCluster();

describeRetentionContract('PostgreSQL', () => makePostgresHarness(pg()));
