import { formatIssues } from '../../../src/relay/format-issues';
import {
  TIANMU_CODE_BAD_PARAMS,
  TIANMU_CODE_OK,
  TIANMU_PATH,
  TianmuRequestSchema,
} from '../../../src/relay/sinks/tianmu-wire';
import {
  FakeUpstream,
  parseContentType,
  parseJsonBody,
  type FailureMode,
  type FakeReply,
  type FakeServerOptions,
  type IncomingFakeRequest,
} from './fake-server';

/**
 * Fake Tianmu `saveUserBehaviorLogV2` (specs/tianmu-in-game-payment.md): `POST` with
 * `Content-Type: application/json`, body `{userLog: {v, ext}}` with every required `ext` field and its type.
 * Answers HTTP 200 `{code: 0, data: {}}`, or HTTP 200 `{code: 10001, ...}` for a parameter error (Tianmu reports
 * errors in the body, not the status). Records each accepted `order_code`. Unknown `ext` keys are refused,
 * which the real service may not do: a misspelt optional field would otherwise vanish unnoticed.
 * `garbage` answers 200 with bodies that carry no `code: 0` (HTML, `{}`, `{"code":"0"}`, a truncated JSON)
 * and records nothing.
 */
export class FakeTianmu extends FakeUpstream {
  protected readonly endpointPath = TIANMU_PATH;
  protected readonly garbageProcessed = false;

  constructor(options: FakeServerOptions = {}) {
    super(options);
  }

  /** Accepted order codes in arrival order. */
  orderCodes(): string[] {
    return this.receivedIds();
  }

  protected handle(req: IncomingFakeRequest): FakeReply {
    if (req.url.pathname !== TIANMU_PATH) return this.json(404, { code: 404, msg: 'not found' }, { problems: [`path ${req.url.pathname}`] });
    if (req.method !== 'POST') return this.json(405, { code: 405, msg: 'method not allowed' }, { problems: [`method ${req.method}`] });
    const problems: string[] = [];
    const ct = parseContentType(req.headers['content-type']);
    if (ct.type !== 'application/json') problems.push(`content-type must be application/json, got ${req.headers['content-type']}`);
    const parsed = parseJsonBody(req.body);
    if (!parsed.ok) problems.push(parsed.problem);
    else {
      const result = TianmuRequestSchema.safeParse(parsed.value);
      if (!result.success) problems.push(...formatIssues(result.error.issues));
      else if (problems.length === 0) {
        return this.json(200, { code: TIANMU_CODE_OK, data: {} }, { ids: [result.data.userLog.ext.order_code] });
      }
    }
    return this.json(200, { code: TIANMU_CODE_BAD_PARAMS, data: {}, msg: `参数错误: ${problems.join('; ')}` }, { problems });
  }

  protected failureReply(mode: FailureMode): FakeReply | undefined {
    if (mode === '10001') return this.json(200, { code: TIANMU_CODE_BAD_PARAMS, data: {}, msg: '参数错误 (injected)' });
    return undefined;
  }

  protected garbageBody(n: number): string {
    const bodies = ['<html><body>502 Bad Gateway</body></html>', '{}', '{"code":"0"}', '{"code":0,"da', '[]', ''];
    return bodies[n % bodies.length];
  }
}
