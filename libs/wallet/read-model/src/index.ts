export * from './lib/wallet-stream';
export * from './lib/balance-effects';
export * from './lib/balances-projection';
