import { KeyObject, createHmac, createSecretKey } from 'node:crypto';
import { inspect } from 'node:util';
import { KeyFileError, keyBytesFromBase64, loadKeyFile } from './master-key';

/**
 * The radar secret: 32 random bytes that turn a BSN into the radar's pseudonymous `childKey`
 * (HMAC-SHA256, hex). Kept in its own file (`ZICHT_RADAR_KEY_FILE`, default `<data dir>/radar.key`,
 * mode 0600), created, checked and refused exactly as the master key file is. Without the secret a
 * childKey cannot be tied back to a BSN by trying every possible BSN; with another secret the same
 * child gets other keys, so it is never rotated.
 */
export class RadarKey {
  private constructor(private readonly secret: KeyObject) {}

  static fromBase64(text: string, setting: string): RadarKey {
    const bytes = keyBytesFromBase64(text, setting);
    try {
      return new RadarKey(createSecretKey(bytes));
    } finally {
      bytes.fill(0);
    }
  }

  /** HMAC-SHA256(secret, bsn) as 64 hex characters. The caller checks the BSN first (isValidBsn). */
  childKeyOf(bsn: string): string {
    return createHmac('sha256', this.secret).update(bsn, 'utf8').digest('hex');
  }

  /** A keyed fingerprint of any text (e.g. a request that held a BSN): as safe to keep as a childKey. */
  fingerprint(text: string): string {
    return createHmac('sha256', this.secret).update('zicht/radar/fingerprint/v1\u0000').update(text, 'utf8').digest('hex');
  }

  toJSON(): string {
    return '[radar key]';
  }

  [inspect.custom](): string {
    return 'RadarKey';
  }
}

export interface LoadedRadarKey {
  key: RadarKey;
  file: string;
  /** True when the file did not exist and was created now. */
  created: boolean;
}

/** Loads (or, in an existing directory, creates) the radar secret file; a bad one is a KeyFileError naming ZICHT_RADAR_KEY_FILE. */
export function loadRadarKey(file: string): LoadedRadarKey {
  const setting = 'ZICHT_RADAR_KEY_FILE';
  const { key, created } = loadKeyFile(file, setting, (text) => RadarKey.fromBase64(text, setting), KeyFileError);
  return { key, file, created };
}
