export * from './wallet-history';
export * from './wallet-platform';
export * from './audit-scenario';
