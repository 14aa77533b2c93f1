import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unsupportedRuntime } from './runtime';

describe('unsupportedRuntime', () => {
  it.each(['20.10.0', '20.20.2', '22.23.3', '24.0.0', '24.18.1'])('lets Node %s run better-sqlite3 12', (node) => {
    expect(unsupportedRuntime(node, '12.11.1')).toBeNull();
  });

  it.each(['24.19.0', '24.21.0', '26.1.0'])('refuses Node %s with better-sqlite3 12 in one line', (node) => {
    const reason = unsupportedRuntime(node, '12.11.1');
    expect(reason).toContain(`Node ${node} is not supported with better-sqlite3 12.11.1`);
    expect(reason).not.toContain('\n');
  });

  it('lets any of them run better-sqlite3 13', () => {
    expect(unsupportedRuntime('24.21.0', '13.2.0')).toBeNull();
  });

  it('agrees with the engines of package.json, and passes on this machine', () => {
    const engines = (JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=20.10 <24.19');
    expect(unsupportedRuntime()).toBeNull();
  });
});
