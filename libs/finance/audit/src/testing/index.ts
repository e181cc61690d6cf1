export * from './wallet-history';
