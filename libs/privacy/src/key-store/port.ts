import { DataKey } from '../envelope';
import { MasterKey } from '../master-key';

/**
 * The KeyStore port: each case's data key, kept outside the append-only log, wrapped by the master
 * key. Every adapter (sqlite, postgres, in-memory) passes the one contract suite in
 * `key-store.contract.ts`. Destroying a key is final: the case's personal data can no longer be read
 * by anyone (crypto-shredding), and no new key is ever made for that case.
 */
export interface KeyStore {
  /** 'sqlite' | 'postgres' | 'in-memory', for /health and logs. */
  readonly kind: string;

  /**
   * The case's data key, created (and durably stored) when the case has none yet. Throws
   * CaseKeyErasedError when the case's key was destroyed: nothing new may be encrypted for it.
   */
  getOrCreate(caseId: string): Promise<DataKey>;

  /** The case's key; 'erased' when it was destroyed; 'none' when the case never had one. */
  get(caseId: string): Promise<DataKey | 'erased' | 'none'>;

  /**
   * Destroys the case's key (idempotent; also marks a case that never had a key as erased).
   * Returns the first erasure's instant, and whether this call was that first erasure.
   */
  destroy(caseId: string, at: string): Promise<Erasure>;

  /** The cases known to the store (with a key or erased), ordered by case id; never key material. */
  list(options?: { after?: string; limit?: number }): Promise<CaseKeyInfo[]>;

  /**
   * Re-wraps every data key with a new master key in one transaction (events are not touched) and
   * uses the new master key from then on. Returns how many keys were re-wrapped.
   */
  rewrap(newMaster: MasterKey): Promise<{ rewrapped: number }>;

  /** Resolves when the store can serve; rejects with the reason otherwise. */
  ready(): Promise<void>;

  close(): Promise<void>;
}

export interface Erasure {
  erasedAt: string;
  /** True for the call that destroyed the key; false when the case was already erased. */
  first: boolean;
}

export interface CaseKeyInfo {
  caseId: string;
  /** When the key was created; null for an erased case (the row with its key is gone). */
  createdAt: string | null;
  erasedAt: string | null;
}

/** The case's key was destroyed: its personal data is erased and nothing new is encrypted for it. */
export class CaseKeyErasedError extends Error {
  constructor(
    readonly caseId: string,
    readonly erasedAt: string,
  ) {
    super(`the personal data of case ${caseId} was erased at ${erasedAt}; no new key is made for it`);
    this.name = 'CaseKeyErasedError';
  }
}

/** The key store was written with another master key than the one this process holds. */
export class MasterKeyMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyMismatchError';
  }
}

export interface KeyCacheOptions {
  /** Unwrapped keys kept in memory (least recently used dropped first); 0 disables the cache. Default 10,000. */
  maxEntries?: number;
  /**
   * How long a cached key is trusted without asking the store (default 10 s). A destroy through this
   * store evicts at once; the SQLite and in-memory adapters also see other connections' destroys at
   * once; on PostgreSQL a destroy by another process is seen within this time.
   */
  ttlMs?: number;
}
