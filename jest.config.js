// Three tiers, told apart by suffix: *.spec.ts (unit), *.int-spec.ts (int), *.e2e-spec.ts (e2e); see the README's Tests.
// ts-jest transpiles file by file (isolatedModules in tsconfig.json); `npm test` type-checks once with tsc first.
const moduleNameMapper = {
  '^@zicht/case-domain$': '<rootDir>/libs/case-domain/src',
  '^@zicht/event-store$': '<rootDir>/libs/event-store/src',
  '^@zicht/privacy$': '<rootDir>/libs/privacy/src',
  '^@zicht/projections$': '<rootDir>/libs/projections/src',
  '^@zicht/testing$': '<rootDir>/libs/testing/src',
};
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
};
// The multi-node suite is nothing but PostgreSQL processes: without a server it has no test to register,
// which jest counts as a failed file, so it is left out then, and said so once. Not on CI (CI set),
// where the suite must run: there the file fails, naming what is missing.
const withoutPostgres = !process.env.ZICHT_TEST_DATABASE_URL && !process.env.CI;
if (withoutPostgres) {
  console.warn('Multi-node: skipped because ZICHT_TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres); it starts two api nodes and two projectors on PostgreSQL.');
}
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testPathIgnorePatterns: withoutPostgres ? ['/node_modules/', '/test/reliability/multi-node\\.e2e-spec\\.ts$'] : ['/node_modules/'] },
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
