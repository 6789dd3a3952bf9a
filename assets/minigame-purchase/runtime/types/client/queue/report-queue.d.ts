import type { Platform } from '../platform/platform';
import type { Session } from '../session/session';
import { type OrderStore } from './order-store';
import type { BackoffOptions } from './backoff';
import { PurchaseError } from '../errors';
export interface QueueOptions {
    /** Reports per `POST /v1/purchases`. @default 50 (the relay's maximum) */
    batchSize?: number;
    /** Retry delays after a failed flush. @default `{ baseMs: 1000, maxMs: 300000 }` */
    backoff?: BackoffOptions;
}
export interface QueueEvents {
    reported(r: {
        orderId: string;
        status: 'accepted' | 'duplicate';
    }): void;
    error(e: PurchaseError): void;
}
/**
 * The write-ahead report queue. Entries live in the OrderStore; one leaves storage only when the relay answered
 * `accepted` or `duplicate` for its order id. A `rejected` one is set aside with the reason.
 */
export interface ReportQueue {
    /** Sends every queued report; resolves when the queue is empty or a failure scheduled a retry. Never rejects. */
    flush(): Promise<void>;
    /** The network came back: whatever the backoff said, try now. */
    retryNow(): Promise<void>;
    /** Stops timers; the stored entries stay for the next start. */
    close(): void;
}
export declare function createReportQueue(platform: Platform, store: OrderStore, session: Session, events: QueueEvents, opts?: QueueOptions): ReportQueue;
