export * from './lib/wallet-stream';
export * from './lib/balance-effects';
export * from './lib/balances-projection';
export * from './lib/ledger-entry';
export * from './lib/ledger-projection';
export * from './lib/expiry-index-projection';
export * from './lib/recorded-wallet-event';
