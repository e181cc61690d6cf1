// One Jest run, four tiers chosen by file suffix (DESIGN section 9).
// `npm test` selects unit, int and e2e; `npm run test:kafka` selects kafka, the
// specs that need a broker (named `*.kafka.int.spec.ts` / `*.kafka.e2e.spec.ts`).
const preset = require('./jest.preset.js');

const roots = ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'];
const notKafka = ['/node_modules/', '\\.kafka\\.'];
// The browser tier drives Debian's Chromium (`npm run test:browser`), so `npm test` never needs it.
const notKafkaNorBrowser = [...notKafka, '\\.browser\\.'];

/** @type {import('jest').Config} */
module.exports = {
  // A global option: Jest ignores it in a project's settings, so the preset's value is repeated here.
  testTimeout: preset.testTimeout,
  projects: [
    { ...preset, displayName: 'unit', roots, testMatch: ['**/*.unit.spec.ts'] },
    { ...preset, displayName: 'int', roots, testMatch: ['**/*.int.spec.ts'], testPathIgnorePatterns: notKafka },
    { ...preset, displayName: 'e2e', roots, testMatch: ['**/*.e2e.spec.ts'], testPathIgnorePatterns: notKafkaNorBrowser },
    { ...preset, displayName: 'browser', roots: ['<rootDir>/apps/dashboard'], testMatch: ['**/*.browser.e2e.spec.ts'] },
    {
      ...preset,
      displayName: 'kafka',
      roots,
      testMatch: ['**/*.kafka.int.spec.ts', '**/*.kafka.e2e.spec.ts'],
      // One broker for the tier: KAFKA_BROKERS, else testcontainers, else tools/kafka/broker.sh.
      globalSetup: '<rootDir>/libs/messaging/src/testing/global-setup.ts',
      globalTeardown: '<rootDir>/libs/messaging/src/testing/global-teardown.ts',
    },
  ],
};
