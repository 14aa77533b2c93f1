import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, KeyObject, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { inspect } from 'node:util';

/**
 * The master key wraps (encrypts) every case's data key in the key store. It is 32 random bytes,
 * given as base64 in a file (`ZICHT_MASTER_KEY_FILE`, default `<data dir>/master.key`, mode 0600)
 * or in the environment (`ZICHT_MASTER_KEY`, for containers). Two keys are derived from it with
 * HKDF-SHA256: one wraps data keys (AES-256-GCM, bound to the case id), one gives the key check
 * value that the key store keeps, so that a wrong master key is refused at start instead of
 * reading every case as unreadable.
 */
export const MASTER_KEY_BYTES = 32;
const WRAP_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A key (the master key, the radar secret) that is missing, malformed, or not where the configuration says. */
export class KeyFileError extends Error {
  constructor(
    /** The setting to fix, e.g. ZICHT_MASTER_KEY_FILE. */
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'KeyFileError';
  }
}

/** A master key that is missing, malformed, or not where the configuration says (ZICHT_MASTER_KEY or ZICHT_MASTER_KEY_FILE). */
export class MasterKeyError extends KeyFileError {
  constructor(setting: string, message: string) {
    super(setting, message);
    this.name = 'MasterKeyError';
  }
}

/** The 32 bytes of a key given as base64 (or base64url) text; `setting` names where it came from. */
export function keyBytesFromBase64(text: string, setting: string, error: new (setting: string, message: string) => KeyFileError = KeyFileError): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new error(setting, 'is not base64 text');
  const bytes = Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
  if (bytes.length !== MASTER_KEY_BYTES) {
    bytes.fill(0);
    throw new error(setting, `must hold ${MASTER_KEY_BYTES} bytes in base64 (it holds ${bytes.length})`);
  }
  return bytes;
}

/** A wrapped data key that does not open with this master key (another master key, or a changed row). */
export class WrappedKeyError extends Error {
  constructor(readonly caseId: string) {
    super(`the data key of case ${caseId} does not open with this master key`);
    this.name = 'WrappedKeyError';
  }
}

export class MasterKey {
  private constructor(
    private readonly wrapKey: KeyObject,
    /** Hex; safe to store and to show: it reveals nothing about the key. */
    readonly checkValue: string,
  ) {}

  static fromBytes(bytes: Buffer): MasterKey {
    if (bytes.length !== MASTER_KEY_BYTES) throw new RangeError(`a master key is ${MASTER_KEY_BYTES} bytes, not ${bytes.length}`);
    const derive = (info: string, length: number) => Buffer.from(hkdfSync('sha256', bytes, Buffer.alloc(0), info, length));
    const wrapBytes = derive('zicht/master-key/wrap/v1', 32);
    const key = new MasterKey(createSecretKey(wrapBytes), derive('zicht/master-key/check/v1', 16).toString('hex'));
    wrapBytes.fill(0);
    return key;
  }

  /** Parses base64 (or base64url) text of exactly 32 bytes; `setting` names where it came from. */
  static fromBase64(text: string, setting: string): MasterKey {
    const bytes = keyBytesFromBase64(text, setting, MasterKeyError);
    try {
      return MasterKey.fromBytes(bytes);
    } finally {
      bytes.fill(0);
    }
  }

  /** Wraps a data key for one case: version | iv | ciphertext | tag, authenticated with the case id. */
  wrap(caseId: string, dataKey: KeyObject): Buffer {
    const raw = dataKey.export();
    try {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.wrapKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(wrapAad(caseId));
      return Buffer.concat([Buffer.from([WRAP_VERSION]), iv, cipher.update(raw), cipher.final(), cipher.getAuthTag()]);
    } finally {
      raw.fill(0);
    }
  }

