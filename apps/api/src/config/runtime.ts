import { readFileSync } from 'node:fs';

/**
 * Node 24.19 changed node::ObjectWrap (its destructor now removes an environment cleanup hook and
 * asserts that an environment is current). better-sqlite3 before 13 is compiled with that header
 * and aborts the process (SIGABRT) whenever the garbage collector finalises one of its statements
 * outside a JavaScript context: at start, after a write, at exit. better-sqlite3 13 fixes it, but
 * needs Node 22. So on Node 24.19 and later, with better-sqlite3 12, zicht refuses to start.
 */
export const FIRST_ABORTING_NODE = { major: 24, minor: 19 } as const;

function installedBetterSqlite3(): string {
  return (JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string }).version;
}

/** Why this Node cannot run zicht with the installed better-sqlite3, or null when it can. */
export function unsupportedRuntime(node: string = process.versions.node, betterSqlite3: string = installedBetterSqlite3()): string | null {
  const [major, minor] = node.split('.').map(Number);
  const aborts = major > FIRST_ABORTING_NODE.major || (major === FIRST_ABORTING_NODE.major && minor >= FIRST_ABORTING_NODE.minor);
  if (aborts && Number(betterSqlite3.split('.')[0]) < 13) {
    return `Node ${node} is not supported with better-sqlite3 ${betterSqlite3}, which aborts on Node ${FIRST_ABORTING_NODE.major}.${FIRST_ABORTING_NODE.minor} and later; use Node 20.10+, 22, or 24 up to 24.18`;
  }
  return null;
}
