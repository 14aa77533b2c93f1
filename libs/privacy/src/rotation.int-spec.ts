import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStore, MasterKeyMismatchError } from './key-store/port';
import { openSqliteKeyStore } from './key-store/sqlite-key-store';
import { LoadedMasterKey, MasterKey, generateMasterKeyText, loadMasterKey, pendingFile } from './master-key';
import { openWithMasterKey, rotateMasterKey } from './rotation';

describe('master key rotation', () => {
  let dir: string;
  let keyFile: string;
  let storeFile: string;
  const open = (master: MasterKey) => openSqliteKeyStore({ file: storeFile, master, cache: { maxEntries: 0 } });
  const start = (loaded: LoadedMasterKey = loadMasterKey({ file: keyFile })) => openWithMasterKey(loaded, open);
  const rawOf = async (store: KeyStore, caseId: string) => ((await store.get(caseId)) as { export(): Buffer }).export().toString('hex');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-rotation-'));
    keyFile = join(dir, 'master.key');
    storeFile = join(dir, 'keys.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function storeWithKeys(n: number): Promise<{ ids: string[]; raw: Map<string, string>; oldText: string }> {
    const store = await start();
    const ids = Array.from({ length: n }, () => randomUUID());
    const raw = new Map<string, string>();
    for (const id of ids) raw.set(id, (await store.getOrCreate(id)).export().toString('hex'));
    await store.close();
    return { ids, raw, oldText: readFileSync(keyFile, 'utf8') };
  }

  it('re-wraps every key under a new key file; every key stays readable and the old master key opens nothing', async () => {
    const { ids, raw, oldText } = await storeWithKeys(25);
    const loaded = loadMasterKey({ file: keyFile });
    const store = await start(loaded);
    expect(await rotateMasterKey(store, loaded)).toEqual({ rewrapped: 25, file: keyFile });
    await store.close();

    expect(readFileSync(keyFile, 'utf8')).not.toBe(oldText);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(pendingFile(keyFile))).toBe(false);
    const after = await start();
    for (const id of ids) expect(await rawOf(after, id)).toBe(raw.get(id));
    await after.close();
    await expect(open(MasterKey.fromBase64(oldText, 'old'))).rejects.toThrow(MasterKeyMismatchError);
  });

  it('finishes a rotation cut off after its transaction: the next start uses the pending key and puts it in the key file', async () => {
    const { ids, raw } = await storeWithKeys(5);
    const store = await start();
    const nextText = generateMasterKeyText();
    writeFileSync(pendingFile(keyFile), nextText, { mode: 0o600 });
    await store.rewrap(MasterKey.fromBase64(nextText, 'next')); // ... and the process dies before the rename
    await store.close();

    const restarted = await start();
    expect(await rawOf(restarted, ids[0])).toBe(raw.get(ids[0]));
    await restarted.close();
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(nextText);
    expect(existsSync(pendingFile(keyFile))).toBe(false);
  });

  it('discards a rotation cut off before its transaction: the next start keeps the key file and drops the pending key', async () => {
    const { ids, raw, oldText } = await storeWithKeys(5);
    writeFileSync(pendingFile(keyFile), generateMasterKeyText(), { mode: 0o600 });
    const restarted = await start();
    expect(await rawOf(restarted, ids[4])).toBe(raw.get(ids[4]));
    await expect(rotateMasterKey(restarted, loadMasterKey({ file: keyFile }))).resolves.toMatchObject({ rewrapped: 5 });
    await restarted.close();
    expect(readFileSync(keyFile, 'utf8')).not.toBe(oldText);
  });

  it('refuses to rotate while a pending key is left over', async () => {
    await storeWithKeys(1);
    const loaded = loadMasterKey({ file: keyFile });
    const store = await start(loaded);
    writeFileSync(pendingFile(keyFile), generateMasterKeyText(), { mode: 0o600 });
    await expect(rotateMasterKey(store, loaded)).rejects.toThrow(/left from a rotation that did not finish/);
    await store.close();
  });

  it('with the key in the environment, rotates to the key the operator gives, and only to one', async () => {
    const oldText = generateMasterKeyText();
    const loaded = loadMasterKey({ value: oldText, file: keyFile });
    const store = await openWithMasterKey(loaded, open);
    const caseId = randomUUID();
    const raw = (await store.getOrCreate(caseId)).export().toString('hex');
    await expect(rotateMasterKey(store, loaded)).rejects.toThrow(/give the new key/);
    const newText = generateMasterKeyText();
    expect(await rotateMasterKey(store, loaded, { newKeyText: newText })).toEqual({ rewrapped: 1 });
    await store.close();
    expect(existsSync(keyFile)).toBe(false);
    const after = await openWithMasterKey(loadMasterKey({ value: newText, file: keyFile }), open);
    expect(await rawOf(after, caseId)).toBe(raw);
    await after.close();
    await expect(openWithMasterKey(loadMasterKey({ value: oldText, file: keyFile }), open)).rejects.toThrow(MasterKeyMismatchError);
  });

  it('says so when the key file was missing and a new one was made for an existing key store', async () => {
    await storeWithKeys(1);
    rmSync(keyFile);
    await expect(start()).rejects.toThrow(/No master key file was found at .*master\.key, so a new one was made just now: restore the original/);
  });
});
