import { createSecretKey, randomBytes } from 'node:crypto';
import { DataKey } from '../envelope';
import { MasterKey, WrappedKeyError } from '../master-key';
import { CaseKeyErasedError, CaseKeyInfo, Erasure, KeyCacheOptions, KeyStore, MasterKeyMismatchError } from './port';

/**
 * What an adapter stores: wrapped keys, erasure records and the master key's check value. The
 * crypto and the cache are in WrappedKeyStore, once for every adapter; an adapter only keeps rows.
 */
export interface KeyRecords {
  readonly kind: string;
  /** A description for error messages (a file path, a schema name); never a secret. */
  readonly where: string;
  /** Stores `check` when the store has no check value yet; returns the stored one. */
  initCheck(check: string): Promise<string>;
  read(caseId: string): Promise<{ wrapped: Buffer } | { erasedAt: string } | null>;
  /**
   * Inserts the case's wrapped key unless it has one, was erased, or the stored check value is no
   * longer `check` (another process re-wrapped the store), all in one atomic step.
   */
  insert(caseId: string, wrapped: Buffer, createdAt: string, check: string): Promise<'inserted' | 'exists' | 'erased' | 'check-mismatch'>;
  /** Records the erasure (first one wins) and removes the wrapped key, in one transaction. */
  erase(caseId: string, at: string): Promise<Erasure>;
  list(after: string | null, limit: number): Promise<CaseKeyInfo[]>;
  /**
   * In one transaction: fails with 'check-mismatch' unless the stored check is `oldCheck`; replaces
   * every wrapped key by `rewrap(caseId, wrapped)` and the check value by `newCheck`.
   */
  rewrapAll(oldCheck: string, newCheck: string, rewrap: (caseId: string, wrapped: Buffer) => Buffer): Promise<number | 'check-mismatch'>;
  /** True when another connection changed the store since the last call (cheap; optional). */
  changedElsewhere?(): boolean;
  ping(): Promise<void>;
  close(): Promise<void>;
}

interface CachedKey {
  key: DataKey;
  at: number;
}

/** A 256-bit data key from the operating system's random source. */
export function newDataKey(): DataKey {
  const raw = randomBytes(32);
  try {
    return createSecretKey(raw);
  } finally {
    raw.fill(0);
  }
}

export class WrappedKeyStore implements KeyStore {
  readonly kind: string;
  private readonly cache = new Map<string, CachedKey>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  /** Bumped by every destroy, so a lookup that raced with one does not cache what it read. */
  private generation = 0;
  private closed = false;

  private constructor(
    private readonly records: KeyRecords,
    private master: MasterKey,
    cache: KeyCacheOptions,
    private readonly now: () => number,
  ) {
    this.kind = records.kind;
    this.maxEntries = Math.max(0, cache.maxEntries ?? 10_000);
    this.ttlMs = Math.max(0, cache.ttlMs ?? 10_000);
  }

  /** Opens over an adapter's records: a new store takes this master key's check value, an existing one must match it. */
  static async open(records: KeyRecords, master: MasterKey, options: { cache?: KeyCacheOptions; now?: () => number } = {}): Promise<WrappedKeyStore> {
    let stored: string;
    try {
      stored = await records.initCheck(master.checkValue);
    } catch (error) {
      await records.close();
      throw error;
    }
    if (stored !== master.checkValue) {
      await records.close();
      throw new MasterKeyMismatchError(
        `the key store ${records.where} was written with another master key (key check value ${stored}, this key ${master.checkValue}). ` +
          'Start with the master key it was created with (ZICHT_MASTER_KEY_FILE or ZICHT_MASTER_KEY); without that key no personal data in it can be read.',
      );
    }
    return new WrappedKeyStore(records, master, options.cache ?? {}, options.now ?? Date.now);
  }

