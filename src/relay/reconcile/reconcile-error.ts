import type { GravityFailureKind } from './gravity-client';

/** A reconciliation that cannot finish. Its pages so far stay stored: running it again resumes. */
export class ReconcileError extends Error {
  override readonly name = 'ReconcileError';
  constructor(
    /** What went wrong, for a program to switch on. */
    readonly code: GravityFailureKind | 'gave-up' | 'inconsistent',
    message: string,
  ) {
    super(message);
  }
}
