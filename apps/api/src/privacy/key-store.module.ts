import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KeyFileError, KeyStore, LoadedMasterKey, LoadedRadarKey, loadMasterKey, loadRadarKey, masterKeySourceFromEnv, openSqliteKeyStore, openWithMasterKey } from '@zicht/privacy';
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

/** The key store beside the embedded event store (`keys.sqlite`), opened with the master key. */
export function openKeyStore(config: ZichtConfig, master: LoadedMasterKey): Promise<KeyStore> {
  return openWithMasterKey(master, (key) => openSqliteKeyStore({ file: keyStoreFile(config), master: key }));
}
