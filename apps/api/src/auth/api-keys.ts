import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ROLES as CASE_ROLES } from '@zicht/case-domain';
import type { Principal, Role } from '@zicht/case-domain';
import { ConfigError } from '../config/config';

const ROLES: readonly Role[] = CASE_ROLES;
const REGION = /^VR(0[1-9]|1\d|2[0-5])$/;

interface KeyEntry {
  digest: Buffer;
  principal: Principal;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The principals allowed to use the API, by key. Keys are held only as SHA-256 digests and compared
 * in constant time against every entry, so neither timing nor an early exit tells which key is near.
 */
export class ApiKeyRegistry {
  private constructor(private readonly entries: KeyEntry[]) {}

  static fromJson(json: unknown, source: string): ApiKeyRegistry {
    const fail = (problem: string): never => {
      throw new ConfigError('ZICHT_API_KEYS_FILE', `${source}: ${problem}`);
    };
    const list = (json as { principals?: unknown })?.principals;
    if (!Array.isArray(list) || list.length === 0) fail('must hold { "principals": [ ... ] } with at least one principal');
    const seen = new Set<string>();
    const entries = (list as Record<string, unknown>[]).map((p, i): KeyEntry => {
      const at = `principals[${i}]`;
      if (typeof p !== 'object' || p === null) fail(`${at} must be an object`);
      for (const field of ['id', 'name', 'organisation'] as const) {
        if (typeof p[field] !== 'string' || (p[field] as string).trim() === '') fail(`${at}.${field} must be a non-empty string`);
      }
      if (!ROLES.includes(p.role as Role)) fail(`${at}.role must be one of ${ROLES.join(', ')}`);
      if (seen.has(p.id as string)) fail(`${at}.id "${String(p.id)}" is used twice`);
      seen.add(p.id as string);
      const hasKey = typeof p.key === 'string';
      const hasDigest = typeof p.keySha256 === 'string';
      if (hasKey === hasDigest) fail(`${at} needs exactly one of "key" or "keySha256"`);
      if (hasKey && (p.key as string).length < 16) fail(`${at}.key must be at least 16 characters`);
      if (hasDigest && !/^[0-9a-f]{64}$/i.test(p.keySha256 as string)) fail(`${at}.keySha256 must be 64 hexadecimal characters`);
      if (p.role === 'veilig-thuis' && !REGION.test(String(p.region))) fail(`${at}.region must be a Veilig Thuis region VR01..VR25 for role veilig-thuis`);
      if (p.region !== undefined && !REGION.test(String(p.region))) fail(`${at}.region must be VR01..VR25`);
      const qualifications = p.qualifications ?? [];
      if (!Array.isArray(qualifications) || qualifications.some((q) => typeof q !== 'string')) fail(`${at}.qualifications must be a list of strings`);
      return {
        digest: hasKey ? sha256(p.key as string) : Buffer.from(p.keySha256 as string, 'hex'),
        principal: {
          id: p.id as string,
          name: p.name as string,
          role: p.role as Role,
          organisation: p.organisation as string,
          ...(typeof p.beroepsgroep === 'string' ? { beroepsgroep: p.beroepsgroep } : {}),
          ...(typeof p.region === 'string' ? { region: p.region } : {}),
          qualifications: qualifications as string[],
        },
      };
    });
    return new ApiKeyRegistry(entries);
  }

  /** The principal holding this key, or null. Always compares against every entry. */
  authenticate(key: string): Principal | null {
    const digest = sha256(key);
    let found: Principal | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(digest, entry.digest) && found === null) found = entry.principal;
    }
    return found;
  }

  get size(): number {
    return this.entries.length;
  }
}

export interface LoadedKeys {
  registry: ApiKeyRegistry;
  file: string;
  created: boolean;
}

/** An invented default principal per role, so that a fresh install can be tried at once. */
function defaultPrincipals(): Record<string, unknown>[] {
  const key = () => `zk_${randomBytes(24).toString('base64url')}`;
  return [
    { key: key(), id: 'professional-1', name: 'Professional (invented school)', role: 'professional', organisation: 'obs-de-linde', beroepsgroep: 'onderwijs', qualifications: ['child-interviewer'] },
    { key: key(), id: 'veilig-thuis-1', name: 'Veilig Thuis staff (region VR13)', role: 'veilig-thuis', organisation: 'veilig-thuis-vr13', region: 'VR13', qualifications: ['child-interviewer'] },
    { key: key(), id: 'inspector-1', name: 'Inspector', role: 'inspector', organisation: 'inspectie' },
    { key: key(), id: 'analyst-1', name: 'Analyst', role: 'analyst', organisation: 'analytics' },
    { key: key(), id: 'admin-1', name: 'Administrator', role: 'admin', organisation: 'operations' },
  ];
}

export interface LoadKeysOptions {
  /**
   * Create the file's directory when it is missing (the default place, inside the data directory).
   * Off for a path the operator gave: a directory that does not exist is a typo, not a new key set.
   */
  createDirectory?: boolean;
}

/** Loads the keys file, creating it (mode 0600, one random key per role) when it is missing. */
export function loadOrCreateApiKeys(file: string, options: LoadKeysOptions = {}): LoadedKeys {
  let created = false;
  if (!existsSync(file)) {
    const directory = dirname(file);
    if (!existsSync(directory)) {
      if (!options.createDirectory) throw new ConfigError('ZICHT_API_KEYS_FILE', `${file}: the directory ${directory} does not exist (check the path; nothing was created)`);
      mkdirSync(directory, { recursive: true });
    }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ principals: defaultPrincipals() }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
    created = true;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError('ZICHT_API_KEYS_FILE', `${file}: cannot be read as JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return { registry: ApiKeyRegistry.fromJson(json, file), file, created };
}
