// PLACEHOLDER (reconcile helper replaces it). `purchase-relay reconcile ...`; resolves the exit code.
export async function runReconcileCommand(_argv: string[]): Promise<number> {
  process.stderr.write('reconcile: not built yet\n');
  return 2;
}
