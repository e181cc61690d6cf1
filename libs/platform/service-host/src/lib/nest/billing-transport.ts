import 'reflect-metadata';
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom, type Observable, throwError } from 'rxjs';
import type { RpcMethod } from '../rpc';
import type { CommandOutcome, CommandRoute, CommandTarget, Reactor, ReactorEvent } from '../service';
import type { HandlerRole } from './handler-roles';

/** A service's handlers as the host delivers to them: found by the transport among the module's controllers. */
export interface ServiceHandlers {
  readonly rpc: readonly RpcMethod[];
  readonly commands: readonly CommandRoute[];
  readonly reactors: readonly Reactor[];
}

/**
 * The NestJS transport of a billing service. Nest finds the `@MessagePattern` and
 * `@EventPattern` handlers of the service's controllers; at `listen` this strategy hands
 * them to the service host, which delivers to them with the platform's guarantees: the
 * store as outbox, at-least-once delivery with once-only effect, dead letters with their
 * reasons. Embedded, the host reads the stores and calls in-process; distributed, it
 * goes through Kafka. Nothing is delivered here: this class only connects the two.
 */
export class BillingTransport extends Server implements CustomTransportStrategy {
  /** A reactor's failure goes back to the host, which retries the batch: the checkpoint stays. */
  override readonly propagatesEventHandlerErrors = true;

  constructor(private readonly deliverTo: (handlers: ServiceHandlers) => Promise<void>) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    let handlers: ServiceHandlers;
    try {
      handlers = this.serviceHandlers();
    } catch (error) {
      callback(error);
      return;
    }
    this.deliverTo(handlers).then(() => callback(), callback);
  }

  /** The host stops delivery before it closes the Nest application. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  on(): never {
    throw new Error('The billing transport has no client library events');
  }

  unwrap<T>(): T {
    throw new Error('The billing transport wraps no client library');
  }

  private serviceHandlers(): ServiceHandlers {
    const rpc: RpcMethod[] = [];
    const commands: CommandRoute[] = [];
    const reactors: Reactor[] = [];
    for (const [pattern, handler] of this.getHandlers()) {
      const role = handler.extras as HandlerRole | Record<string, never> | undefined;
      switch (role?.role) {
        case 'rpc':
          rpc.push({ name: patternMember(pattern, 'method'), dto: role.dto, handle: (request) => settle(handler(request)) });
          break;
        case 'command':
          commands.push({
            type: patternMember(pattern, 'command'),
            dto: role.dto,
            handle: (command, target: CommandTarget) => settle(handler(command, target)) as Promise<CommandOutcome>,
          });
          break;
        case 'reactor':
          reactors.push({ name: pattern, source: role.source, handle: (events: readonly ReactorEvent[]) => settle(handler(events)).then(() => undefined) } as Reactor);
          break;
        default:
          throw new Error(`The handler of ${pattern} does not say what it is: give its pattern answers(), decides() or reactsTo() as extras`);
      }
    }
    return { rpc, commands, reactors };
  }
}

/**
 * Lets a handler's own error reach the host as it was thrown, so the host turns it into
 * problem details (a refusal, a storage fault) instead of Nest's generic "Internal server error".
 */
@Catch()
export class HandlerErrorsAsThrown implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** A Nest handler answers with a value, a promise or an observable (a failure comes back as an erroring one). */
async function settle(answer: ReturnType<MessageHandler>): Promise<unknown> {
  const result: unknown = await answer;
  return isObservable(result) ? lastValueFrom(result, { defaultValue: undefined }) : result;
}

/** A member of an object pattern, as Nest keeps it (JSON with sorted keys): `method` of `{ service, method }`. */
function patternMember(pattern: string, member: string): string {
  try {
    const value: unknown = (JSON.parse(pattern) as Record<string, unknown>)[member];
    if (typeof value === 'string') return value;
  } catch {
    // not JSON: reported below
  }
  throw new Error(`The pattern ${pattern} has no ${member}: use the contract's pattern`);
}
