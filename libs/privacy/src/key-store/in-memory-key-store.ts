import { MasterKey } from '../master-key';
import { CaseKeyInfo, Erasure, KeyCacheOptions, KeyStore } from './port';
import { KeyRecords, WrappedKeyStore } from './wrapped-key-store';

/** What an in-memory key store holds; several stores may share one (as processes share a file). */
export class InMemoryKeyStorage {
  check: string | null = null;
  readonly keys = new Map<string, { wrapped: Buffer; createdAt: string }>();
  readonly erasures = new Map<string, string>();
  /** Bumped by every change, like SQLite's data_version. */
  version = 0;
}

class InMemoryKeyRecords implements KeyRecords {
  readonly kind = 'in-memory';
  readonly where = 'in memory';
  private seen: number;

  constructor(private readonly storage: InMemoryKeyStorage) {
    this.seen = storage.version;
  }

  async initCheck(check: string): Promise<string> {
    if (this.storage.check === null) this.change(() => (this.storage.check = check));
    return this.storage.check as string;
  }

  async read(caseId: string): Promise<{ wrapped: Buffer } | { erasedAt: string } | null> {
    const erasedAt = this.storage.erasures.get(caseId);
    if (erasedAt !== undefined) return { erasedAt };
    const row = this.storage.keys.get(caseId);
    return row ? { wrapped: Buffer.from(row.wrapped) } : null;
  }

  async insert(caseId: string, wrapped: Buffer, createdAt: string, check: string): Promise<'inserted' | 'exists' | 'erased' | 'check-mismatch'> {
    if (this.storage.check !== check) return 'check-mismatch';
    if (this.storage.erasures.has(caseId)) return 'erased';
    if (this.storage.keys.has(caseId)) return 'exists';
    this.change(() => this.storage.keys.set(caseId, { wrapped: Buffer.from(wrapped), createdAt }));
    return 'inserted';
  }

  async erase(caseId: string, at: string): Promise<Erasure> {
    const previous = this.storage.erasures.get(caseId);
    if (previous !== undefined) return { erasedAt: previous, first: false };
    this.change(() => {
      this.storage.keys.get(caseId)?.wrapped.fill(0);
      this.storage.keys.delete(caseId);
      this.storage.erasures.set(caseId, at);
    });
    return { erasedAt: at, first: true };
  }

  async list(after: string | null, limit: number): Promise<CaseKeyInfo[]> {
    const ids = new Set([...this.storage.keys.keys(), ...this.storage.erasures.keys()]);
    return [...ids]
      .filter((id) => after === null || id > after)
      .sort()
      .slice(0, limit)
      .map((caseId) => ({ caseId, createdAt: this.storage.keys.get(caseId)?.createdAt ?? null, erasedAt: this.storage.erasures.get(caseId) ?? null }));
  }

  async rewrapAll(oldCheck: string, newCheck: string, rewrap: (caseId: string, wrapped: Buffer) => Buffer): Promise<number | 'check-mismatch'> {
    if (this.storage.check !== oldCheck) return 'check-mismatch';
    // All or nothing: compute every new wrap first, then swap.
    const next = [...this.storage.keys].map(([caseId, row]) => [caseId, { ...row, wrapped: rewrap(caseId, row.wrapped) }] as const);
    this.change(() => {
      for (const [caseId, row] of next) this.storage.keys.set(caseId, row);
      this.storage.check = newCheck;
    });
    return next.length;
  }

  changedElsewhere(): boolean {
    const changed = this.storage.version !== this.seen;
    this.seen = this.storage.version;
    return changed;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private change(apply: () => void): void {
    const mine = this.storage.version === this.seen;
    apply();
    this.storage.version += 1;
    if (mine) this.seen = this.storage.version;
  }
}

/** For tests: keys in memory, wrapped like everywhere else. Pass one `storage` to several stores to share it. */
export function openInMemoryKeyStore(options: { master: MasterKey; storage?: InMemoryKeyStorage; cache?: KeyCacheOptions; now?: () => number }): Promise<KeyStore> {
  return WrappedKeyStore.open(new InMemoryKeyRecords(options.storage ?? new InMemoryKeyStorage()), options.master, options);
}
