import { SINK_NAMES, type RelayConfig } from './config-schema';

/**
 * Sandbox sessions accept any login code, so anyone who can reach the relay can report purchases under an openid
 * of their choosing. With a sink that sends (`url`), those purchases become revenue at Tianmu, Hive or Kakao. Such
 * a config starts only when it says so (`"allowSandboxRevenue": true`, for a staging relay against test upstreams);
 * capture sinks (the demo) write to files and need nothing.
 */
export function sandboxRevenueProblems(config: RelayConfig): string[] {
  if (config.session.mode !== 'sandbox' || config.allowSandboxRevenue) return [];
  return config.games.flatMap((g, i) =>
    SINK_NAMES.flatMap((name) =>
      g.sinks[name]?.url === undefined
        ? []
        : [
            `games[${i}].sinks.${name}.url: session.mode is "sandbox" (any code logs in), so this sink would receive ` +
              'revenue anyone can forge; use "capture", a wechat session, or set "allowSandboxRevenue": true at the top level',
          ],
    ),
  );
}
