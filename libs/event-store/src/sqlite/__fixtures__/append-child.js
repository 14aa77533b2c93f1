// A second process for the SQLite int tests: appends `count` one-event commits to `streamId` in the
// database `file` through SqliteEventStore, printing "acked <revision>" after each acknowledged
// append. Usage: node append-child.js <file> <streamId> <count> [FULL|NORMAL]
// Loads the TypeScript sources with a tiny transpile-only hook (ts-node is not installed).
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};

const { SqliteEventStore } = require('../sqlite-event-store.ts');

async function main() {
  const [file, streamId, count, synchronous] = process.argv.slice(2);
  const store = new SqliteEventStore({ file, synchronous: synchronous === 'NORMAL' ? 'NORMAL' : 'FULL' });
  let revision = await store.streamRevision(streamId);
  for (let i = 0; i < Number(count); i++) {
    const result = await store.appendToStream(
      streamId,
      [
        {
          type: 'signal',
          data: { n: i, pid: process.pid },
          metadata: {
            eventId: `child-${process.pid}-${i}`,
            actor: { id: 'child', role: 'professional', organisation: 'org-child' },
            occurredAt: new Date().toISOString(),
            correlationId: 'child',
            causationId: 'child',
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: revision === null ? 'no-stream' : revision },
    );
    revision = result.nextExpectedRevision;
    process.stdout.write(`acked ${revision}\n`);
  }
  await store.close();
}

main().catch((error) => {
  process.stderr.write(`append-child failed: ${error && error.message}\n`);
  process.exit(1);
});
