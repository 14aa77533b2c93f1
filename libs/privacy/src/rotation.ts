import { existsSync, renameSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyStore, MasterKeyMismatchError } from './key-store/port';
import { LoadedMasterKey, MasterKey, MasterKeyError, fsyncDirectory, generateMasterKeyText, pendingFile, replaceKeyFile, writeKeyFileExclusive } from './master-key';

/**
 * Opens a key store with the loaded master key, and finishes or discards a rotation that was cut
 * off. A rotation writes the new key to `<file>.next`, re-wraps the store in one transaction, then
 * renames `.next` over the key file. So at start:
 *  - the store opens with the key file's key: a `.next` left over is from a rotation whose
 *    transaction never committed; it is deleted.
 *  - the store does not open with it, but with `.next`: the transaction committed and the rename
 *    did not happen; the rename is done now.
 * A store that opens with neither is a MasterKeyMismatchError (saying so when the key file was just
 * created, i.e. the original master key is missing).
 */
export async function openWithMasterKey<S extends KeyStore>(loaded: LoadedMasterKey, open: (master: MasterKey) => Promise<S>): Promise<S> {
  try {
    const store = await open(loaded.key);
    if (loaded.pending && loaded.file) unlinkSync(pendingFile(loaded.file));
    return store;
  } catch (error) {
    if (!(error instanceof MasterKeyMismatchError)) throw error;
    if (loaded.pending && loaded.file) {
      const store = await open(loaded.pending);
      renameSync(pendingFile(loaded.file), loaded.file);
      fsyncDirectory(dirname(loaded.file));
      return store;
    }
    if (loaded.created) {
      throw new MasterKeyMismatchError(
        `${error.message} No master key file was found at ${loaded.file}, so a new one was made just now: restore the original master key file there.`,
      );
    }
    throw error;
  }
}

export interface MasterKeyRotation {
  rewrapped: number;
  /** The key file that now holds the new key (source 'file'). */
  file?: string;
}

/**
 * Rotates the master key: every data key is re-wrapped by the new master key in one transaction;
 * events are not touched. Stop the server first: a process still holding the old master key can no
 * longer create or open keys (it fails loudly; it never writes a key the new master cannot open).
 *
 * - Key file: a new random key (or `newKey`) is written to `<file>.next` (0600, fsynced) before the
 *   transaction and renamed over the key file after it (see openWithMasterKey for a cut-off run).
 * - ZICHT_MASTER_KEY: `newKey` is required (the operator keeps it in their secret store first) and
 *   ZICHT_MASTER_KEY must be set to it before the next start.
 */
export async function rotateMasterKey(store: KeyStore, loaded: LoadedMasterKey, options: { newKeyText?: string } = {}): Promise<MasterKeyRotation> {
  if (loaded.source === 'environment' || !loaded.file) {
    if (!options.newKeyText) {
      throw new MasterKeyError('ZICHT_MASTER_KEY', 'the master key comes from the environment: give the new key (base64, 32 bytes) to rotate to, and set ZICHT_MASTER_KEY to it afterwards');
    }
    return store.rewrap(MasterKey.fromBase64(options.newKeyText, 'new master key'));
  }
  const file = loaded.file;
  const next = pendingFile(file);
  if (existsSync(next)) {
    throw new MasterKeyError('ZICHT_MASTER_KEY_FILE', `${next} is left from a rotation that did not finish; open the key store once with openWithMasterKey (a restart does), which settles it`);
  }
  const text = options.newKeyText ?? generateMasterKeyText();
  const newKey = MasterKey.fromBase64(text, 'new master key');
  if (!writeKeyFileExclusive(next, text)) throw new MasterKeyError('ZICHT_MASTER_KEY_FILE', `${next} appeared while rotating: is another rotation running?`);
  // Should the re-wrap fail, `.next` stays: whether its transaction committed is settled by
  // openWithMasterKey at the next start, so neither key is ever thrown away while it may be needed.
  const { rewrapped } = await store.rewrap(newKey);
  // Written from memory rather than renamed from `.next`, so that the new key lands in the key
  // file even if `.next` was removed meanwhile.
  replaceKeyFile(file, text);
  if (existsSync(next)) unlinkSync(next);
  return { rewrapped, file };
}
