import 'reflect-metadata';
import {
  type ReservationAnswer,
  type ReserveCreditsCall,
  WALLET_EVENT_SCHEMA_VERSIONS,
  walletStreamName,
  type WalletCommand,
  type WalletEvent,
  WalletCommands,
  WalletRpc,
} from '@billing/contracts';
import { walletRoute } from '@billing/messaging';
import { answers, type CommandOutcome, type CommandTarget, decides, SERVICE_CONTEXT, type ServiceContext, type ServiceFactory } from '@billing/service-host';
import { Controller, Inject, Module } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { FakeWallet } from '@billing/tasks-domain/testing';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';

class ReserveCreditsData {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsInt() @Min(1) ttlMillis!: number;
  @IsOptional() @IsString() taskId?: string;
}

class ChargeReservationData {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(1) millicredits!: number;
}

class ReleaseReservationData {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsIn(['failed', 'cancelled', 'timed_out', 'rejected', 'partial_charge', 'other']) reason!: string;
}

class ExpireReservationData {
  @IsString() @IsNotEmpty() reservationId!: string;
}

class ReserveCreditsCallData extends ReserveCreditsData {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsString() @IsNotEmpty() commandId!: string;
  @IsInt() now!: number;
  @IsOptional() @IsString() correlationId?: string;
}

/**
 * The wallet's part, played for the task service's tests: it takes the wallet's commands
 * (and its `reserveCredits` method), decides with a small in-memory wallet per stream,
 * and writes the events the real wallet would into its own store, from which they reach
 * `billing.wallet.v1`. The task service cannot tell it from the real one.
 */
export class TestWallet {
  readonly wallets = new Map<string, FakeWallet>();
  readonly received: WalletCommand[] = [];
  readonly emitted: WalletEvent[] = [];
  /** Reservations asked for by request/reply, as they came. */
  readonly calls: ReserveCreditsCall[] = [];
  /**
   * What becomes of a reservation asked for by request/reply: answered; decided and written
   * but never answered (`answer`: the caller died first); or never taken (`call`: neither
   * the request nor a `ReserveCredits` command reaches the wallet, as when the caller died
   * before sending them).
   */
  lose: 'nothing' | 'answer' | 'call' = 'nothing';
  /** Answers are held back while paused (the commands wait in the topic). */
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => undefined;

  constructor(private readonly balances: Readonly<Record<string, number>> = {}) {}

  wallet(streamName: string): FakeWallet {
    let wallet = this.wallets.get(streamName);
    if (!wallet) {
      wallet = new FakeWallet(this.balances[streamName] ?? 0);
      this.wallets.set(streamName, wallet);
    }
    return wallet;
  }

  pause(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  resume(): void {
    this.openGate();
  }

  factory(partitions = 4): ServiceFactory {
    return (context) => ({
      name: 'wallet',
      module: {
        module: TestWalletModule,
        controllers: [TestWalletController],
        providers: [
          { provide: TestWallet, useValue: this },
          { provide: SERVICE_CONTEXT, useValue: context },
        ],
      },
      publishes: [walletRoute(partitions)],
    });
  }

  async decide(command: WalletCommand, target: CommandTarget, context: ServiceContext): Promise<CommandOutcome> {
    await this.gate;
    // Taken off the topic and never decided: as if it had not been sent.
    if (this.lose === 'call' && command.type === 'ReserveCredits') return { kind: 'applied', events: 0 };
    this.received.push(command);
    let events: readonly WalletEvent[];
    try {
      events = this.wallet(target.streamName).decide(command);
    } catch (error) {
      return { kind: 'refused', code: 'refused', message: (error as Error).message };
    }
    await this.write(context, target.streamName, events);
    return { kind: 'applied', events: events.length };
  }

  async reserve(call: ReserveCreditsCall, context: ServiceContext): Promise<ReservationAnswer> {
    await this.gate;
    if (this.lose === 'call') return never();
    this.calls.push(call);
    const { accountId, pool, commandId, now, correlationId, ...data } = call;
    const metadata = { commandId, now, ...(correlationId === undefined ? {} : { correlationId }) };
    const streamName = walletStreamName(accountId, pool);
    const { events, answer } = this.wallet(streamName).reserve({ type: 'ReserveCredits', data, metadata });
    await this.write(context, streamName, events);
    return this.lose === 'answer' ? never() : answer;
  }

  private async write(context: ServiceContext, streamName: string, events: readonly WalletEvent[]): Promise<void> {
    if (events.length === 0) return;
    await context.store.appendToStream(
      streamName,
      events.map((event) => ({ eventId: context.newId(), type: event.type, schemaVersion: WALLET_EVENT_SCHEMA_VERSIONS[event.type], data: event.data })),
      'any',
    );
    this.emitted.push(...events);
  }

  /** Millicredits charged per reservation, counted from the events the wallet wrote. */
  chargesByReservation(): Map<string, number[]> {
    const charges = new Map<string, number[]>();
    for (const event of this.emitted) {
      if (event.type !== 'CreditsCharged') continue;
      charges.set(event.data.reservationId, [...(charges.get(event.data.reservationId) ?? []), event.data.millicredits]);
    }
    return charges;
  }
}

/** An answer that never comes. */
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/** The test wallet's handlers: the real wallet's patterns, decided by the `TestWallet`. */
@Controller()
class TestWalletController {
  constructor(
    @Inject(TestWallet) private readonly wallet: TestWallet,
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
  ) {}

  @MessagePattern(WalletRpc.reserveCredits, answers(ReserveCreditsCallData))
  reserveCredits(@Payload() call: ReserveCreditsCall): Promise<ReservationAnswer> {
    return this.wallet.reserve(call, this.context);
  }

  @MessagePattern(WalletCommands.reserveCredits, decides(ReserveCreditsData))
  reserve(@Payload() command: WalletCommand, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.wallet.decide(command, target, this.context);
  }

  @MessagePattern(WalletCommands.chargeReservation, decides(ChargeReservationData))
  charge(@Payload() command: WalletCommand, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.wallet.decide(command, target, this.context);
  }

  @MessagePattern(WalletCommands.releaseReservation, decides(ReleaseReservationData))
  release(@Payload() command: WalletCommand, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.wallet.decide(command, target, this.context);
  }

  @MessagePattern(WalletCommands.expireReservation, decides(ExpireReservationData))
  expire(@Payload() command: WalletCommand, @Ctx() target: CommandTarget): Promise<CommandOutcome> {
    return this.wallet.decide(command, target, this.context);
  }
}

@Module({})
class TestWalletModule {}
