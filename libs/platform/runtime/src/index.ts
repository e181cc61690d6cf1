export * from './lib/service-catalog';
export * from './lib/platform-runtime';
export * from './lib/nest/service-host.module';
export * from './lib/run-platform';
export * from './lib/main-of';
export * from './lib/distributed/service-processes';
export * from './lib/distributed/gateway-process';
export * from './lib/start-retrying';
