export * from './message-bus.contract';
export * from './balance-projection';
export * from './wallet-fixtures';
