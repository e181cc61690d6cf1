import { context, propagation, ROOT_CONTEXT, type Context, trace } from '@opentelemetry/api';

/**
 * The W3C `traceparent` of the span active now, for an event's or a message's metadata;
 * undefined when no span records (tracing off: no SDK registered), at the cost of one lookup.
 */
export function activeTraceparent(): string | undefined {
  if (!trace.getActiveSpan()?.isRecording()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

/** The context a `traceparent` names, to start a span under it; the root context without one. */
export const contextOfTraceparent = (traceparent: string | undefined): Context =>
  traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
