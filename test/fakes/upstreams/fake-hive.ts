import { formatIssues } from '../../../src/relay/format-issues';
import { HIVE_PATH, HiveRequestSchema, type HiveRow } from '../../../src/relay/sinks/hive-wire';
import {
  FakeUpstream,
  parseContentType,
  parseJsonBody,
  type FailureMode,
  type FakeReply,
  type FakeServerOptions,
  type IncomingFakeRequest,
} from './fake-server';

export interface FakeHiveOptions extends FakeServerOptions {
  /** When set, a body whose `appId` differs is refused. @default any */
  appId?: string;
  /** When set, rows whose `category` is not one of these are refused (`unknown category key`). @default any */
  categories?: readonly string[];
  /**
   * A refusal of one row that no schema of the relay can foresee (Hive knows things the relay does not): the
   * message, or undefined to take the row. Like every Hive refusal, it fails the whole request. @default none
   */
  refuseRow?: (row: HiveRow) => string | undefined;
}

/**
 * Fake Hive Analytics HTTP collector (specs/hive-purchase-log.md + specs/README.md "Hive Analytics over HTTP"):
 * `POST /v1/server-recv`, `Content-Type: application/json; charset=utf8`, body `{appId, logBody: [row, ...]}`,
 * every required column of the `purchase_log` table with its type, `category`, `guid`, `dateTime`, `timezone`.
 * Answers a plain 200 on success; otherwise 400 `{success: false, message, requestBody}`. Records each accepted
 * row; duplicates are counted by `guid` (and `transactionIds()` gives the order ids). `garbage` processes the
 * request and answers 200 with an HTML body, as a proxy mangling a successful answer would.
 */
export class FakeHive extends FakeUpstream {
  protected readonly endpointPath = HIVE_PATH;
  protected readonly garbageProcessed = true;
  /** Every accepted row, in arrival order. */
  readonly rows: HiveRow[] = [];

  constructor(private readonly options: FakeHiveOptions = {}) {
    super(options);
  }

  transactionIds(): string[] {
    return this.rows.map((r) => r.transaction_id);
  }

  protected handle(req: IncomingFakeRequest): FakeReply {
    if (req.url.pathname !== HIVE_PATH) return this.error(404, `no route ${req.url.pathname}`, req.body);
    if (req.method !== 'POST') return this.error(405, `method ${req.method} not allowed`, req.body);
    const problems: string[] = [];
    const ct = parseContentType(req.headers['content-type']);
    if (ct.type !== 'application/json') problems.push(`content-type must be application/json, got ${req.headers['content-type']}`);
    if (ct.charset !== 'utf8' && ct.charset !== 'utf-8') problems.push(`content-type charset must be utf8, got ${ct.charset}`);
    const parsed = parseJsonBody(req.body);
    if (!parsed.ok) return this.error(400, 'json parse error', req.body, [...problems, parsed.problem]);
    const result = HiveRequestSchema.safeParse(parsed.value);
    if (!result.success) {
      // Hive's own wording for a missing column, then ours for the rest.
      problems.push(
        ...result.error.issues.map((i) =>
          i.code === 'invalid_type' && /received undefined/.test(i.message)
            ? `required field ${String(i.path[i.path.length - 1])} not found (${formatIssues([i])[0]})`
            : formatIssues([i])[0],
        ),
      );
    } else {
      if (this.options.appId !== undefined && result.data.appId !== this.options.appId) problems.push(`unknown appId ${result.data.appId}`);
      const categories = this.options.categories;
      result.data.logBody.forEach((row, i) => {
        if (categories && !categories.includes(row.category)) problems.push(`logBody[${i}].category: unknown category key ${row.category}`);
        if (row.app_id !== result.data.appId) problems.push(`logBody[${i}].app_id: ${row.app_id} is not the body's appId`);
        const refused = this.options.refuseRow?.(row);
        if (refused !== undefined) problems.push(`logBody[${i}]: ${refused}`);
      });
    }
    if (problems.length > 0 || !result.success) return this.error(400, problems.join('; '), req.body, problems);
    this.rows.push(...result.data.logBody);
    return { status: 200, body: '', headers: { 'content-type': 'text/plain' }, ids: result.data.logBody.map((r) => r.guid) };
  }

  private error(status: number, message: string, requestBody: string, problems: string[] = [message]): FakeReply {
    return this.json(status, { success: false, message, requestBody }, { problems });
  }

  protected failureReply(_mode: FailureMode): FakeReply | undefined {
    return undefined;
  }

  protected garbageBody(): string {
    return '<html><head><title>OK</title></head><body>ok</body></html>';
  }
}
