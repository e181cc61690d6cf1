import { isSpanContextValid, trace } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';

/** What every line logged while handling one request carries. */
export interface LogContext {
  readonly requestId: string;
  /** From the request's incoming `traceparent`: the trace id when no span of ours is active (tracing off). */
  readonly traceId?: string;
}

const current = new AsyncLocalStorage<LogContext>();

/** Runs `work` (and whatever it starts) with `context` on every line it logs. */
export const runInLogContext = <T>(context: LogContext, work: () => T): T => current.run(context, work);

/**
 * The fields pino mixes into each line: the request id of the request being handled, and
 * the trace id of the active span, else of the request's incoming `traceparent`. A new
 * object each call: pino merges the line's own fields into it.
 */
export function logContextFields(): Record<string, unknown> {
  const context = current.getStore();
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) return { ...(context ? { requestId: context.requestId } : {}), traceId: span.traceId, spanId: span.spanId };
  if (!context) return {};
  return context.traceId ? { requestId: context.requestId, traceId: context.traceId } : { requestId: context.requestId };
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/** The trace id of a W3C `traceparent` header (an HTTP header's or gRPC metadata's value), or undefined when there is none or it is not valid. */
export function traceIdOf(traceparent: unknown): string | undefined {
  const id = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim())?.[1] : undefined;
  return id && !/^0+$/.test(id) ? id : undefined;
}
