import type { PurchaseReport } from '../../shared/schemas/purchase-report';
/**
 * Copies of the shared constants: importing them would pull zod into the client bundle (the schema module builds
 * its schemas at load). A test asserts they equal `ORDER_ID_PATTERN` and `MAX_REPORTS_PER_BATCH`.
 */
export declare const CLIENT_ORDER_ID_PATTERN: RegExp;
export declare const CLIENT_MAX_REPORTS_PER_BATCH = 50;
/** The first field of `v` that `PurchaseReportSchema` would refuse, or undefined when it is a valid report. */
export declare function reportProblem(v: unknown): string | undefined;
export declare function isPurchaseReport(v: unknown): v is PurchaseReport;
