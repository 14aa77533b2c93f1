// Architecture rules, checked by `npm run check:architecture` (part of `npm test`).
// See docs/operations.md ("Architecture rules").
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'case-domain-imports-nothing-of-ours',
      severity: 'error',
      comment: 'libs/case-domain is the pure decider: it imports no other lib, no app and no test code (its own specs may use the given/when/then helpers of libs/testing).',
      from: { path: '^libs/case-domain/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|test|libs/(?!case-domain/))' },
    },
    {
      name: 'case-domain-specs-stay-inside',
      severity: 'error',
      comment: 'The specs of libs/case-domain use the domain and the helpers of libs/testing, nothing else of ours.',
      from: { path: '^libs/case-domain/.+\\.spec\\.ts$' },
      to: { path: '^(apps|test|libs/(?!case-domain/|testing/))' },
    },
    {
      name: 'case-domain-no-framework',
      severity: 'error',
      comment: 'libs/case-domain knows nothing of Nest (or any other framework on the edge).',
      from: { path: '^libs/case-domain/' },
      to: { path: '(^|/)node_modules/(@nestjs|fastify|@fastify|class-validator|class-transformer|kysely|better-sqlite3|@eventstore|rxjs)/' },
    },
    {
      name: 'case-domain-no-io',
      severity: 'error',
      comment: 'libs/case-domain does no I/O: no file system, network, processes or timers of Node.',
      from: { path: '^libs/case-domain/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|child_process|cluster|worker_threads|tls|readline|timers|timers/promises)$' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      comment: 'A lib is used by the apps, never the other way round.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'production-code-never-imports-tests',
      severity: 'error',
      comment: 'Neither apps nor libs import test support (test/ or libs/testing), except from their own tests.',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(spec|int-spec|e2e-spec)\\.ts$', '\\.contract\\.ts$', '^libs/testing/'] },
      to: { path: '^(test/|libs/testing/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles, between libs or between files. Type-only imports are erased by the compiler and cannot form a cycle at run time (the read-model database type gathers every projection\'s table types, while each projection types its queries with it).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a typo or a missing dependency fails here, not at run time).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
