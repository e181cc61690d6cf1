import type Database from 'better-sqlite3';
import type { Command, EpochMillis } from '@billing/contracts';
import type { EventFilter, EventStore } from '@billing/event-store';
import type { MessageBus, PayloadSchemas, RelayRoute } from '@billing/messaging';
import type { RpcClient, RpcMethod } from './rpc';

/**
 * How a service is described to the host that runs it. A service (wallet, tasks,
 * purchase, pricing) is a factory from its context to a definition; the host runs the
 * same definition embedded (in-process bus, every service in one process) or
 * distributed (Kafka, one process per service). There is one code path.
 */
export type ServiceFactory = (context: ServiceContext) => ServiceDefinition | Promise<ServiceDefinition>;

export interface Clock {
  now(): EpochMillis;
}

export interface Logger {
  /** Optional: what an operator needs only when looking for it (a message skipped by design). */
  debug?(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
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
}

export interface ServiceDefinition {
  readonly name: string;
  /** The categories its store publishes, and where (the relay's routes). */
  readonly publishes: readonly RelayRoute[];
  /** Commands it accepts on its command topic (`commandTopicFor(name)`). */
  readonly commands?: readonly CommandRoute[];
  /** What it does when events happen (its own, or other services'). */
  readonly reactors?: readonly Reactor[];
  /** Request/reply methods other services and the gateway call. */
  readonly rpc?: readonly RpcMethod[];
  /** Periodic work driven by the clock: sweepers, plan grants, timeouts. */
  readonly jobs?: readonly Job[];
  /** Called after the host stopped everything above. */
  readonly close?: () => Promise<void>;
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
  readonly correlationId?: string;
  readonly causationId?: string;
}

/**
 * Reacts to events at least once: from the service's own store (a checkpointed
 * catch-up subscription) or from other services' topics (a consumer group). The
 * checkpoint or offset moves only after `handle` resolved, so reactions must be
 * idempotent: derive command ids from the event.
 */
export type Reactor =
  | {
      readonly name: string;
      readonly source: { readonly kind: 'store'; readonly filter: EventFilter };
      readonly handle: (events: readonly ReactorEvent[]) => Promise<void>;
    }
  | {
      readonly name: string;
      /**
       * `schemas` names every event type the topics carry: a message of another type, or one
       * that fails its schema, is dead-lettered. Only the types in `handles` (all, when
       * absent) reach `handle`; the others are valid and skipped by design.
       */
      readonly source: {
        readonly kind: 'bus';
        readonly topics: readonly string[];
        readonly schemas: PayloadSchemas<Record<string, object>>;
        readonly handles?: readonly string[];
      };
      readonly handle: (events: readonly ReactorEvent[]) => Promise<void>;
    };

export interface Job {
  readonly name: string;
  readonly everyMillis: number;
  readonly run: (now: EpochMillis) => Promise<void>;
}
