/**
 * Everything about QQ mini-game payment that no source states plainly (`platform-payment-verification.md`, "QQ
 * mini-games": GamePrePay and a query are what is known). This is the one place to change when QQ's docs or a
 * real payment settle a question; the code reads these values and nothing else assumes them.
 */
export const QQ_UNCONFIRMED = {
  /**
   * What proves a QQ payment to the relay. The delivery notification's format and signing are UNCONFIRMED, and no
   * order query is documented for mini-games: nothing does yet. So a QQ game's `revenue` defaults to `"reported"`,
   * `"verified"` is refused at start-up, and the query loop asks nothing of QQ. When a source is known, implement
   * it in `qq-server.ts` (`query` / `notify`) and set this to its name.
   */
  confirmationSource: undefined as string | undefined,
  /** `qq.requestMidasPayment({prepayId, starCurrency, setEnv})`: the relay passes the game's `qq.pay.env` (0 live, 1 sandbox) as `setEnv`. */
  setEnvMeaning: 'pay.env (0 live, 1 sandbox)',
  /** GamePrePay's answer names the id `prepayId` (the spec); `prepay_id` is accepted too. */
  prepayIdFields: ['prepayId', 'prepay_id'],
  /** GamePrePay `goodid`: the catalog's productId (the docs' example shows a number; whether the console must know it is not said). */
  goodIdIsProductId: true,
  /** GamePrePay `amt`: the order's total in star currency (星币), `good_num` the units of the product. */
  amtIsTotal: true,
  /** Token errors after which a new access_token is fetched and the prepay tried once more. */
  tokenInvalidCodes: [40001, 42001, -3000],
  /** `/api/getToken` (q.qq.com docs, not the spec). */
  tokenPath: '/api/getToken',
  /** QQ's code2session is WeChat's path on `api.q.qq.com`, same answer shape. */
  code2sessionPath: '/sns/jscode2session',
} as const;
