import { SINK_NAMES, type RelayConfig, type SinkName } from '../config/config-schema';
import { openStorage } from '../storage/open-storage';
import { parseFlags } from './flags';
import type { DeliveryFilter, DeliveryRow, DeliveryStatus, Storage } from '../storage/storage';

export interface DeliveriesIo {
  /** @default process.stdout */
  out(line: string): void;
  /** @default process.stderr */
  err(line: string): void;
  /** The clock a re-queued row is due at (ms). @default Date.now */
  now?(): number;
}

const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'dead'];
export const DELIVERIES_USAGE = [
  `usage: purchase-relay deliveries [--config FILE | --data DIR] [--status dead|pending|delivered] [--sink ${SINK_NAMES.join('|')}] [--app ID] [--limit N] [--json]`,
  '       purchase-relay deliveries [--config FILE | --data DIR] retry ID [ID...]',
  '       purchase-relay deliveries [--config FILE | --data DIR] retry --all-dead',
  '',
  '  Reads (and for retry, re-queues in) the relay\'s database, next to a running relay. Only the config\'s "storage"',
  '  is used, so only its environment variables need be set.',
  '  --config FILE  the relay config (default: $RELAY_CONFIG, else ./relay.json)',
  '  --data DIR     with no config: the demo\'s database DIR/relay.db (default: data, where npm start keeps it)',
].join('\n');
const USAGE = DELIVERIES_USAGE;

type Parsed =
  | { kind: 'list'; filter: DeliveryFilter; json: boolean }
  | { kind: 'retry'; ids: number[] | 'all' }
  | { kind: 'error'; message: string };

/**
 * `purchase-relay deliveries`: lists deliveries (a table, or JSON with `--json`) and re-queues dead ones.
 * Works next to a running relay on the same database. Resolves the exit code: 0 ok, 1 some ids were not
 * re-queued (not dead, or unknown) or storage failed, 2 bad usage.
 */
export async function runDeliveriesCommand(argv: string[], config: RelayConfig, io: DeliveriesIo = processIo()): Promise<number> {
  const parsed = parse(argv);
  if (parsed.kind === 'error') {
    io.err(`purchase-relay deliveries: ${parsed.message}`);
    io.err(USAGE);
    return 2;
  }
  let storage: Storage | undefined;
  try {
    storage = await openStorage(config.storage);
    if (parsed.kind === 'list') {
      const rows = await storage.listDeliveries(parsed.filter);
      if (parsed.json) io.out(JSON.stringify(rows, null, 2));
      else io.out(formatTable(rows, parsed.filter.limit ?? 100));
      return 0;
    }
    const now = (io.now ?? Date.now)();
    const changed = await storage.retryDead(parsed.ids, now);
    if (parsed.ids === 'all') {
      io.out(`re-queued ${changed} dead ${plural(changed, 'delivery', 'deliveries')}`);
      return 0;
    }
    io.out(`re-queued ${changed} of ${parsed.ids.length} ${plural(parsed.ids.length, 'delivery', 'deliveries')}`);
    if (changed < parsed.ids.length) {
      io.err(`${parsed.ids.length - changed} of the given ids were not dead (or do not exist): nothing changed for them`);
      return 1;
    }
    return 0;
  } catch (err) {
    io.err(`purchase-relay deliveries: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await storage?.close();
  }
}

function parse(argv: readonly string[]): Parsed {
  if (argv[0] === 'retry') {
    const rest = argv.slice(1);
    if (rest.length === 1 && rest[0] === '--all-dead') return { kind: 'retry', ids: 'all' };
    if (rest.length === 0) return { kind: 'error', message: 'retry needs delivery ids or --all-dead' };
    const bad = rest.find((a) => !/^[1-9]\d{0,15}$/.test(a));
    if (bad !== undefined) return { kind: 'error', message: `"${bad}" is not a delivery id (a positive integer)` };
    return { kind: 'retry', ids: [...new Set(rest.map(Number))] };
  }
  const parsed = parseFlags(argv, { status: { type: 'string' }, sink: { type: 'string' }, app: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
  if (!parsed.ok) return { kind: 'error', message: parsed.problem };
  const v = parsed.values as Partial<Record<'status' | 'sink' | 'app' | 'limit', string>> & { json?: boolean };
  const filter: DeliveryFilter = {};
  if (v.status !== undefined) {
    if (!STATUSES.includes(v.status as DeliveryStatus)) return { kind: 'error', message: `--status is one of ${STATUSES.join(', ')}, not "${v.status}"` };
    filter.status = v.status as DeliveryStatus;
  }
  if (v.sink !== undefined) {
    if (!SINK_NAMES.includes(v.sink as SinkName)) return { kind: 'error', message: `--sink is one of ${SINK_NAMES.join(', ')}, not "${v.sink}"` };
    filter.sink = v.sink as SinkName;
  }
  if (v.app !== undefined) filter.appId = v.app;
  if (v.limit !== undefined) {
    if (!/^[1-9]\d{0,6}$/.test(v.limit)) return { kind: 'error', message: `--limit is a positive integer, not "${v.limit}"` };
    filter.limit = Number(v.limit);
  }
  const json = v.json === true;
  return { kind: 'list', filter, json };
}

const COLUMNS: Array<[string, (r: DeliveryRow) => string]> = [
  ['ID', (r) => String(r.id)],
  ['APP', (r) => r.appId],
  ['ORDER', (r) => r.orderId],
  ['SINK', (r) => r.sink],
  ['STATUS', (r) => r.status],
  ['ATTEMPTS', (r) => String(r.attempts)],
  ['NEXT ATTEMPT', (r) => (r.status === 'pending' ? iso(r.nextAttemptAt) : '-')],
  ['UPDATED', (r) => iso(r.updatedAt)],
  ['LAST ERROR', (r) => oneLine(r.lastError ?? '')],
];

/** A plain aligned table; the last column (the error) is left unpadded and cut so a row stays on one line. */
export function formatTable(rows: readonly DeliveryRow[], limit: number): string {
  if (rows.length === 0) return 'no deliveries match';
  const cells = rows.map((r) => COLUMNS.map(([, get]) => get(r)));
  const widths = COLUMNS.map(([title], c) => Math.max(title.length, ...cells.map((row) => row[c].length)));
  const line = (values: string[]) =>
    values.map((v, c) => (c === values.length - 1 ? v : v.padEnd(widths[c]))).join('  ').trimEnd();
  const footer = `${rows.length} ${plural(rows.length, 'delivery', 'deliveries')}${rows.length >= limit ? ` (the first ${limit}: raise --limit for more)` : ''}`;
  return [line(COLUMNS.map(([t]) => t)), ...cells.map(line), footer].join('\n');
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? flat.slice(0, 99) + '…' : flat;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function processIo(): DeliveriesIo {
  return { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
}
