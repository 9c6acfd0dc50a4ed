import { existsSync } from 'node:fs';

// Native ESM under Jest (the runtime dependencies jose, openid-client, connect-redis and eta ship ESM
// only). @swc/jest strips types without calling the TypeScript compiler, so the compiler version
// never constrains the tests; `npm run lint` does the type check.
const swc = ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }];

// Browser suites need Debian's Chromium: test/browser/, and the suites elsewhere named *.browser.test.ts
// (an Auth0 SDK that runs in a browser, in test/compat/). Without Chromium they are left out here,
// loudly, rather than collected as files with no test (which Jest counts as a failure);
// REQUIRE_BROWSER=1 (CI) keeps them in, so test/support/browser.ts fails them instead.
const CHROMIUM_PATH = '/usr/bin/chromium';
const skipBrowser = !existsSync(CHROMIUM_PATH) && process.env.REQUIRE_BROWSER !== '1';
if (skipBrowser) {
  console.warn(
    `\n!!! SKIPPED test/browser and *.browser.test.ts: no Chromium at ${CHROMIUM_PATH}. ` +
      'Install it (apt-get install -y chromium) to run the browser tests; REQUIRE_BROWSER=1 turns this into a failure.\n',
  );
}

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(skipBrowser ? ['<rootDir>/test/browser/', '\\.browser\\.test\\.ts$'] : [])],
  testTimeout: 30000,
  maxWorkers: 2,
  // A worker that grew past this between files is replaced: ESM test workers (vm modules) keep what
  // each file loaded, and a 2 GB worker takes longer to exit than Jest's 500 ms, which Jest reports
  // as "a worker process has failed to exit gracefully" though nothing was left open.
  workerIdleMemoryLimit: '700MB',
};
