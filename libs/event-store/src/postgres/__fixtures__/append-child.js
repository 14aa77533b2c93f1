// A second process for the PostgreSQL int tests: after "go" on stdin, appends `count` one-event
// commits round-robin to the given streams through PostgresEventStore, each with the expected
// revision it has just read; prints "acked <stream> <revision> <eventId>" for each acknowledged
// append and "conflict" for each one the database refused (then re-reads and tries again).
// Usage: node append-child.js <connectionString> <schema> <stream,stream,...> <count>
// Loads the TypeScript sources with a tiny transpile-only hook (ts-node is not installed).
'use strict';
const fs = require('node:fs');
const { randomUUID } = require('node:crypto');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};

const { PostgresEventStore } = require('../postgres-event-store.ts');
const { WrongExpectedRevisionError } = require('../../port.ts');

async function main() {
  const [connectionString, schema, streamList, count] = process.argv.slice(2);
  const streams = streamList.split(',');
  const store = new PostgresEventStore({ connectionString, schema, poolSize: 2 });
  await store.ready();
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  for (let i = 0; i < Number(count); i++) {
    const streamId = streams[i % streams.length];
    for (;;) {
      const revision = await store.streamRevision(streamId);
      const eventId = randomUUID();
      try {
        const result = await store.appendToStream(
          streamId,
          [
            {
              type: 'signal',
              data: { n: i, pid: process.pid },
              metadata: { eventId, actor: { id: 'child', role: 'professional', organisation: 'org-child' }, occurredAt: new Date().toISOString(), correlationId: 'child', causationId: 'child', schemaVersion: 1 },
            },
          ],
          { expectedRevision: revision === null ? 'no-stream' : revision },
        );
        process.stdout.write(`acked ${streamId} ${result.nextExpectedRevision} ${eventId}\n`);
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        process.stdout.write('conflict\n');
      }
    }
  }
  await store.close();
}

main().catch((error) => {
  process.stderr.write(`append-child failed: ${error && error.message}\n`);
  process.exit(1);
});
