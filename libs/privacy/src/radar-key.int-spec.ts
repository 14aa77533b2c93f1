import { createHmac } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { KeyFileError, generateMasterKeyText } from './master-key';
import { loadRadarKey } from './radar-key';

describe('loadRadarKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-radar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the secret once (32 random bytes, mode 0600); the childKey is HMAC-SHA256(secret, bsn) in hex and stable across loads', () => {
    const file = join(dir, 'radar.key');
    const first = loadRadarKey(file);
    expect(first).toMatchObject({ file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    expect(secret).toHaveLength(32);
    const bsn = '111222333'; // an invented number that passes the elfproef
    expect(first.key.childKeyOf(bsn)).toBe(createHmac('sha256', secret).update(bsn).digest('hex'));
    const second = loadRadarKey(file);
    expect(second.created).toBe(false);
    expect(second.key.childKeyOf(bsn)).toBe(first.key.childKeyOf(bsn));
    expect(second.key.childKeyOf('123456782')).not.toBe(first.key.childKeyOf(bsn));
  });

  it('another secret gives the same child another key; the key never shows its secret', () => {
    const a = loadRadarKey(join(dir, 'a.key')).key;
    const b = loadRadarKey(join(dir, 'b.key')).key;
    expect(a.childKeyOf('111222333')).not.toBe(b.childKeyOf('111222333'));
    expect(JSON.stringify({ a })).toBe('{"a":"[radar key]"}');
    expect(inspect(a)).toBe('RadarKey');
  });

  it('refuses, naming ZICHT_RADAR_KEY_FILE: a file others may read, a wrong length, a missing directory', () => {
    const file = join(dir, 'radar.key');
    writeFileSync(file, generateMasterKeyText(), { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => loadRadarKey(file)).toThrow(KeyFileError);
    expect(() => loadRadarKey(file)).toThrow(/^ZICHT_RADAR_KEY_FILE: .* may be read by other users \(mode 644\)/);
    writeFileSync(file, Buffer.alloc(16).toString('base64'), { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(() => loadRadarKey(file)).toThrow(/ZICHT_RADAR_KEY_FILE: must hold 32 bytes in base64 \(it holds 16\)/);
    expect(() => loadRadarKey(join(dir, 'missing', 'radar.key'))).toThrow(/ZICHT_RADAR_KEY_FILE: the directory of .* does not exist/);
  });
});
