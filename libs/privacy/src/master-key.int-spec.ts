import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKey, generateMasterKeyText, loadMasterKey, pendingFile } from './master-key';

describe('loadMasterKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zicht-master-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a missing key file once: 32 random bytes in base64, mode 0600, and reads the same key after', () => {
    const file = join(dir, 'master.key');
    const first = loadMasterKey({ file });
    expect(first).toMatchObject({ source: 'file', file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    const second = loadMasterKey({ file });
    expect(second.created).toBe(false);
    expect(second.key.checkValue).toBe(first.key.checkValue);
    expect(readdirSync(dir)).toEqual(['master.key']); // no temporary file left behind
  });

  it('never makes a new key when the directory does not exist', () => {
    const file = join(dir, 'missing', 'master.key');
    expect(() => loadMasterKey({ file })).toThrow(/ZICHT_MASTER_KEY_FILE: the directory of .* does not exist/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('refuses a key file others may read, and one that is not 32 bytes of base64', () => {
    const file = join(dir, 'master.key');
    writeFileSync(file, generateMasterKeyText(), { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(() => loadMasterKey({ file })).toThrow(/may be read by other users \(mode 644\); make it 600/);
    writeFileSync(file, Buffer.alloc(31).toString('base64'), { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(() => loadMasterKey({ file })).toThrow(/ZICHT_MASTER_KEY_FILE: must hold 32 bytes in base64 \(it holds 31\)/);
  });

  it('takes the key from the environment without touching the file', () => {
    const text = generateMasterKeyText();
    const file = join(dir, 'master.key');
    const loaded = loadMasterKey({ value: text, file });
    expect(loaded).toMatchObject({ source: 'environment', created: false });
    expect(loaded.key.checkValue).toBe(MasterKey.fromBase64(text, 't').checkValue);
    expect(existsSync(file)).toBe(false);
  });

  it('reports the key of an unfinished rotation as pending', () => {
    const file = join(dir, 'master.key');
    loadMasterKey({ file });
    const next = generateMasterKeyText();
    writeFileSync(pendingFile(file), next, { mode: 0o600 });
    expect(loadMasterKey({ file }).pending?.checkValue).toBe(MasterKey.fromBase64(next, 't').checkValue);
  });
});
