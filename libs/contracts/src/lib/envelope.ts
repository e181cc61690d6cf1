/** Instants are whole milliseconds since the Unix epoch, UTC. Time is always an input. */
export type EpochMillis = number;

/** Where a message came from: which request started it and which message caused it. */
export interface Trace {
  readonly correlationId?: string;
  readonly causationId?: string;
  /** W3C trace context of the span that produced the message, so what follows continues its trace. */
  readonly traceparent?: string;
}

/** Every command names itself (its id is its idempotency key) and brings the time. */
export interface CommandMetadata extends Trace {
  readonly commandId: string;
  readonly now: EpochMillis;
}

export interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata: CommandMetadata;
}

/**
 * An event as a decider produces it. The event store adds the envelope
 * (event id, stream revision, global position, recorded-at, hash chain).
 */
export interface Event<Type extends string, Data> {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata?: Trace;
}

export type AnyEvent = Event<string, unknown>;

/**
 * A decider: pure functions over a stream's state. `decide` may throw the
 * context's own error type for an invalid request; a business refusal that others
 * react to is an event.
 */
export interface Decider<C, E, S> {
  readonly decide: (command: C, state: S) => readonly E[];
  readonly evolve: (state: S, event: E) => S;
  readonly initialState: S;
}
