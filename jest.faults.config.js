// The fault suite (npm run test:faults): minutes long and it starts its own PostgreSQL, Redis and app
// processes, so it is a separate Jest config rather than part of `npm test`.
export default {
  testTimeout: 420000,
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.tsx?$': ['ts-jest', { useESM: true }] },
  testEnvironment: 'node',
  testEnvironmentOptions: { globalsCleanup: 'off' },
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/*.fault-spec.ts'],
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
};
