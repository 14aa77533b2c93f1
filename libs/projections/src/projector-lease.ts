import { Client, ClientConfig } from 'pg';
import { postgresSessionConfig } from '@zicht/event-store';

/**
 * The right to write the read models: one projector at a time applies batches to one read-model
 * store. On PostgreSQL it is a session advisory lock held on a connection of its own (PostgreSQL
 * releases it the moment that session ends: a crash, kill -9, a lost network); on SQLite the data
 * directory's lock already makes the process the only writer, so the lease is always granted.
 */
export interface ProjectorLease {
  /** 'postgres-advisory-lock' | 'embedded' */
  readonly kind: string;
  /** Takes the lease if nobody holds it; true when this process holds it (now or already). */
  tryAcquire(): Promise<boolean>;
  /** Called once when a held lease is lost (its session ended); the holder must stop writing. */
  onLost(listener: (error: Error) => void): void;
  /** Gives the lease up (and closes its connection). */
  release(): Promise<void>;
}

/** The lease of an embedded read-model store: the data directory's lock already keeps one writer. */
export class EmbeddedLease implements ProjectorLease {
  readonly kind = 'embedded';

  async tryAcquire(): Promise<boolean> {
    return true;
  }

  onLost(): void {}

  async release(): Promise<void> {}
}

/** The connection a lease holds its lock on (exported for its test): a session as every other of ours, named. */
export function leaseConnectionConfig(connectionString: string): ClientConfig {
  return { ...postgresSessionConfig(connectionString), application_name: 'zicht-projector-lease' };
}

/**
 * A session advisory lock (`pg_try_advisory_lock`) on a dedicated connection, keyed by the read
 * models' schema (the given one, else the connection's current schema), so that read models in
 * different schemas of one database lead apart. Both ends of the connection use TCP keep-alive
 * (SILENT_PEER of the event store's sessions): a leader whose machine vanished loses the lock within
 * about 11 s, and a leader cut off from the server notices and reports the lease lost.
 */
export class PostgresAdvisoryLease implements ProjectorLease {
  readonly kind = 'postgres-advisory-lock';
  private client: Client | null = null;
  private held = false;
  private readonly listeners: Array<(error: Error) => void> = [];

  constructor(
    private readonly connectionString: string,
    private readonly options: { schema?: string; name?: string } = {},
  ) {}

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const client = await this.connect();
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1 || ':' || coalesce($2::text, current_schema()::text, ''))) AS locked", [
      this.options.name ?? 'zicht-projector',
      this.options.schema ?? null,
    ]);
    this.held = rows[0].locked === true;
    return this.held;
  }

  onLost(listener: (error: Error) => void): void {
    this.listeners.push(listener);
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    // Ending the session releases the lock.
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client(leaseConnectionConfig(this.connectionString));
    const drop = (error: Error) => {
      if (this.client !== client) return;
      this.client = null;
      const wasHeld = this.held;
      this.held = false;
      void client.end().catch(() => undefined);
      if (wasHeld) for (const listener of this.listeners) listener(error);
    };
    client.on('error', drop);
    client.on('end', () => drop(new Error('the lease connection ended')));
    await client.connect();
    this.client = client;
    return client;
  }
}

/** The lease for a read-model target as openReadModelDatabase takes it: a postgres:// URL, or a SQLite file. */
export function projectorLeaseFor(target: string, options: { schema?: string } = {}): ProjectorLease {
  return /^postgres(ql)?:\/\//.test(target) ? new PostgresAdvisoryLease(target, options) : new EmbeddedLease();
}
