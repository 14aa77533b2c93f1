import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirectoryInUseError, DataDirectoryLock, LOCK_FILE } from './data-dir-lock';

// Across processes (a second server, a CLI command, a restart after SIGKILL): test/reliability/data-dir-lock.e2e-spec.ts.
describe('DataDirectoryLock', () => {
  let dir: string;
  beforeEach(() => (dir = join(mkdtempSync(join(tmpdir(), 'zicht-lock-')), 'data')));
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('creates the directory and lets one owner hold it; a second is refused naming the first, until released', () => {
    const first = DataDirectoryLock.acquire(dir, 'server');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    let refused: unknown;
    try {
      DataDirectoryLock.acquire(dir, 'seed');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DataDirectoryInUseError);
    expect((refused as Error).message).toContain(`${dir} is in use by another zicht process (server, pid ${process.pid})`);
    expect((refused as Error).message).not.toContain('\n');
    first.release();
    DataDirectoryLock.acquire(dir, 'seed').release();
  });
});
