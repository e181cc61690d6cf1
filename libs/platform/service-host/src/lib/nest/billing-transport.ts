import 'reflect-metadata';
import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { EXCEPTION_FILTERS_METADATA, GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { PARAM_ARGS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
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

  /**
   * @param controllers the module's controller instances, once Nest has made them: a
   *   handler with no guard, interceptor, pipe or filter of its own is called as the method
   *   it is, since Nest's pipeline would only pass its arguments through (its cost is in
   *   docs/performance.md); one with any goes through Nest's pipeline.
   */
  constructor(
    private readonly deliverTo: (handlers: ServiceHandlers) => Promise<void>,
    private readonly controllers: () => readonly object[] = () => [],
  ) {
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

  /** The handlers that need nothing of Nest's pipeline, as their controller's methods, by pattern. */
  private plainMethods(): Map<string, MessageHandler> {
    const methods = new Map<string, MessageHandler>();
    for (const controller of this.controllers()) {
      const type = controller.constructor;
      if (enhanced(type)) continue;
      const prototype = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const method = prototype[name];
        if (name === 'constructor' || typeof method !== 'function') continue;
        const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined;
        if (!patterns || enhanced(method) || !plainParameters(type, name)) continue;
        const call = ((data: unknown, context: unknown) => method.call(controller, data, context)) as MessageHandler;
        for (const pattern of patterns) methods.set(this.normalizePattern(pattern as string), call);
      }
    }
    return methods;
  }

  private serviceHandlers(): ServiceHandlers {
    const rpc: RpcMethod[] = [];
    const commands: CommandRoute[] = [];
    const reactors: Reactor[] = [];
    const plain = this.plainMethods();
    for (const [pattern, nestHandler] of this.getHandlers()) {
      const role = nestHandler.extras as HandlerRole | Record<string, never> | undefined;
      const handler = plain.get(pattern) ?? nestHandler;
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

/** Enhancers that change what a handler receives, does or throws; with none, Nest's pipeline passes its arguments as they are. */
const ENHANCERS = [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, EXCEPTION_FILTERS_METADATA];

const enhanced = (target: object): boolean => ENHANCERS.some((key) => ((Reflect.getMetadata(key, target) as unknown[] | undefined) ?? []).length > 0);

/** `@Payload()` first and `@Ctx()` second, each without data or pipes, or no parameter decorators: the arguments as they come. */
function plainParameters(type: object, method: string): boolean {
  const params = (Reflect.getMetadata(PARAM_ARGS_METADATA, type, method) ?? {}) as Record<string, { index: number; data?: unknown; pipes?: unknown[] }>;
  const PAYLOAD_AT_0 = '3:0';
  const CONTEXT_AT_1 = '6:1';
  return Object.entries(params).every(([key, param]) => (key === PAYLOAD_AT_0 || key === CONTEXT_AT_1) && param.data === undefined && (param.pipes ?? []).length === 0);
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
