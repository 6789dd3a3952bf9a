import { randomUUID } from 'node:crypto';
import { formatIssues } from '../../../src/relay/format-issues';
import { KAKAO_PATH, KakaoRequestSchema, type KakaoRequest } from '../../../src/relay/sinks/kakao-wire';
import {
  FakeUpstream,
  parseContentType,
  parseJsonBody,
  type FailureMode,
  type FakeReply,
  type FakeServerOptions,
  type IncomingFakeRequest,
} from './fake-server';

export interface FakeKakaoOptions extends FakeServerOptions {
  /** The game app id the `appId` header must carry. */
  appId: string;
  /** The `appSecret` header must equal this, or 401. */
  appSecret: string;
  /** `Authorization: KakaoAK <adminKey>` must carry this, or 401. */
  adminKey: string;
}

export interface KakaoLog {
  playerId: string;
  body: KakaoRequest;
}

/**
 * Fake Kakao Games `writePurchaseLog` (specs/kakao-write-purchase-log.md): `POST /service/v3/log/writePurchaseLog`
 * with the five mandatory headers (`appId`, `appSecret`, `playerId`, `Content-Type: application/json;charset=UTF-8`,
 * `Authorization: KakaoAK <admin key>`) and the mandatory body fields with their types (`marketOrderId` required,
 * as the Korean page says). Answers 200 `{logId}`, 400 for a bad request, 401 for a wrong secret or key.
 * Records each accepted log; duplicates are counted by `marketOrderId`. `garbage` processes the request and
 * answers 200 with a body that is not `{logId}`.
 */
export class FakeKakao extends FakeUpstream {
  protected readonly endpointPath = KAKAO_PATH;
  protected readonly garbageProcessed = true;
  readonly logs: KakaoLog[] = [];

  constructor(private readonly options: FakeKakaoOptions) {
    super(options);
  }

  protected handle(req: IncomingFakeRequest): FakeReply {
    if (req.url.pathname !== KAKAO_PATH) return this.error(404, `no route ${req.url.pathname}`);
    if (req.method !== 'POST') return this.error(405, `method ${req.method} not allowed`);
    const h = req.headers;
    const auth: string[] = [];
    if (h['appid'] !== this.options.appId) auth.push(`appId header ${JSON.stringify(h['appid'])} is not the game's`);
    if (h['appsecret'] !== this.options.appSecret) auth.push('appSecret header is missing or wrong');
    if (h['authorization'] !== `KakaoAK ${this.options.adminKey}`) auth.push('Authorization is not "KakaoAK <admin key>"');
    if (auth.length > 0) return this.error(401, 'Unauthenticated', auth);

    const problems: string[] = [];
    const playerId = h['playerid'];
    if (typeof playerId !== 'string' || playerId === '') problems.push('playerId header is required');
    const ct = parseContentType(h['content-type']);
    if (ct.type !== 'application/json' || ct.charset !== 'utf-8') {
      problems.push(`Content-Type must be application/json;charset=UTF-8, got ${h['content-type']}`);
    }
    const parsed = parseJsonBody(req.body);
    if (!parsed.ok) return this.error(400, 'Bad Request', [...problems, parsed.problem]);
    const result = KakaoRequestSchema.safeParse(parsed.value);
    if (!result.success) problems.push(...formatIssues(result.error.issues));
    if (problems.length > 0 || !result.success) return this.error(400, 'Bad Request', problems);
    this.logs.push({ playerId: playerId as string, body: result.data });
    return this.json(200, { logId: randomUUID() }, { ids: [result.data.marketOrderId] });
  }

  private error(status: number, message: string, problems: string[] = [message]): FakeReply {
    return this.json(status, { status, message, detail: problems }, { problems });
  }

  protected failureReply(mode: FailureMode): FakeReply | undefined {
    if (mode === '400') return this.json(400, { status: 400, message: 'Bad Request (injected)' });
    if (mode === '401') return this.json(401, { status: 401, message: 'Unauthenticated (injected)' });
    if (mode === '406') return this.json(406, { status: 406, message: 'Not Acceptable (injected)' });
    return undefined;
  }

  protected garbageBody(n: number): string {
    return ['<html>OK</html>', '{"logId":', 'null'][n % 3];
  }
}
