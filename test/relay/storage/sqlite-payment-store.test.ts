import { describePaymentStoreContract } from './payment-store-contract';
import { makeSqliteHarness } from './sqlite-harness';

describePaymentStoreContract('SQLite', () => makeSqliteHarness());
