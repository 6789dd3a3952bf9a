/// <reference path="../../../typings/qq.d.ts" />
/// <reference path="../../../typings/tt.d.ts" />
/**
 * Compile-only (checked by `tsc --noEmit` in `npm test`): the shared API the qq / tt typings declare is exactly the
 * adapter's `MinigameApi`, so the published typings cannot drift from the code.
 */
import type { MinigameApi } from '../../../src/client/platform/minigame-adapter';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const qqShared: Same<QQMinigame.SharedApi, MinigameApi> = true;
export const ttShared: Same<TTMinigame.SharedApi, MinigameApi> = true;
