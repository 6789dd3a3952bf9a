import { enabledSinksOf, type GameConfig } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import type { PurchaseReport } from '../../shared/schemas/purchase-report';
import type { OrderRecord, Proof } from '../storage/payment-store';
import type { Storage } from '../storage/storage';
import { composeVerifiedReport } from './compose-report';

export interface ProveDeps {
  storage: Storage;
  games: ReadonlyMap<string, GameConfig>;
  now(): number;
  log: RelayLogger;
  /** Counts each outcome (`relay_payment_proofs_total`). */
  onOutcome?(outcome: ProveOutcome['kind'], source: Proof['source']): void;
}

export type ProveOutcome =
  /** Revenue: the purchase was ingested (or already was) and its deliveries are due. */
  | { kind: 'revenue'; status: 'accepted' | 'duplicate' }
  /** Proven in the sandbox (Env 1): stored and visible, never revenue. */
  | { kind: 'sandbox' }
  /** The proof matches no order, or another player, product or quantity: kept as an anomaly, never delivered. */
  | { kind: 'anomaly'; reason: string };

/**
 * Turns a platform's proof of payment into revenue: checks it against the order, ingests the purchase with the
 * platform's amount and paid time and the order's context (idempotent on the order id, so a push retried for hours,
 * a push and a query, or two relays proving the same order, deliver once), then marks the order paid. The purchase
 * is ingested before the order is marked: a crash between leaves a pending order whose next proof finds the
 * purchase already stored (`duplicate`) and marks it.
 */
export async function proveOrder(d: ProveDeps, appId: string, orderId: string, proof: Proof): Promise<ProveOutcome> {
  const outcome = await prove(d, appId, orderId, proof);
  d.onOutcome?.(outcome.kind, proof.source);
  return outcome;
}

async function prove(d: ProveDeps, appId: string, orderId: string, proof: Proof): Promise<ProveOutcome> {
  const payments = d.storage.payments;
  const order = await payments.getOrder(appId, orderId);
  const problem = order ? mismatch(order, proof) : 'no-order';
  if (problem) {
    await payments.recordEvent({
      appId, orderId, kind: 'anomaly', eventKey: `${orderId}:${problem}:${proof.source}:${proof.via}`, env: proof.env,
      amount: proof.amount, detail: { reason: problem, proof }, receivedAt: d.now(),
    });
    d.log.warn({ appId, orderId, reason: problem, source: proof.source }, 'payment proof kept as an anomaly: never delivered');
    return { kind: 'anomaly', reason: problem };
  }
  const known = order as OrderRecord;
  if (proof.env === 1 || known.env === 1) {
    await payments.recordEvent({ appId, orderId, kind: 'sandbox', eventKey: orderId, env: 1, amount: proof.amount, detail: { proof }, receivedAt: d.now() });
    await payments.settle(appId, orderId, { state: 'sandbox', proof, at: d.now() });
    return { kind: 'sandbox' };
  }
  const game = d.games.get(appId);
  if (!game) return { kind: 'anomaly', reason: 'unknown-game' };
  const report: PurchaseReport = composeVerifiedReport(known, proof);
  const [ingested] = await d.storage.ingest([{ report, clientIp: known.clientIp, receivedAt: d.now(), sinks: enabledSinksOf(game) }]);
  if (ingested.status === 'rejected') {
    // Another purchase already holds this order id (a report stored before the game turned verified).
    await payments.recordEvent({
      appId, orderId, kind: 'anomaly', eventKey: `${orderId}:order-id-conflict:${proof.source}`, env: proof.env,
      amount: proof.amount, detail: { reason: 'order-id-conflict', fields: ingested.fields, proof }, receivedAt: d.now(),
    });
    return { kind: 'anomaly', reason: 'order-id-conflict' };
  }
  await payments.settle(appId, orderId, { state: 'paid', proof, at: d.now() });
  await payments.recordEvent({ appId, orderId, kind: 'proof', eventKey: orderId, env: 0, amount: proof.amount, detail: { proof }, receivedAt: d.now() });
  return { kind: 'revenue', status: ingested.status === 'accepted' ? 'accepted' : 'duplicate' };
}

/**
 * Why a proof does not fit its order, or undefined. The player must match always; product and quantity are checked
 * against orders the relay made (a claim's product is what the client said, so the platform's wins there).
 */
function mismatch(order: OrderRecord, proof: Proof): string | undefined {
  if (proof.openid !== order.uid) return 'openid';
  if (order.origin !== 'relay') return undefined;
  if (proof.productId !== null && proof.productId !== order.productId) return 'product';
  if (proof.quantity !== null && proof.quantity !== order.quantity) return 'quantity';
  return undefined;
}
