import { z } from 'zod';
import { secret, sinkConfigSchema } from './sink-config';

/** `games[].sinks.kakao`. */
export const KakaoSinkConfigSchema = sinkConfigSchema({
  appId: z.string().min(1),
  appSecret: secret,
  adminKey: secret,
  /** Kakao `market`. @default "kakaogameShop" */
  market: z.string().default('kakaogameShop'),
  /**
   * Kakao `country` (ISO 3166-1 alpha-2) for reports that carry none. Without it such a report is dead for
   * Kakao, with that reason. @default none
   */
  defaultCountry: z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code such as "kr"').optional(),
});
export type KakaoSinkConfig = z.infer<typeof KakaoSinkConfigSchema>;

/** The keys of `games[].sinks.kakao` that hold secrets (`"env:NAME"` in the file, redacted from logs). */
export const KAKAO_SECRET_FIELDS = ['appSecret', 'adminKey'] as const;

/** Request headers that carry those credentials whatever their value: redacted from capture files. */
export const KAKAO_SECRET_HEADERS = ['appSecret', 'Authorization'] as const;

/** What each key of `games[].sinks.kakao` means (`docs/configuration.md`); `''` is the block itself. */
export const KAKAO_CONFIG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '': 'Kakao Games openapi `writePurchaseLog`.',
  url: 'Endpoint: `https://openapi-zinny3.game.kakao.com:10443/service/v3/log/writePurchaseLog`.',
  capture: 'A directory: requests are appended to `DIR/kakao.jsonl` instead of sent.',
  timeoutMs: 'Per-request timeout.',
  appId: 'The Kakao app id.',
  appSecret: 'Kakao app secret (a server secret: never reaches a client).',
  adminKey: 'Kakao admin key.',
  market: 'Kakao `market`.',
  defaultCountry: 'ISO 3166-1 alpha-2 country for reports that carry none (Kakao requires one).',
};

/**
 * Kakao needs a country for every purchase. Checked when a config file is loaded: a config built in code (a test,
 * an embedding) may choose to let such reports be dead for Kakao with that reason, as the sink does.
 */
export function kakaoLoadProblems(kakao: KakaoSinkConfig, at: string): string[] {
  if (kakao.defaultCountry !== undefined) return [];
  return [
    `${at}.defaultCountry: required (an ISO 3166-1 alpha-2 code such as "kr"): Kakao needs a country ` +
      'for every purchase, and a report carries one only when the game passes `country` in its context ' +
      '(createPurchaseKit / PurchaseStore); without a default every report without it would be dead for Kakao',
  ];
}

/** The block of the embedded demo config: capturing, with random keys so a capture shows nothing reusable. */
export function kakaoDemoConfig(capture: string, random: () => string): z.input<typeof KakaoSinkConfigSchema> {
  return { capture, appId: '103815', appSecret: random(), adminKey: random(), defaultCountry: 'cn' };
}
