import { activeTraceparent, contextOfTraceparent } from '@billing/event-store';
import { type Attributes, context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

export { SpanKind };

const tracer = trace.getTracer('@billing/service-host');

/**
 * The runtime's seams continue a trace and never start one: a message without a
 * `traceparent` (tracing off, or work no request started) gets no span, so tracing off
 * costs one property read per message. Traces start at the HTTP and gRPC entries.
 */
export interface TracedWork<T> {
  readonly name: string;
  readonly kind: SpanKind;
  /** The trace to continue: a message's `traceparent`, or undefined for the span active now. */
  readonly parent: string | undefined;
  readonly attributes?: Attributes;
  /** Runs in the span's context; `traceparent` names the span, for what the work sends on. */
  readonly work: (traceparent: string | undefined) => Promise<T>;
}

export function traced<T>({ name, kind, parent, attributes, work }: TracedWork<T>): Promise<T> {
  const parentContext = parent === undefined ? context.active() : contextOfTraceparent(parent);
  if (!trace.getSpan(parentContext)?.spanContext().traceId) return work(undefined);
  return tracer.startActiveSpan(name, { kind, ...(attributes ? { attributes } : {}) }, parentContext, async (span) => {
    try {
      return await work(activeTraceparent());
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * One span per message of a batch, each under its own message's trace, all open while
 * the batch is handled (a batch is handled as one); messages without a trace get none.
 */
export async function tracedBatch<M, T>(
  messages: readonly M[],
  parentOf: (message: M) => string | undefined,
  describe: (message: M) => { readonly name: string; readonly attributes: Attributes },
  work: (traceparents: readonly (string | undefined)[]) => Promise<T>,
): Promise<T> {
  const parents = messages.map(parentOf);
  if (parents.every((p) => p === undefined)) return work(parents);
  const spans = messages.map((message, i): Span | undefined => {
    const parent = parents[i];
    if (!parent) return undefined;
    const { name, attributes } = describe(message);
    return tracer.startSpan(name, { kind: SpanKind.CONSUMER, attributes }, contextOfTraceparent(parent));
  });
  try {
    return await work(spans.map((s, i) => (s?.isRecording() ? traceparentOfSpan(s) : parents[i])));
  } catch (error) {
    for (const s of spans) s?.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    for (const s of spans) s?.end();
  }
}

const traceparentOfSpan = (span: Span): string | undefined => context.with(trace.setSpan(ROOT_CONTEXT, span), activeTraceparent);

/** The message as sent on from its span: with the span's `traceparent`, or as it came when it has no span. */
export const withTraceparent = <M extends { readonly traceparent?: string }>(message: M, traceparent: string | undefined): M =>
  traceparent ? { ...message, traceparent } : message;
