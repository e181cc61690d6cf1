import {
  type Deciding,
  WalletCommands,
  type ChargeReservation,
  type ExpireGrant,
  type ExpireReservation,
  type FreezePurchasedCredits,
  type GrantCredits,
  type PurchaseCredits,
  type RefundCredits,
  type ReleaseReservation,
  type ReserveCredits,
  type RevokePurchasedCredits,
  type UnfreezePurchasedCredits,
  type WalletCommand,
} from '@billing/contracts';
import { type CommandOutcome, type CommandTarget, decides } from '@billing/service-host';
import { parseWalletStream } from '@billing/wallet-read-model';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { WALLET_COMMAND_PAYLOADS } from './wallet-command-payloads';
import { WalletCommandQueue } from './wallet-command-queue';

/**
 * Every wallet command, from the command topic or handed over in process: each is decided
 * on the wallet stream its target names, in the command queue (one append per batch per
 * wallet). A command off the bus has had its `data` validated against its payload class.
 */
@Controller()
export class WalletCommandsController implements Deciding<typeof WalletCommands, CommandTarget, CommandOutcome> {
  constructor(@Inject(WalletCommandQueue) private readonly queue: WalletCommandQueue) {}

  @MessagePattern(WalletCommands.purchaseCredits, decides(WALLET_COMMAND_PAYLOADS.PurchaseCredits))
  purchaseCredits(@Payload() command: PurchaseCredits, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.grantCredits, decides(WALLET_COMMAND_PAYLOADS.GrantCredits))
  grantCredits(@Payload() command: GrantCredits, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.reserveCredits, decides(WALLET_COMMAND_PAYLOADS.ReserveCredits))
  reserveCredits(@Payload() command: ReserveCredits, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.chargeReservation, decides(WALLET_COMMAND_PAYLOADS.ChargeReservation))
  chargeReservation(@Payload() command: ChargeReservation, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.releaseReservation, decides(WALLET_COMMAND_PAYLOADS.ReleaseReservation))
  releaseReservation(@Payload() command: ReleaseReservation, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.expireReservation, decides(WALLET_COMMAND_PAYLOADS.ExpireReservation))
  expireReservation(@Payload() command: ExpireReservation, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.expireGrant, decides(WALLET_COMMAND_PAYLOADS.ExpireGrant))
  expireGrant(@Payload() command: ExpireGrant, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.refundCredits, decides(WALLET_COMMAND_PAYLOADS.RefundCredits))
  refundCredits(@Payload() command: RefundCredits, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.revokePurchasedCredits, decides(WALLET_COMMAND_PAYLOADS.RevokePurchasedCredits))
  revokePurchasedCredits(@Payload() command: RevokePurchasedCredits, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.freezePurchasedCredits, decides(WALLET_COMMAND_PAYLOADS.FreezePurchasedCredits))
  freezePurchasedCredits(@Payload() command: FreezePurchasedCredits, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  @MessagePattern(WalletCommands.unfreezePurchasedCredits, decides(WALLET_COMMAND_PAYLOADS.UnfreezePurchasedCredits))
  unfreezePurchasedCredits(@Payload() command: UnfreezePurchasedCredits, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.decide(command, target);
  }

  private decide(command: WalletCommand, target: CommandTarget): Promise<CommandOutcome> {
    const wallet = parseWalletStream(target.streamName);
    if (!wallet) return Promise.resolve(refused('not_a_wallet_stream', `${target.streamName} is not a wallet stream (wallet-<accountId>-<pool>)`));
    if (wallet.accountId !== target.accountId) {
      return Promise.resolve(refused('account_mismatch', `${target.streamName} does not belong to account ${target.accountId}`));
    }
    return this.queue.handle(target.streamName, command);
  }
}

const refused = (code: string, message: string): CommandOutcome => ({ kind: 'refused', code, message });
