import type { GameConfig } from '../config/config-schema';
import type { RelayLogger } from '../log/logger';
import type { IngestItem } from '../storage/storage';
import type { PaymentStore, Proof } from '../storage/payment-store';
import type { ProveOutcome } from './prove-order';

export interface ClaimDeps {
  payments: PaymentStore;
  prove(appId: string, orderId: string, proof: Proof): Promise<ProveOutcome>;
  log: Pick<RelayLogger, 'warn'>;
}

export type ClaimStatus = { status: 'accepted' | 'duplicate' } | { status: 'conflict'; reason: string };

/**
 * The client reports of a verified game, kept as claims (one durable write each). A claim on an order the relay
 * never made becomes an order to query; if a signed push for it came first (kept as an anomaly, no order then),
 * that proof is applied now. No claim reaches a sink by itself.
 */
export async function recordClaims(ctx: ClaimDeps, game: GameConfig, items: readonly IngestItem[]): Promise<ClaimStatus[]> {
  const out: ClaimStatus[] = [];
  for (const item of items) {
    const queryAt = item.receivedAt + game.verification.queryAfterSeconds * 1000;
    const claim = await ctx.payments.recordClaim(item.report, item.clientIp, item.receivedAt, queryAt);
    if (claim.status === 'conflict') {
      ctx.log.warn({ appId: item.report.appId, orderId: item.report.orderId }, 'report refused: the order id belongs to another player');
      out.push(claim);
      continue;
    }
    out.push({ status: claim.status });
    if (claim.status === 'accepted' && claim.order.origin === 'claim') await applyEarlyProof(ctx, item.report.appId, item.report.orderId);
  }
  return out;
}

/** A push that arrived before the order existed was kept with its proof: prove the order with it now. */
async function applyEarlyProof(ctx: ClaimDeps, appId: string, orderId: string): Promise<void> {
  const events = await ctx.payments.eventsOf(appId, orderId);
  const early = events.find((e) => e.kind === 'anomaly' && e.detail.reason === 'no-order' && (e.detail.proof as Proof | undefined)?.source === 'push');
  if (early) await ctx.prove(appId, orderId, early.detail.proof as Proof);
}
