import { inspect } from 'node:util';
import { MasterKey, MasterKeyError, WrappedKeyError, generateMasterKeyText, masterKeySourceFromEnv } from './master-key';
import { newDataKey } from './key-store/wrapped-key-store';

const CASE_A = '00000000-0000-4000-8000-00000000000a';
const CASE_B = '00000000-0000-4000-8000-00000000000b';
const master = () => MasterKey.fromBase64(generateMasterKeyText(), 'test');

describe('MasterKey', () => {
  it('wraps and unwraps a data key for its case', () => {
    const m = master();
    const key = newDataKey();
    const wrapped = m.wrap(CASE_A, key);
    expect(wrapped).toHaveLength(61);
    expect(wrapped.includes(key.export())).toBe(false);
    expect(m.unwrap(CASE_A, wrapped).export()).toEqual(key.export());
    expect(m.wrap(CASE_A, key)).not.toEqual(wrapped); // a fresh IV every time
  });

  it('refuses a wrapped key of another case, under another master key, or with a changed byte', () => {
    const m = master();
    const wrapped = m.wrap(CASE_A, newDataKey());
    expect(() => m.unwrap(CASE_B, wrapped)).toThrow(WrappedKeyError);
    expect(() => master().unwrap(CASE_A, wrapped)).toThrow(WrappedKeyError);
    for (let i = 0; i < wrapped.length; i++) {
      const changed = Buffer.from(wrapped);
      changed[i] ^= 0x80;
      expect(() => m.unwrap(CASE_A, changed)).toThrow(WrappedKeyError);
    }
    expect(() => m.unwrap(CASE_A, wrapped.subarray(1))).toThrow(WrappedKeyError);
  });

  it('has a stable check value per key that tells keys apart', () => {
    const text = generateMasterKeyText();
    expect(MasterKey.fromBase64(text, 't').checkValue).toBe(MasterKey.fromBase64(text, 't').checkValue);
    expect(MasterKey.fromBase64(text, 't').checkValue).toMatch(/^[0-9a-f]{32}$/);
    expect(master().checkValue).not.toBe(MasterKey.fromBase64(text, 't').checkValue);
    // base64url of the same bytes is the same key
    const url = Buffer.from(text, 'base64').toString('base64url');
    expect(MasterKey.fromBase64(url, 't').checkValue).toBe(MasterKey.fromBase64(text, 't').checkValue);
  });

  it('refuses text that is not 32 bytes of base64, naming the setting and never the value', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    expect(() => MasterKey.fromBase64(short, 'ZICHT_MASTER_KEY')).toThrow(new MasterKeyError('ZICHT_MASTER_KEY', 'must hold 32 bytes in base64 (it holds 16)'));
    expect(() => MasterKey.fromBase64('not base64!', 'ZICHT_MASTER_KEY')).toThrow(/ZICHT_MASTER_KEY: is not base64 text/);
    try {
      MasterKey.fromBase64(short, 'ZICHT_MASTER_KEY');
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
  });

  it('never prints or serialises key material', () => {
    const text = generateMasterKeyText();
    const m = MasterKey.fromBase64(text, 't');
    expect(JSON.stringify({ m })).toBe('{"m":"[master key]"}');
    expect(inspect(m)).toBe(`MasterKey(check ${m.checkValue})`);
    expect(JSON.stringify({ k: newDataKey() })).toBe('{"k":{}}');
    expect(inspect(newDataKey())).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe('masterKeySourceFromEnv', () => {
  it('defaults to <data dir>/master.key, resolves a relative file, takes a value from the environment', () => {
    expect(masterKeySourceFromEnv({}, '/srv/zicht/data')).toEqual({ file: '/srv/zicht/data/master.key' });
    expect(masterKeySourceFromEnv({ ZICHT_MASTER_KEY_FILE: 'keys/m.key' }, '/d', '/opt/zicht')).toEqual({ file: '/opt/zicht/keys/m.key' });
    expect(masterKeySourceFromEnv({ ZICHT_MASTER_KEY: ' abc ' }, '/d')).toEqual({ value: 'abc', file: '/d/master.key' });
  });

  it('refuses both at once', () => {
    expect(() => masterKeySourceFromEnv({ ZICHT_MASTER_KEY: 'a', ZICHT_MASTER_KEY_FILE: '/k' }, '/d')).toThrow(/either ZICHT_MASTER_KEY or ZICHT_MASTER_KEY_FILE, not both/);
  });
});
