export * from './lib/wallet-service';
export * from './lib/wallet-rpc';
export * from './lib/wallet-command-payloads';
export { WalletCommandQueue, type WalletCommandQueueOptions } from './lib/wallet-command-queue';
