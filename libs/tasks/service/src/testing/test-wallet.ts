import 'reflect-metadata';
import { WALLET_EVENT_SCHEMA_VERSIONS, type WalletCommand, type WalletEvent } from '@billing/contracts';
import { walletRoute } from '@billing/messaging';
import type { CommandOutcome, CommandRoute, ServiceFactory } from '@billing/service-host';
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

/**
 * The wallet's part, played for the task service's tests: it reads the wallet command
 * topic, decides with a small in-memory wallet per stream, and writes the events the real
 * wallet would into its own store, from which the host's relay publishes them on
 * `billing.wallet.v1`. The task service cannot tell it from the real one.
 */
export class TestWallet {
  readonly wallets = new Map<string, FakeWallet>();
  readonly received: WalletCommand[] = [];
  readonly emitted: WalletEvent[] = [];
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
    return (context) => {
      const route = (type: WalletCommand['type'], dto: new () => object): CommandRoute => ({
        type,
        dto,
        handle: async (command, target): Promise<CommandOutcome> => {
          await this.gate;
          const walletCommand = command as WalletCommand;
          this.received.push(walletCommand);
          let events: readonly WalletEvent[];
          try {
            events = this.wallet(target.streamName).decide(walletCommand);
          } catch (error) {
            return { kind: 'refused', code: 'refused', message: (error as Error).message };
          }
          if (events.length === 0) return { kind: 'applied', events: 0 };
          await context.store.appendToStream(
            target.streamName,
            events.map((event) => ({ eventId: context.newId(), type: event.type, schemaVersion: WALLET_EVENT_SCHEMA_VERSIONS[event.type], data: event.data })),
            'any',
          );
          this.emitted.push(...events);
          return { kind: 'applied', events: events.length };
        },
      });
      return {
        name: 'wallet',
        publishes: [walletRoute(partitions)],
        commands: [
          route('ReserveCredits', ReserveCreditsData),
          route('ChargeReservation', ChargeReservationData),
          route('ReleaseReservation', ReleaseReservationData),
          route('ExpireReservation', ExpireReservationData),
        ],
      };
    };
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
