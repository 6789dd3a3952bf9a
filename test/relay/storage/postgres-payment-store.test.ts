import { usePgCluster } from '../../helpers/pg-cluster';
import { describePaymentStoreContract } from './payment-store-contract';
import { makePostgresHarness } from './postgres-harness';

const pg = usePgCluster();

describePaymentStoreContract('PostgreSQL', () => makePostgresHarness(pg()));
