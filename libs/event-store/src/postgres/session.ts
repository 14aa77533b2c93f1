import { ClientConfig, Pool, PoolConfig } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

/**
 * How long PostgreSQL keeps the session of a client machine that went silent, in seconds. A machine
 * that vanishes (power, a cut network) closes nothing; the server notices only by TCP keep-alive,
 * which by the operating system's default starts after two hours. Until then the session holds what
 * it held: the projector's lease, and, had it vanished mid-transaction, its row locks (a batch's
 * checkpoint rows) and its open transaction, which holds the log's visible horizon back for every
 * reader. So every session of ours asks the server to probe after IDLE seconds of silence, every
 * INTERVAL, and to end the session after COUNT unanswered probes, and to give up on data left
 * unacknowledged for as long: about 11 s either way.
 */
export const SILENT_PEER = { idle: 5, interval: 2, count: 3 } as const;

/** The seconds after which the server ends the session of a silent client machine (at most). */
export const SILENT_PEER_SECONDS = SILENT_PEER.idle + SILENT_PEER.interval * SILENT_PEER.count;

/**
 * The connection settings of every session zicht opens to PostgreSQL (pools and single clients):
 * the URL's own, plus `options` (server-side settings, which any role may set for its session; any
 * `options` of the URL come first) and TCP keep-alive on this side, from 1 s of silence, so that a
 * server that vanished is noticed too. The URL is parsed here rather than handed to pg as
 * `connectionString`, whose own `options` would replace these. `extraOptions`: more `-c` settings
 * (e.g. a search_path).
 */
export function postgresSessionConfig(connectionString: string, extraOptions?: string): ClientConfig {
  const { idle, interval, count } = SILENT_PEER;
  const config = parseIntoClientConfig(connectionString);
  const silentPeer = `-c tcp_keepalives_idle=${idle} -c tcp_keepalives_interval=${interval} -c tcp_keepalives_count=${count} -c tcp_user_timeout=${SILENT_PEER_SECONDS * 1000}`;
  return {
    ...config,
    options: [config.options, silentPeer, extraOptions].filter(Boolean).join(' '),
    keepAlive: true,
    keepAliveInitialDelayMillis: 1000,
  };
}

/**
 * A pool of such sessions that outlives the server ending them (a restart, a failover, a timeout):
 * without these listeners pg would raise the error of an idle session on the pool, and of a session
 * checked out between two queries on its client, with nobody listening, and so end the process.
 * An idle one is dropped by the pool; a checked-out one fails its next query, which says so.
 */
export function postgresPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
