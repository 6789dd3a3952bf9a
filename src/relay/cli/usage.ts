import { sinkLabels } from '../sinks';

export const USAGE = `purchase-relay: stores every purchase durably and delivers it to ${sinkLabels()}.

Usage:
  purchase-relay start [--config FILE] [--port N]   run the relay (FILE, $RELAY_CONFIG or ./relay.json; none: the demo config)
  purchase-relay deliveries [--config FILE | --data DIR] [--status dead|pending|delivered] [--sink S] [--app ID] [--json]
  purchase-relay deliveries [--config FILE | --data DIR] retry ID [ID...] | retry --all-dead
  purchase-relay reconcile [--config FILE] --app ID --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR]
  purchase-relay demo [--port N] [--data DIR] [--host H]   the demo store page on a sandbox relay (npm start)
  purchase-relay COMMAND --help | --help | --version

Secrets in the config are written "env:NAME" and read from the environment.
Exit codes: 0 ok, 1 failure at run time, 2 bad usage or bad config.
`;

export const START_USAGE = `usage: purchase-relay start [--config FILE] [--port N]

  Runs the relay until SIGINT / SIGTERM.
  --config FILE  the relay config (default: $RELAY_CONFIG, else ./relay.json; with none, the embedded demo
                 config: sandbox sessions, SQLite and capture sinks under ./data)
  --port N       listen on N instead of the config's "port" (0: any free port)`;

export const DEMO_USAGE = `usage: purchase-relay demo [--port N] [--data DIR] [--host H]

  The demo (npm start): the relay on SQLite with sandbox sessions and the sample catalog, sinks capturing to
  DIR/captured/*.jsonl, and a store page at http://HOST:PORT/demo. Runs until SIGINT / SIGTERM.
  --port N    default 8787 (0: any free port)
  --data DIR  where relay.db and captured/ go (default: data)
  --host H    default 127.0.0.1`;
