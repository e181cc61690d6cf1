export * from './lib/service';
export * from './lib/rpc';
export * from './lib/topics';
