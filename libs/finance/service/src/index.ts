export * from './lib/finance-service';
export * from './lib/finance-requests';
