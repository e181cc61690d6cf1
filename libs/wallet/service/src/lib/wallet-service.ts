import { SERVICES, type WalletPeriodUnit } from '@billing/contracts';
import { type EventStore, logRunnerFailures, ProjectionRunner } from '@billing/event-store';
import { walletRoute } from '@billing/messaging';
import type { ServiceFactory, ServiceModule } from '@billing/service-host';
import { type DynamicModule, Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { balancesProjection, expiryIndexProjection, ledgerProjection } from '@billing/wallet-read-model';
import { expirySweeps } from './expiry-sweeps';
import { WalletCommandQueue } from './wallet-command-queue';
import { WalletCommandsController } from './wallet-commands-controller';
import { WALLET_DB, WALLET_READ_MODELS, WalletController } from './wallet-controller';
import type { WalletReadModels } from './wallet-rpc';

export const WALLET_SERVICE = SERVICES.wallet;

export interface WalletServiceOptions {
  /** Partitions of `billing.wallet.v1` when the relay creates it (default 8). */
  readonly partitions?: number;
  /** How often the expiry sweepers run (default every second; they take the time from the clock). */
  readonly sweepEveryMillis?: number;
  /** The process's monotonic clock in milliseconds, which paces the sweepers' time (default `performance.now`; tests move it by hand). */
  readonly monotonic?: () => number;
  /** Most commands for one wallet decided into one append (default 500). */
  readonly maxCommandsPerAppend?: number;
  /** How long a read waits for the read models to catch up before answering anyway (default 5 s). */
  readonly readYourWritesMillis?: number;
  /** The accounting period of a wallet's books, one stream each (default a UTC calendar month). */
  readonly period?: WalletPeriodUnit;
}

/**
 * The wallet: one stream per (account, pool) and accounting period, every wallet command on its command topic,
 * balances, ledger and expiry indexes projected from its own store into its database,
 * and the sweepers that end lapsed holds and expired grants.
 */
export function createWalletService(options: WalletServiceOptions = {}): ServiceFactory {
  return (context): ServiceModule => {
    const { store, db } = context;
    // One runner for the three read models: one read of each event, one transaction per batch.
    const runners = [
      new ProjectionRunner({
        store,
        db,
        projection: [balancesProjection(), ledgerProjection(), expiryIndexProjection()],
        onFailure: logRunnerFailures(context.logger, 'wallet-read-models'),
      }),
    ];
    for (const runner of runners) runner.start();
    const caughtUp = () => readModelsCaughtUp(store, runners, options.readYourWritesMillis ?? 5_000);
    const changed = (millis: number) => readModelsChanged(runners, millis);
    const queue = new WalletCommandQueue({
      store,
      newEventId: context.newId,
      ...(options.period ? { period: options.period } : {}),
      ...(options.maxCommandsPerAppend ? { maxBatch: options.maxCommandsPerAppend } : {}),
    });
    return {
      name: WALLET_SERVICE,
      module: WalletModule.of(db, { caughtUp, changed }, queue),
      publishes: [walletRoute(options.partitions ?? 8)],
      jobs: expirySweeps({ queue, db, caughtUp, logger: context.logger, everyMillis: options.sweepEveryMillis ?? 1_000, monotonic: options.monotonic ?? (() => performance.now()) }),
      close: async () => {
        for (const runner of runners) await runner.stop();
      },
    };
  };
}

/** The wallet as a NestJS module: its requests and its commands, over its database, read models and command queue. */
@Module({})
export class WalletModule {
  static of(db: Database.Database, readModels: WalletReadModels, queue: WalletCommandQueue): DynamicModule {
    return {
      module: WalletModule,
      controllers: [WalletController, WalletCommandsController],
      providers: [
        { provide: WALLET_DB, useValue: db },
        { provide: WALLET_READ_MODELS, useValue: readModels },
        { provide: WalletCommandQueue, useValue: queue },
      ],
    };
  }
}

/**
 * Every read model has applied what the store held when called, or `maxWaitMillis`
 * passed (a store shared with other categories may end on an event they never see).
 */
async function readModelsCaughtUp(store: EventStore, runners: readonly ProjectionRunner[], maxWaitMillis: number): Promise<void> {
  const head = await store.headPosition();
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMillis)));
  try {
    await Promise.race([Promise.all(runners.map((runner) => runner.waitFor(head))), waited]);
  } finally {
    clearTimeout(timer);
  }
}

/** Some read model applied an event past where it stood, or `millis` passed (a failed runner counts as waited). */
async function readModelsChanged(runners: readonly ProjectionRunner[], millis: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, millis)));
  try {
    await Promise.race([...runners.map((runner) => runner.waitFor(runner.checkpoint() + 1).catch(() => waited)), waited]);
  } finally {
    clearTimeout(timer);
  }
}
