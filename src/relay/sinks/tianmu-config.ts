import { z } from 'zod';
import { sinkConfigSchema } from './sink-config';

/** `games[].sinks.tianmu`. */
export const TianmuSinkConfigSchema = sinkConfigSchema({ version: z.string().min(1).default('1.0.0') });
export type TianmuSinkConfig = z.infer<typeof TianmuSinkConfigSchema>;

/** What each key of `games[].sinks.tianmu` means (`docs/configuration.md`); `''` is the block itself. */
export const TIANMU_CONFIG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '': 'Tianmu `saveUserBehaviorLogV2` (CNY only: Tianmu has no currency field).',
  url: 'Endpoint: `https://h5game-log.kuaiyugo.com/dataAnalysis/saveUserBehaviorLogV2`. Exactly one of `url` and `capture`.',
  capture: 'A directory: each request that would be sent is appended to `DIR/tianmu.jsonl` instead (the demo).',
  timeoutMs: 'Per-request timeout.',
  version: 'Tianmu `userLog.v`.',
};

/** The block of the embedded demo config: capturing, nothing else needed. */
export function tianmuDemoConfig(capture: string): z.input<typeof TianmuSinkConfigSchema> {
  return { capture };
}
