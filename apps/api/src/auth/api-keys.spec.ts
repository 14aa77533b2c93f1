import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config';
import { ApiKeyRegistry, loadOrCreateApiKeys } from './api-keys';

const base = { id: 'p1', name: 'Invented Person', role: 'professional', organisation: 'org-a' };

describe('ApiKeyRegistry', () => {
  it('finds a principal by plain key and by SHA-256 digest', () => {
    const digest = createHash('sha256').update('another-secret-key-0002').digest('hex');
    const registry = ApiKeyRegistry.fromJson(
      { principals: [{ ...base, key: 'a-secret-key-00001' }, { ...base, id: 'p2', keySha256: digest }] },
      'test',
    );
    expect(registry.authenticate('a-secret-key-00001')?.id).toBe('p1');
    expect(registry.authenticate('another-secret-key-0002')?.id).toBe('p2');
    expect(registry.authenticate('a-secret-key-00002')).toBeNull();
    expect(registry.authenticate('')).toBeNull();
  });

  it.each([
    [{ principals: [] }, 'at least one'],
    [{ principals: [{ ...base }] }, 'exactly one of'],
    [{ principals: [{ ...base, key: 'k'.repeat(20), keySha256: 'a'.repeat(64) }] }, 'exactly one of'],
    [{ principals: [{ ...base, role: 'root', key: 'k'.repeat(20) }] }, 'role'],
    [{ principals: [{ ...base, keySha256: 'xyz' }] }, 'keySha256'],
    [{ principals: [{ ...base, role: 'veilig-thuis', key: 'k'.repeat(20) }] }, 'region'],
    [{ principals: [{ ...base, key: 'k'.repeat(20) }, { ...base, key: 'j'.repeat(20) }] }, 'used twice'],
  ])('refuses an invalid file %#', (json, problem) => {
    expect(() => ApiKeyRegistry.fromJson(json, 'keys.json')).toThrow(ConfigError);
    expect(() => ApiKeyRegistry.fromJson(json, 'keys.json')).toThrow(problem);
  });
});

describe('loadOrCreateApiKeys', () => {
  it('creates a private file with one working key per role when missing, and reuses it after', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zicht-keys-')), 'nested', 'api-keys.json');
    const first = loadOrCreateApiKeys(file, { createDirectory: true });
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { principals: { key: string; role: string }[] };
    expect(stored.principals.map((p) => p.role).sort()).toEqual(['admin', 'analyst', 'inspector', 'professional', 'veilig-thuis']);
    for (const p of stored.principals) expect(first.registry.authenticate(p.key)?.role).toBe(p.role);
    const second = loadOrCreateApiKeys(file);
    expect(second.created).toBe(false);
    expect(second.registry.authenticate(stored.principals[0].key)?.role).toBe(stored.principals[0].role);
  });

  it('refuses a path whose directory does not exist, and creates nothing', () => {
    const base = mkdtempSync(join(tmpdir(), 'zicht-keys-'));
    const file = join(base, 'sercrets', 'api-keys.json'); // a typo of an existing directory
    expect(() => loadOrCreateApiKeys(file)).toThrow(ConfigError);
    expect(() => loadOrCreateApiKeys(file)).toThrow(/ZICHT_API_KEYS_FILE .*sercrets does not exist/);
    expect(existsSync(join(base, 'sercrets'))).toBe(false);
  });

  it('creates the file in a directory that exists, even when the path was given', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zicht-keys-')), 'api-keys.json');
    expect(loadOrCreateApiKeys(file).created).toBe(true);
  });
});
