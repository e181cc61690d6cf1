import type { EventFilter } from '@billing/event-store';
import type { PayloadSchemas } from '@billing/messaging';

/**
 * What a handler is, said beside its pattern (the extras of `@MessagePattern` and
 * `@EventPattern`), so the transport knows how to deliver to it:
 * - `answers(Dto)`: a request/reply method; a request from outside the process is validated against `Dto`;
 * - `decides(Dto)`: a command on the service's command topic; its `data` is validated against `Dto`;
 * - `reactsTo(source)`: events from the service's own store or from other services' topics, in batches.
 */
export type HandlerRole =
  | { readonly role: 'rpc'; readonly dto: new () => object }
  | { readonly role: 'command'; readonly dto: new () => object }
  | { readonly role: 'reactor'; readonly source: ReactorSource };

export type ReactorSource =
  | { readonly kind: 'store'; readonly filter: EventFilter }
  | {
      readonly kind: 'bus';
      readonly topics: readonly string[];
      /**
       * Every event type the topics carry: a message of another type, or one that fails
       * its schema, is dead-lettered. Only the types in `handles` (all, when absent) reach
       * the handler; the others are valid and skipped by design.
       */
      readonly schemas: PayloadSchemas<Record<string, object>>;
      readonly handles?: readonly string[];
    };

export const answers = (dto: new () => object): HandlerRole => ({ role: 'rpc', dto });
export const decides = (dto: new () => object): HandlerRole => ({ role: 'command', dto });
export const reactsTo = (source: ReactorSource): HandlerRole => ({ role: 'reactor', source });
