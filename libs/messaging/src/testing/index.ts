export * from './message-bus.contract';
export * from './balance-projection';
export * from './eventually';
export * from './wallet-fixtures';
