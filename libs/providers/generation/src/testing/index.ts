export * from './generation-provider.contract';
export * from './fake-generation-server';
