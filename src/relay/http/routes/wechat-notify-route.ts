import { answerUrlCheck, handleWechatPush } from '../../platforms/wechat/push-handler';
import { HttpError } from '../http-error';
import { sendJson } from '../json-response';
import { readBody } from '../read-body';
import type { RelayContext, RouteRequest } from '../relay-context';

/** A push is a few hundred bytes; WeChat's own limit is far below this. */
const PUSH_BODY_LIMIT = 64 * 1024;

function gameOf(ctx: RelayContext, r: RouteRequest) {
  const game = ctx.games.get(r.params.appId ?? '');
  if (!game?.wechat?.pay?.push) throw new HttpError(404, 'NO_PUSH', 'no game with payment pushes at this address');
  return game;
}

/** `GET /v1/notify/wechat/:appId`: the MP console's URL check (`echostr` back when the signature holds). */
export function handleWechatUrlCheck(ctx: RelayContext, r: RouteRequest): void {
  const check = answerUrlCheck(gameOf(ctx, r), r.url.searchParams);
  if (!check.ok) throw new HttpError(401, 'BAD_SIGNATURE', 'signature: does not match the push Token');
  const text = check.echostr;
  r.res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  r.res.end(text);
}

/** `POST /v1/notify/wechat/:appId`: a payment push. Answered `{ErrCode: 0}` only once its result is committed. */
export async function handleWechatPushRoute(ctx: RelayContext, r: RouteRequest): Promise<void> {
  const game = gameOf(ctx, r);
  const raw = (await readBody(r.req, PUSH_BODY_LIMIT)).toString('utf8');
  let answer;
  try {
    answer = await handleWechatPush(
      { payments: ctx.storage.payments, prove: ctx.prove, now: ctx.now, log: ctx.log, onPush: (result) => ctx.metrics.pushes.inc({ result }) },
      game,
      r.url.searchParams,
      raw,
    );
  } catch (err) {
    ctx.log.error({ err, appId: game.appId }, 'wechat push not stored: WeChat will send it again');
    answer = { status: 503, body: { ErrCode: 50001, ErrMsg: 'not stored; send again' } };
  }
  sendJson(r.res, answer.status, answer.body);
}
