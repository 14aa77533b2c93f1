import { randomUUID } from 'node:crypto';
import { MasterKey, generateMasterKeyText } from '../master-key';
import { CaseKeyErasedError, KeyCacheOptions, KeyStore, MasterKeyMismatchError } from './port';

/**
 * The one contract every KeyStore adapter passes. Case ids are unique per test, so the suite also
 * runs against a shared PostgreSQL server.
 */
export interface ContractKeyStorage {
  /** A store on this storage; several may be open at once (like several processes on one file). */
  open(master: MasterKey, cache?: KeyCacheOptions): Promise<KeyStore>;
  /** Removes the storage; every store opened on it is closed by then. */
  cleanup(): Promise<void>;
}

/** How long a cached key may outlive a destroy by another store in the contract (its cache TTL). */
const CONTRACT_TTL_MS = 50;

export function keyStoreContract(name: string, makeStorage: () => Promise<ContractKeyStorage>): void {
  describe(`KeyStore contract: ${name}`, () => {
    let storage: ContractKeyStorage;
    let master: MasterKey;
    let store: KeyStore;
    const opened: KeyStore[] = [];
    const open = async (key: MasterKey, cache: KeyCacheOptions = { ttlMs: CONTRACT_TTL_MS }) => {
      const s = await storage.open(key, cache);
      opened.push(s);
      return s;
    };
    const newMaster = () => MasterKey.fromBase64(generateMasterKeyText(), 'test');
    const raw = (key: unknown) => (key as { export(): Buffer }).export().toString('hex');

    beforeEach(async () => {
      storage = await makeStorage();
      master = newMaster();
      store = await open(master);
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await storage.cleanup();
    });

    it('creates a 256-bit key once per case and gives the same key back', async () => {
      const caseId = randomUUID();
      expect(await store.get(caseId)).toBe('none');
      const key = await store.getOrCreate(caseId);
      expect(key.symmetricKeySize).toBe(32);
      expect(raw(await store.getOrCreate(caseId))).toBe(raw(key));
      const got = await store.get(caseId);
      expect(got).not.toBe('none');
      expect(raw(got)).toBe(raw(key));
      expect(raw(await store.getOrCreate(randomUUID()))).not.toBe(raw(key));
    });

    it('keeps keys across a restart with the same master key', async () => {
      const caseId = randomUUID();
      const key = await store.getOrCreate(caseId);
      const again = await open(master, { maxEntries: 0 });
      expect(raw(await again.get(caseId))).toBe(raw(key));
    });

    it('gives concurrent creations of one case the same key', async () => {
      const caseId = randomUUID();
      const other = await open(master);
      const keys = await Promise.all([store.getOrCreate(caseId), other.getOrCreate(caseId), store.getOrCreate(caseId), other.getOrCreate(caseId)]);
      expect(new Set(keys.map(raw)).size).toBe(1);
      expect(raw(await (await open(master, { maxEntries: 0 })).get(caseId))).toBe(raw(keys[0]));
    });

    it('destroys a key for good: erased, no new key, idempotent with the first instant', async () => {
      const caseId = randomUUID();
      await store.getOrCreate(caseId);
      expect(await store.destroy(caseId, '2046-11-01T00:00:00.000Z')).toEqual({ erasedAt: '2046-11-01T00:00:00.000Z', first: true });
      expect(await store.get(caseId)).toBe('erased');
      await expect(store.getOrCreate(caseId)).rejects.toBeInstanceOf(CaseKeyErasedError);
      expect(await store.destroy(caseId, '2047-01-01T00:00:00.000Z')).toEqual({ erasedAt: '2046-11-01T00:00:00.000Z', first: false });
      const restarted = await open(master);
      expect(await restarted.get(caseId)).toBe('erased');
      await expect(restarted.getOrCreate(caseId)).rejects.toMatchObject({ caseId, erasedAt: '2046-11-01T00:00:00.000Z' });
    });

    it('marks a case that never had a key as erased, so no key is ever made for it', async () => {
      const caseId = randomUUID();
      expect(await store.destroy(caseId, '2046-11-01T00:00:00Z')).toEqual({ erasedAt: '2046-11-01T00:00:00.000Z', first: true });
      expect(await store.get(caseId)).toBe('erased');
      await expect(store.getOrCreate(caseId)).rejects.toBeInstanceOf(CaseKeyErasedError);
    });

    it('refuses an instant that is not one', async () => {
      await expect(store.destroy(randomUUID(), 'yesterday')).rejects.toThrow(RangeError);
    });

    it('evicts a cached key on destroy, and sees a destroy by another store within the cache TTL', async () => {
      const a = randomUUID();
      const b = randomUUID();
      await store.getOrCreate(a);
      await store.getOrCreate(b);
      await store.destroy(a, '2046-11-01T00:00:00Z');
      expect(await store.get(a)).toBe('erased');
      const other = await open(master);
      await other.destroy(b, '2046-11-01T00:00:00Z');
      await new Promise((resolve) => setTimeout(resolve, CONTRACT_TTL_MS + 20));
      expect(await store.get(b)).toBe('erased');
      await expect(store.getOrCreate(b)).rejects.toBeInstanceOf(CaseKeyErasedError);
    });

    it('refuses to open with another master key, with a clear error', async () => {
      await store.getOrCreate(randomUUID());
      await expect(open(newMaster())).rejects.toThrow(MasterKeyMismatchError);
      await expect(open(newMaster())).rejects.toThrow(/written with another master key/);
    });

    it('lists known cases by id, with paging, never key material', async () => {
      const ids: string[] = Array.from({ length: 5 }, () => randomUUID()).sort();
      for (const id of ids) await store.getOrCreate(id);
      await store.destroy(ids[1], '2046-11-01T00:00:00Z');
      const all = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.list({ ...(after ? { after } : {}), limit: 2 });
        if (page.length === 0) break;
        all.push(...page);
        after = page[page.length - 1].caseId;
      }
      const mine = all.filter((info) => ids.includes(info.caseId));
      expect(mine.map((info) => info.caseId)).toEqual(ids);
      expect(mine[1]).toEqual({ caseId: ids[1], createdAt: null, erasedAt: '2046-11-01T00:00:00.000Z' });
      expect(mine[0].erasedAt).toBeNull();
      expect(Number.isNaN(Date.parse(mine[0].createdAt as string))).toBe(false);
      expect(Object.keys(mine[0]).sort()).toEqual(['caseId', 'createdAt', 'erasedAt']);
    });

    it('rewraps every key with a new master key: all stay readable with it, the old one opens nothing', async () => {
      const ids = Array.from({ length: 20 }, () => randomUUID());
      const keys = new Map<string, string>();
      for (const id of ids) keys.set(id, raw(await store.getOrCreate(id)));
      await store.destroy(ids[0], '2046-11-01T00:00:00Z');
      const rotated = newMaster();
      const { rewrapped } = await store.rewrap(rotated);
      expect(rewrapped).toBeGreaterThanOrEqual(19);
      // The rotating store goes on with the new master key, cached or not.
      expect(raw(await store.getOrCreate(ids[1]))).toBe(keys.get(ids[1]));
      const fresh = randomUUID();
      const freshKey = raw(await store.getOrCreate(fresh));
      const reopened = await open(rotated, { maxEntries: 0 });
      for (const id of ids.slice(1)) expect(raw(await reopened.get(id))).toBe(keys.get(id));
      expect(raw(await reopened.get(fresh))).toBe(freshKey);
      expect(await reopened.get(ids[0])).toBe('erased');
      await expect(open(master)).rejects.toThrow(MasterKeyMismatchError);
    });

    it('a store still holding the old master key after a rotation elsewhere fails loudly, never writes a key the new master cannot open', async () => {
      const known = randomUUID();
      await store.getOrCreate(known);
      const stale = await open(master, { maxEntries: 0 });
      const rotated = newMaster();
      await store.rewrap(rotated);
      await expect(stale.getOrCreate(randomUUID())).rejects.toThrow(MasterKeyMismatchError);
      await expect(stale.get(known)).rejects.toThrow(MasterKeyMismatchError);
      await expect(stale.rewrap(newMaster())).rejects.toThrow(MasterKeyMismatchError);
      const reopened = await open(rotated, { maxEntries: 0 });
      expect(await reopened.get(known)).not.toBe('none');
    });

    it('is ready while open', async () => {
      await expect(store.ready()).resolves.toBeUndefined();
      expect(typeof store.kind).toBe('string');
    });
  });
}
