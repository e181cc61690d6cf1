export * from './lib/platform-config';
export * from './lib/config-error';
