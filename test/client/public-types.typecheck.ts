/**
 * Compile-only checks of the public types (Segment's typedef-tests): checked by `tsc --noEmit` in `npm test`.
 * Each `@ts-expect-error` must stay an error, or the compile fails.
 */
import { createPurchaseKit } from '../../src/client/index';
import type { PurchaseKitOptions, PurchaseResult, PurchasableProduct, KitEvents, PurchaseErrorCode } from '../../src/client/index';

export async function typedefs(): Promise<void> {
  const options: PurchaseKitOptions = { relayUrl: 'https://pay.example.com', appId: 'wx1', payment: { offerId: 'o', env: 1 } };
  // @ts-expect-error relayUrl is required
  const noRelay: PurchaseKitOptions = { appId: 'wx1' };
  // @ts-expect-error env is 0 or 1
  const badEnv: PurchaseKitOptions = { relayUrl: 'x', appId: 'y', payment: { env: 2 } };
  const kit = createPurchaseKit(options);

  const product: PurchasableProduct = { productId: 'p', price: 600, currency: 'CNY' };
  const r: PurchaseResult = await kit.purchase(product);
  const status: 'paid' | 'cancelled' | 'failed' = r.status;
  const code: PurchaseErrorCode | undefined = r.error?.code;
  // @ts-expect-error a product needs a price
  await kit.purchase({ productId: 'p', currency: 'CNY' });

  kit.on('reported', (e: KitEvents['reported']) => e.status === 'accepted' || e.status === 'duplicate');
  // @ts-expect-error no such event
  kit.on('paid', () => undefined);
  kit.reportPurchase({ productId: 'p', amount: 100, currency: 'USD', level: 3 });
  // @ts-expect-error level is a number
  kit.reportPurchase({ productId: 'p', amount: 100, currency: 'USD', level: '3' });
  void [noRelay, badEnv, status, code];
}
