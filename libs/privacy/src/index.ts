// The public API of @zicht/privacy: per-case data keys, field encryption of personal data, and the
// key store outside the append-only log (docs/privacy.md). The key-store contract suite
// (key-store/key-store.contract.ts) is imported by path from tests, not from here.
export { ENVELOPE_PREFIX, isEnvelope } from './envelope';
export type { DataKey } from './envelope';
export { revealPersonalData, sealPersonalData, unsealedPersonalPaths } from './personal-data';
export type { EventLike, Revealed } from './personal-data';
export {
  MASTER_KEY_BYTES,
  KeyFileError,
  MasterKey,
  MasterKeyError,
  WrappedKeyError,
  generateMasterKeyText,
  loadMasterKey,
  masterKeySourceFromEnv,
} from './master-key';
export type { LoadedMasterKey, MasterKeySource } from './master-key';
export { RadarKey, loadRadarKey } from './radar-key';
export type { LoadedRadarKey } from './radar-key';
export { CaseKeyErasedError, MasterKeyMismatchError } from './key-store/port';
export type { CaseKeyInfo, Erasure, KeyCacheOptions, KeyStore } from './key-store/port';
export { newDataKey } from './key-store/wrapped-key-store';
export { InMemoryKeyStorage, openInMemoryKeyStore } from './key-store/in-memory-key-store';
export { openSqliteKeyStore } from './key-store/sqlite-key-store';
export type { SqliteKeyStoreOptions } from './key-store/sqlite-key-store';
export { openPostgresKeyStore } from './key-store/postgres-key-store';
export type { PostgresKeyStoreOptions } from './key-store/postgres-key-store';
export { openWithMasterKey, rotateMasterKey } from './rotation';
export type { MasterKeyRotation } from './rotation';
export { formatPrivacyBench, privacyBench } from './bench';
export type { PrivacyBenchResult } from './bench';
