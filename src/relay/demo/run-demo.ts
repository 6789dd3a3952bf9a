// PLACEHOLDER (catalog/demo helper replaces it). `purchase-relay demo` and `npm start`.
export async function runDemo(_argv: string[]): Promise<void> {
  throw new Error('demo: not built yet');
}
