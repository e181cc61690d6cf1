import nx from '@nx/eslint-plugin';

// Arrows point one way: app -> feature -> data-access -> domain -> contracts -> util.
// Domain libs are pure: no framework, transport, event store or database client,
// and no clock or randomness (time and ids arrive as data).
const infrastructure = [
  '@nestjs/*',
  'kafkajs',
  '@eventstore/*',
  'better-sqlite3',
  'pg',
  'mysql2',
  'sqlite3',
  'ioredis',
  'stripe',
  'jose',
  '@grpc/*',
  'fastify',
];

const layers = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:util'] },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'],
    bannedExternalImports: infrastructure,
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'], bannedExternalImports: infrastructure },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: infrastructure },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:pricing', onlyDependOnLibsWithTags: ['scope:pricing', 'scope:shared'] },
  { sourceTag: 'scope:wallet', onlyDependOnLibsWithTags: ['scope:wallet', 'scope:shared'] },
  { sourceTag: 'scope:purchase', onlyDependOnLibsWithTags: ['scope:purchase', 'scope:pricing', 'scope:shared'] },
  { sourceTag: 'scope:tasks', onlyDependOnLibsWithTags: ['scope:tasks', 'scope:pricing', 'scope:shared'] },
  { sourceTag: 'scope:webhooks', onlyDependOnLibsWithTags: ['scope:webhooks', 'scope:shared'] },
  // The gateway meets services only through RPC, commands and events (contracts, shared libs).
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:organisations', 'scope:shared'] },
  // Organisations (members, roles, invitations) are the gateway's to decide and finance's to verify.
  { sourceTag: 'scope:organisations', onlyDependOnLibsWithTags: ['scope:organisations', 'scope:shared'] },
  // Finance replays wallet streams read-only; it may read the wallet's rules, never write.
  { sourceTag: 'scope:finance', onlyDependOnLibsWithTags: ['scope:finance', 'scope:wallet', 'scope:organisations', 'scope:shared'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
];

// A service's feature meets another service only through contracts: outside its own scope
// it may use shared libs, domains and data access, never another scope's feature.
const featureIsolation = ['pricing', 'wallet', 'tasks', 'purchase', 'finance', 'gateway', 'webhooks'].map((scope) => ({
  allSourceTags: ['type:feature', `scope:${scope}`],
  onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared', 'type:domain', 'type:data-access'],
}));

const moduleBoundaries = (depConstraints) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/node_modules', '**/dist', '**/tmp', '**/.tools', '**/data', '**/reports', '**/coverage', '.nx/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries([...layers, ...featureIsolation]),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Test harnesses run other services beside the one under test, as the platform does.
    files: ['**/*.spec.ts', '**/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(layers) },
  },
  {
    // The pure core: nothing reads the clock or rolls dice.
    files: ['libs/*/domain/src/**/*.ts', 'libs/contracts/src/**/*.ts', 'libs/util/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is an input: take it from the command.' },
        { object: 'Math', property: 'random', message: 'Ids and randomness are inputs.' },
        { object: 'performance', property: 'now', message: 'Time is an input.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is an input: take it from the command.' },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'fetch', 'setTimeout', 'setInterval'],
    },
  },
];
