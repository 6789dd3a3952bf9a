import type { SinkName } from '../config/config-schema';
import type { DeliveryRow, DeliveryStatus } from './storage';

/** One row of the deliveries listing as both SQL dialects select it (ms times as integers). */
export interface DeliveryListRow {
  id: number;
  app_id: string;
  order_id: string;
  sink: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** The listing's columns, shared by the SQLite and Postgres queries. */
export const DELIVERY_LIST_COLUMNS =
  'd.id, p.app_id, p.order_id, d.sink, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.updated_at';

export function toDeliveryRow(r: DeliveryListRow): DeliveryRow {
  return {
    id: r.id,
    appId: r.app_id,
    orderId: r.order_id,
    sink: r.sink as SinkName,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
