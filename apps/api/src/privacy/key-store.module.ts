import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KeyFileError, KeyStore, LoadedMasterKey, LoadedRadarKey, MasterKeyError, loadMasterKey, loadRadarKey, masterKeySourceFromEnv, openPostgresKeyStore, openSqliteKeyStore, openWithMasterKey } from '@zicht/privacy';
import { ConfigError, ZichtConfig } from '../config/config';

export function keyStoreFile(config: ZichtConfig): string {
  return join(config.dataDir, 'keys.sqlite');
}

/** The master key the environment names (ZICHT_MASTER_KEY or ZICHT_MASTER_KEY_FILE); a bad one is a configuration error. */
export function loadConfiguredMasterKey(config: ZichtConfig, env: NodeJS.ProcessEnv = process.env): LoadedMasterKey {
  return asConfigError(() => {
    mkdirSync(config.dataDir, { recursive: true });
    return loadMasterKey(masterKeySourceFromEnv(env, config.dataDir));
  });
}

/** The radar secret (ZICHT_RADAR_KEY_FILE), loaded and refused as the master key file is. */
export function loadConfiguredRadarKey(config: ZichtConfig): LoadedRadarKey {
  return asConfigError(() => {
    mkdirSync(config.dataDir, { recursive: true });
    return loadRadarKey(config.radarKeyFile);
  });
}

function asConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof KeyFileError) throw new ConfigError(error.setting, error.message.slice(error.setting.length + 2));
    throw error;
  }
}

/** The schema of the PostgreSQL key store: apart from the events and the read models, so it can be backed up and granted apart. */
export const KEY_STORE_SCHEMA = 'key_store';

/**
 * The key store, opened with the master key: in PostgreSQL (schema `key_store`) beside a shared
 * event store, so that every node reads the same keys; else beside the embedded one (`keys.sqlite`).
 */
export function openKeyStore(config: ZichtConfig, master: LoadedMasterKey): Promise<KeyStore> {
  const url = config.keyStoreUrl;
  if (url) return openWithMasterKey(master, (key) => openPostgresKeyStore({ connectionString: url, schema: KEY_STORE_SCHEMA, master: key }));
  return openWithMasterKey(master, (key) => openSqliteKeyStore({ file: keyStoreFile(config), master: key }));
}

/** Where the keys are, for a log line: never a URL. */
export function keyStoreAt(config: ZichtConfig): string {
  return config.keyStoreUrl ? `postgresql (schema ${KEY_STORE_SCHEMA})` : `sqlite at ${keyStoreFile(config)}`;
}
