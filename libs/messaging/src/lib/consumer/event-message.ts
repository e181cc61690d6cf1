import { EventHeader } from '../headers';
import { describeFieldErrors, fieldErrorsOf } from '../payload/field-errors';
import { validateDto } from '../payload/validate-dto';
import type { IncomingMessage } from '../port';

/** The payload class (class-validator decorators) and schema version a consumer accepts, per event type. */
export interface PayloadSchema<T extends object> {
  readonly schemaVersion: number;
  readonly dto: new () => T;
}

export type PayloadSchemas<M extends Record<string, object>> = { readonly [K in keyof M & string]: PayloadSchema<M[K]> };

/** A relayed event after parsing and validation: the type narrows `data`. */
export type EventMessage<M extends Record<string, object>> = {
  [K in keyof M & string]: {
    readonly eventId: string;
    readonly type: K;
    readonly schemaVersion: number;
    readonly data: M[K];
    readonly message: IncomingMessage;
  };
}[keyof M & string];

export type Decoded<M extends Record<string, object>> =
  | { readonly kind: 'event'; readonly event: EventMessage<M> }
  /** A type this consumer does not follow: committed past, no effect. */
  | { readonly kind: 'ignored' }
  /** Cannot be parsed or validated: dead-lettered with the reason. */
  | { readonly kind: 'rejected'; readonly reason: string };

export function decodeEventMessage<M extends Record<string, object>>(message: IncomingMessage, schemas: PayloadSchemas<M>): Decoded<M> {
  const eventId = message.headers[EventHeader.eventId];
  const type = message.headers[EventHeader.eventType];
  if (!eventId) return rejected(`missing header ${EventHeader.eventId}`);
  if (!type) return rejected(`missing header ${EventHeader.eventType}`);
  const schema = schemaOf(schemas, type);
  if (!schema) return { kind: 'ignored' };
  const schemaVersion = Number(message.headers[EventHeader.schemaVersion]);
  if (schemaVersion !== schema.schemaVersion) {
    return rejected(`unsupported ${EventHeader.schemaVersion} ${String(message.headers[EventHeader.schemaVersion])} for ${type} (expected ${schema.schemaVersion})`);
  }
  // From a store of this process: the producer's own typed value (validation is for what crosses the process's edge).
  if (message.payload !== undefined) return { kind: 'event', event: { eventId, type, schemaVersion, data: message.payload, message } as EventMessage<M> };
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return rejected(`unparseable payload: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return rejected('unparseable payload: not a JSON object');
  const validated = validateDto(schema.dto, json, { forbidUnknownValues: true });
  if (!validated.ok) return rejected(`invalid ${type}: ${describeFieldErrors(fieldErrorsOf(validated.errors))}`);
  const event = { eventId, type, schemaVersion, data: validated.value, message } as EventMessage<M>;
  return { kind: 'event', event };
}

const schemaOf = <M extends Record<string, object>>(schemas: PayloadSchemas<M>, type: string): PayloadSchema<object> | undefined =>
  Object.prototype.hasOwnProperty.call(schemas, type) ? (schemas as Record<string, PayloadSchema<object>>)[type] : undefined;

const rejected = (reason: string): { kind: 'rejected'; reason: string } => ({ kind: 'rejected', reason });
