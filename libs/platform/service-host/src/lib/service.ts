import type Database from 'better-sqlite3';
import type { Command, EpochMillis } from '@billing/contracts';
import type { EventStore } from '@billing/event-store';
import type { MessageBus, RelayRoute } from '@billing/messaging';
import type { DynamicModule } from '@nestjs/common';
import type { ReactorSource } from './nest/handler-roles';
import type { RpcClient, RpcMethod } from './rpc';

/**
 * How a service is described to the host that runs it. A service (wallet, tasks,
 * purchase, pricing) is a factory from its context to a NestJS module; the host runs it
 * as a Nest microservice on the billing transport, embedded (every service in one
 * process, stores read directly) or distributed (Kafka, one process per service). There
 * is one code path.
 */
export type ServiceFactory = (context: ServiceContext) => ServiceModule | Promise<ServiceModule>;

/** A service as its factory builds it. */
export interface ServiceModule {
  readonly name: string;
  /**
   * Its controllers declare the handlers: `@MessagePattern(contract, answers(Dto))` for
   * requests, `@MessagePattern(command, decides(Dto))` for commands and
   * `@EventPattern(name, reactsTo(source))` for the events it reacts to.
   */
  readonly module: DynamicModule;
  /** The categories its store publishes, and where (the relay's routes). */
  readonly publishes: readonly RelayRoute[];
  /** Periodic work driven by the clock: sweepers, plan grants, timeouts. */
  readonly jobs?: readonly Job[];
  /** Called after the host stopped delivering to it. */
  readonly close?: () => Promise<void>;
}

export interface Clock {
  now(): EpochMillis;
}

/** Fields go beside the message; an error goes under `error` (its stack and causes are kept). */
export interface Logger {
  /** Optional, like debug: step by step, for following one piece of work. */
  trace?(message: string, fields?: Record<string, unknown>): void;
  /** Optional: what an operator needs only when looking for it (a message skipped by design). */
  debug?(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Optional: the process cannot go on. */
  fatal?(message: string, fields?: Record<string, unknown>): void;
}

/** What the host gives a service: its own store and database, the bus, and the outside world as inputs. */
export interface ServiceContext {
  readonly serviceName: string;
  /** The service's own event store (its ledger and its outbox). */
  readonly store: EventStore;
  /** The service's own SQLite database for read models, inboxes and checkpoints. */
  readonly db: Database.Database;
  readonly bus: MessageBus;
  readonly commands: CommandSender;
  readonly rpc: RpcClient;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly logger: Logger;
  /** Other instances of the service append to `store` too: what depends on all of it follows the store, not this process's appends. */
  readonly sharedStore?: boolean;
}

/** What the host runs: the module's handlers, found by the transport, and the rest of the service. */
export interface ServiceDefinition extends Omit<ServiceModule, 'module'> {
  /** Commands it accepts on its command topic (`commandTopicFor(name)`). */
  readonly commands?: readonly CommandRoute[];
  /** What it does when events happen (its own, or other services'). */
  readonly reactors?: readonly Reactor[];
  /** Request/reply methods other services and the gateway call. */
  readonly rpc?: readonly RpcMethod[];
}

/**
 * A command type the service handles. The payload is validated against `dto`
 * (class-validator) before `handle` sees it; an invalid or unparseable command goes to
 * the command topic's dead-letter topic with the reason. Handlers are idempotent by
 * command id (the deciders yield no events for a repeated command).
 */
export interface CommandRoute {
  readonly type: string;
  readonly dto: new () => object;
  readonly handle: (command: Command<string, unknown>, target: CommandTarget) => Promise<CommandOutcome>;
}

/**
 * Where a command goes: the stream it is decided on (e.g. `wallet-<account>-<pool>`)
 * and the account it belongs to (the partition key, so one account's commands stay in
 * order). On the wire: the `target-stream` and `account-id` headers.
 */
export interface CommandTarget {
  readonly accountId: string;
  readonly streamName: string;
}

export interface OutgoingCommand extends CommandTarget {
  readonly command: Command<string, unknown>;
}

/** A refusal is an outcome, not a failure: the message is done and the partition moves on. */
export type CommandOutcome =
  | { readonly kind: 'applied'; readonly events: number }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string };

/** Sends commands to a service's command topic, keyed by account id; resolves when the bus acknowledged them. */
export interface CommandSender {
  send(service: string, commands: readonly OutgoingCommand[]): Promise<void>;
}

/** An event as a reactor sees it, from its own store or from the bus. */
export interface ReactorEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly streamName: string;
  /** Its revision in `streamName`, for an event from the service's own store (a reaction may decide on a state known to be as new). */
  readonly revision?: number;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** The reactor's span for this event, under the event's trace: what the reaction sends continues it. */
  readonly traceparent?: string;
}

/**
 * Reacts to events at least once: from the service's own store (a checkpointed
 * catch-up subscription) or from other services' topics (a consumer group). The
 * checkpoint or offset moves only after `handle` resolved, so reactions must be
 * idempotent: derive command ids from the event.
 */
export interface Reactor {
  readonly name: string;
  readonly source: ReactorSource;
  readonly handle: (events: readonly ReactorEvent[]) => Promise<void>;
}

export interface Job {
  readonly name: string;
  readonly everyMillis: number;
  readonly run: (now: EpochMillis) => Promise<void>;
}

/** The injection token of a service's `ServiceContext` in its NestJS module. */
export const SERVICE_CONTEXT = Symbol('ServiceContext');
