// Shared Jest settings: SWC transforms TypeScript (with decorator metadata for
// class-validator and NestJS), and tsconfig path aliases become module mappings.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths ?? {}).map(([alias, [target]]) => [
    `^${alias.replace('*', '(.*)')}$`,
    path.join(__dirname, target.replace('*', '$1')),
  ]),
);

// Packages that ship only ES modules: SWC turns them into CommonJS like our own files.
const esmOnly = ['jose', '@nestjs', 'cookie', 'path-to-regexp'];
const esmOnlyPath = `/node_modules/(${esmOnly.join('|')})/`;

module.exports = {
  testEnvironment: 'node',
  // Int and e2e tests touch real disks, sockets and brokers on a shared 2-core machine:
  // Jest's 5 s default fails them under load before their own waits (15-30 s) do.
  testTimeout: 30_000,
  transform: {
    [`${esmOnlyPath}.+\\.js$`]: ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Each file is judged by the package it belongs to: the last node_modules in its path.
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)(?!.*/node_modules/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
};
