export const USAGE = `purchase-relay: stores every purchase durably and delivers it to Tianmu, Hive and Kakao.

Usage:
  purchase-relay start [--config FILE]       run the relay (FILE or $RELAY_CONFIG; none: the embedded demo config)
  purchase-relay deliveries [--config FILE] [--status dead|pending|delivered] [--sink S] [--app ID] [--json]
  purchase-relay deliveries [--config FILE] retry ID [ID...] | retry --all-dead
  purchase-relay reconcile [--config FILE] --app ID --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR]
  purchase-relay demo                        the demo store page on a sandbox relay (npm start)
  purchase-relay --help

Secrets in the config are written "env:NAME" and read from the environment.
Exit codes: 0 ok, 1 failure at run time, 2 bad usage or bad config.
`;