  /** The case's data key; throws WrappedKeyError when it does not authenticate. */
  unwrap(caseId: string, wrapped: Buffer): KeyObject {
    if (wrapped.length !== 1 + IV_BYTES + 32 + TAG_BYTES || wrapped[0] !== WRAP_VERSION) throw new WrappedKeyError(caseId);
    let raw: Buffer | undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.wrapKey, wrapped.subarray(1, 1 + IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(wrapAad(caseId));
      decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
      raw = Buffer.concat([decipher.update(wrapped.subarray(1 + IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
      return createSecretKey(raw);
    } catch {
      throw new WrappedKeyError(caseId);
    } finally {
      raw?.fill(0);
    }
  }

  toJSON(): string {
    return '[master key]';
  }

  [inspect.custom](): string {
    return `MasterKey(check ${this.checkValue})`;
  }
}

function wrapAad(caseId: string): Buffer {
  return Buffer.from(`zicht/case-key/v${WRAP_VERSION}\u0000${caseId}`, 'utf8');
}

/** 32 fresh random bytes as base64: the content of a new master key file. */
export function generateMasterKeyText(): string {
  return randomBytes(MASTER_KEY_BYTES).toString('base64');
}

/** Where the master key comes from: the environment's value wins; otherwise the file. */
export interface MasterKeySource {
  /** ZICHT_MASTER_KEY (base64), when set. */
  value?: string;
  /** ZICHT_MASTER_KEY_FILE, or `<data dir>/master.key`. */
  file: string;
}

/**
 * The source the environment names. Setting both ZICHT_MASTER_KEY and ZICHT_MASTER_KEY_FILE is an
 * error (which one would win is a guess an operator should not have to make).
 */
export function masterKeySourceFromEnv(env: Record<string, string | undefined>, dataDir: string, cwd = process.cwd()): MasterKeySource {
  const value = env.ZICHT_MASTER_KEY?.trim() || undefined;
  const file = env.ZICHT_MASTER_KEY_FILE?.trim() || undefined;
  if (value && file) throw new MasterKeyError('ZICHT_MASTER_KEY', 'set either ZICHT_MASTER_KEY or ZICHT_MASTER_KEY_FILE, not both');
  return { ...(value ? { value } : {}), file: file ? (isAbsolute(file) ? file : resolve(cwd, file)) : resolve(dataDir, 'master.key') };
}

export interface LoadedMasterKey {
  key: MasterKey;
  source: 'environment' | 'file';
  /** The key file (source 'file'). */
  file?: string;
  /** True when the file did not exist and was created now. */
  created: boolean;
  /** The key of a rotation that did not finish (`<file>.next`); see openWithMasterKey. */
  pending?: MasterKey;
}

/**
 * Loads the master key. A missing file in an existing directory is created (32 random bytes,
 * base64, mode 0600, written to a temporary file, fsynced, then linked into place so that two
 * processes starting together agree on one key). A file whose directory does not exist, a file that
 * others may read, or content that is not 32 bytes of base64 is an error, never a new key.
 */
export function loadMasterKey(source: MasterKeySource): LoadedMasterKey {
  if (source.value !== undefined) {
    return { key: MasterKey.fromBase64(source.value, 'ZICHT_MASTER_KEY'), source: 'environment', created: false };
  }
  const file = source.file;
  const setting = 'ZICHT_MASTER_KEY_FILE';
  const { key, created } = loadKeyFile(file, setting, (text) => MasterKey.fromBase64(text, setting), MasterKeyError);
  const next = pendingFile(file);
  const pending = existsSync(next) ? readKeyFile(next, setting, (text) => MasterKey.fromBase64(text, setting), MasterKeyError) : undefined;
  return { key, source: 'file', file, created, ...(pending ? { pending } : {}) };
}

/**
 * A key kept in a file of its own (the master key, the radar secret): a missing file in an existing
 * directory is created (32 random bytes, base64, mode 0600, written to a temporary file, fsynced,
 * then linked into place so that two processes starting together agree on one key). A file whose
 * directory does not exist, a file that others may read, or content that `parse` refuses is an
 * error, never a new key.
 */
export function loadKeyFile<K>(
  file: string,
  setting: string,
  parse: (text: string) => K,
  error: new (setting: string, message: string) => KeyFileError = KeyFileError,
): { key: K; created: boolean } {
  let created = false;
  if (!existsSync(file)) {
    const dir = dirname(file);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new error(setting, `the directory of ${file} does not exist; a new key is only created in an existing directory`);
    }
    created = writeKeyFileExclusive(file, generateMasterKeyText());
  }
  return { key: readKeyFile(file, setting, parse, error), created };
}

/** The file a rotation writes the new key to before it re-wraps the data keys. */
export function pendingFile(file: string): string {
  return `${file}.next`;
}

function readKeyFile<K>(file: string, setting: string, parse: (text: string) => K, error: new (setting: string, message: string) => KeyFileError): K {
  const stat = statSync(file);
  if (!stat.isFile()) throw new error(setting, `${file} is not a file`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new error(setting, `${file} may be read by other users (mode ${(stat.mode & 0o777).toString(8)}); make it 600 (chmod 600)`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new error(setting, `${file} cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parse(text);
}

/**
 * Writes a key file that did not exist: to a temporary file (mode 0600), fsynced, linked into place
 * (link fails when another process won the race; then its key is used), and the directory fsynced.
 * Returns false when another process created it first.
 */
export function writeKeyFileExclusive(file: string, text: string): boolean {
  const tmp = writeTempKeyFile(file, text);
  try {
    linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(tmp);
  }
  fsyncDirectory(dirname(file));
  return true;
}

/** Replaces a key file atomically: a temporary file (0600, fsynced) renamed over it, the directory fsynced. */
export function replaceKeyFile(file: string, text: string): void {
  const tmp = writeTempKeyFile(file, text);
  renameSync(tmp, file);
  fsyncDirectory(dirname(file));
}

/** A temporary file beside `file` holding the key text, mode 0600, fsynced. */
function writeTempKeyFile(file: string, text: string): string {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${text}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