  async getOrCreate(caseId: string): Promise<DataKey> {
    const found = await this.lookup(caseId);
    if (found.state === 'key') return found.key;
    if (found.state === 'erased') throw new CaseKeyErasedError(caseId, found.erasedAt);
    const generation = this.generation;
    const key = newDataKey();
    const outcome = await this.records.insert(caseId, this.master.wrap(caseId, key), new Date(this.now()).toISOString(), this.master.checkValue);
    if (outcome === 'inserted') {
      if (generation === this.generation) this.remember(caseId, key);
      return key;
    }
    if (outcome === 'check-mismatch') throw this.rotatedElsewhere();
    // Another process created it (or erased the case) meanwhile: use what is stored now.
    const again = await this.lookup(caseId);
    if (again.state === 'key') return again.key;
    if (again.state === 'erased') throw new CaseKeyErasedError(caseId, again.erasedAt);
    throw new Error(`the key store did not keep the key of case ${caseId}`);
  }

  async get(caseId: string): Promise<DataKey | 'erased' | 'none'> {
    const found = await this.lookup(caseId);
    return found.state === 'key' ? found.key : found.state;
  }

  async destroy(caseId: string, at: string): Promise<Erasure> {
    if (Number.isNaN(Date.parse(at))) throw new RangeError(`not an instant: ${at}`);
    this.generation += 1;
    this.cache.delete(caseId);
    try {
      return await this.records.erase(caseId, new Date(at).toISOString());
    } finally {
      this.generation += 1;
      this.cache.delete(caseId);
    }
  }

  list(options: { after?: string; limit?: number } = {}): Promise<CaseKeyInfo[]> {
    return this.records.list(options.after ?? null, Math.max(1, Math.min(options.limit ?? 1000, 10_000)));
  }

  async rewrap(newMaster: MasterKey): Promise<{ rewrapped: number }> {
    const old = this.master;
    const outcome = await this.records.rewrapAll(old.checkValue, newMaster.checkValue, (caseId, wrapped) => newMaster.wrap(caseId, old.unwrap(caseId, wrapped)));
    if (outcome === 'check-mismatch') throw this.rotatedElsewhere();
    this.master = newMaster;
    return { rewrapped: outcome };
  }

  async ready(): Promise<void> {
    if (this.closed) throw new Error('the key store is closed');
    await this.records.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    await this.records.close();
  }

  private async lookup(caseId: string): Promise<{ state: 'key'; key: DataKey } | { state: 'erased'; erasedAt: string } | { state: 'none' }> {
    if (this.closed) throw new Error('the key store is closed');
    if (this.records.changedElsewhere?.()) this.cache.clear();
    const cached = this.cache.get(caseId);
    if (cached && this.now() - cached.at < this.ttlMs) {
      this.cache.delete(caseId); // re-insert: most recently used last
      this.cache.set(caseId, cached);
      return { state: 'key', key: cached.key };
    }
    const generation = this.generation;
    const row = await this.records.read(caseId);
    if (row === null) return { state: 'none' };
    if ('erasedAt' in row) return { state: 'erased', erasedAt: row.erasedAt };
    let key: DataKey;
    try {
      key = this.master.unwrap(caseId, row.wrapped);
    } catch (error) {
      if (error instanceof WrappedKeyError) throw this.rotatedElsewhere(caseId);
      throw error;
    }
    if (generation === this.generation) this.remember(caseId, key);
    return { state: 'key', key };
  }

  private remember(caseId: string, key: DataKey): void {
    if (this.maxEntries === 0 || this.ttlMs === 0) return;
    this.cache.delete(caseId);
    this.cache.set(caseId, { key, at: this.now() });
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
  }

  private rotatedElsewhere(caseId?: string): MasterKeyMismatchError {
    return new MasterKeyMismatchError(
      `${caseId ? `the data key of case ${caseId} in` : 'the key store'} ${this.records.where} does not open with this process's master key: ` +
        'the master key was rotated by another process (restart with the new master key), or the row was changed',
    );
  }
}
