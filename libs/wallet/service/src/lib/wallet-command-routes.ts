import type { Command, WalletCommand } from '@billing/contracts';
import type { CommandOutcome, CommandRoute, CommandTarget } from '@billing/service-host';
import { parseWalletStream } from '@billing/wallet-read-model';
import { WALLET_COMMAND_PAYLOADS } from './wallet-command-payloads';
import type { WalletCommandQueue } from './wallet-command-queue';

/**
 * One route per wallet command type. The host has validated `data` against the type's
 * payload class before `handle` runs, so the command is the contract's command of that
 * type; the target stream says which wallet decides it.
 */
export function walletCommandRoutes(queue: WalletCommandQueue): CommandRoute[] {
  return (Object.keys(WALLET_COMMAND_PAYLOADS) as WalletCommand['type'][]).map((type) => ({
    type,
    dto: WALLET_COMMAND_PAYLOADS[type],
    handle: (command, target) => handleWalletCommand(queue, command, target),
  }));
}

export function handleWalletCommand(queue: WalletCommandQueue, command: Command<string, unknown>, target: CommandTarget): Promise<CommandOutcome> {
  const wallet = parseWalletStream(target.streamName);
  if (!wallet) return Promise.resolve(refused('not_a_wallet_stream', `${target.streamName} is not a wallet stream (wallet-<accountId>-<pool>)`));
  if (wallet.accountId !== target.accountId) {
    return Promise.resolve(refused('account_mismatch', `${target.streamName} does not belong to account ${target.accountId}`));
  }
  // Validated against WALLET_COMMAND_PAYLOADS[command.type] by the host: the cast lives here, once.
  return queue.handle(target.streamName, command as WalletCommand);
}

const refused = (code: string, message: string): CommandOutcome => ({ kind: 'refused', code, message });
