import type { GameConfig } from '../../config/config-schema';
import { PLATFORMS, type NotifyAnswer, type PlatformServer } from '../../platforms';
import { HttpError } from '../http-error';
import { sendJson } from '../json-response';
import { readBody } from '../read-body';
import type { RelayContext, RouteRequest } from '../relay-context';

/** A notification is a few hundred bytes; the platforms' own limits are far below this. */
const NOTIFY_BODY_LIMIT = 64 * 1024;

/**
 * The game at `/v1/notify/<platform>/:appId`, when it runs on that platform and takes its notifications. A Douyin
 * callback sent to a WeChat game's address (or the reverse) finds no game: one platform never settles another's order.
 */
function target(ctx: RelayContext, r: RouteRequest): { server: PlatformServer; game: GameConfig } {
  const server = Object.prototype.hasOwnProperty.call(PLATFORMS, r.params.platform ?? '') ? PLATFORMS[r.params.platform as keyof typeof PLATFORMS] : undefined;
  const game = ctx.games.get(r.params.appId ?? '');
  if (!server?.notify || !game || game.platform !== server.name || !server.notify.accepts(game)) {
    throw new HttpError(404, 'NO_PUSH', 'no game with payment notifications at this address');
  }
  return { server, game };
}

/** `GET /v1/notify/<platform>/:appId`: the console's URL check (`echostr` back when the signature holds). */
export function handleNotifyUrlCheck(ctx: RelayContext, r: RouteRequest): void {
  const { server, game } = target(ctx, r);
  const check = server.notify!.urlCheck(game, r.url.searchParams);
  if (!check.ok) throw new HttpError(401, 'BAD_SIGNATURE', 'signature: does not match the notification Token');
  send(r, { status: 200, text: check.echostr });
}

/** `POST /v1/notify/<platform>/:appId`: a payment notification, acknowledged only once its result is committed. */
export async function handleNotify(ctx: RelayContext, r: RouteRequest): Promise<void> {
  const { server, game } = target(ctx, r);
  const notify = server.notify!;
  const deps = ctx.platformDeps?.(server.name);
  const raw = (await readBody(r.req, NOTIFY_BODY_LIMIT)).toString('utf8');
  if (deps === undefined) return send(r, notify.unavailable);
  let answer: NotifyAnswer;
  try {
    // relay_wechat_pushes_total predates the other platforms: it counts WeChat's pushes only.
    const onResult = server.name === 'wechat' ? (result: string) => ctx.metrics.pushes.inc({ result }) : undefined;
    answer = await notify.handle(deps, game, r.url.searchParams, raw, onResult);
  } catch (err) {
    ctx.log.error({ err, appId: game.appId, platform: server.name }, 'payment notification not stored: the platform will send it again');
    answer = notify.unavailable;
  }
  send(r, answer);
}

function send(r: RouteRequest, answer: NotifyAnswer): void {
  if ('json' in answer) return sendJson(r.res, answer.status, answer.json);
  r.res.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(answer.text), 'Cache-Control': 'no-store' });
  r.res.end(answer.text);
}
