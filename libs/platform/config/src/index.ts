export * from './lib/platform-config';
export * from './lib/config-error';
export * from './lib/gateway-config';
export * from './lib/gateway-http-config';
