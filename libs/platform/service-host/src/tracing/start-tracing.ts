import { ExportResultCode } from '@opentelemetry/core';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { AlwaysOnSampler, BatchSpanProcessor, type ReadableSpan, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { tracingRequested } from './requested';

export interface Tracing {
  /** Ends the SDK: spans still buffered are exported first. */
  stop(): Promise<void>;
}

/**
 * Traces of this process, exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or its
 * traces-only variant) is set, with every standard OTEL_* variable read by the SDK;
 * `TRACING=memory` records every span (always-on sampling) and drops it in this process,
 * to measure what tracing costs; else nothing starts and no span is ever recorded. With
 * `spanProcessors` (tests) the spans go there. HTTP (Fastify's server) and gRPC are
 * instrumented; the services' own seams make their spans through @opentelemetry/api.
 */
export function startTracing(env: NodeJS.ProcessEnv, spanProcessors?: SpanProcessor[]): Tracing | null {
  const { otlp, memory } = tracingRequested(env);
  if (!otlp && !memory && !spanProcessors) return null;
  const sdk = new NodeSDK({
    serviceName: env['OTEL_SERVICE_NAME'] ?? `billing-${env['SERVICE'] ?? 'platform'}`,
    instrumentations: [new HttpInstrumentation(), new GrpcInstrumentation()],
    ...(spanProcessors ? { spanProcessors, sampler: new AlwaysOnSampler() } : {}),
    ...(!otlp && memory ? { spanProcessors: [new BatchSpanProcessor({ exporter: new DroppedSpans() })], sampler: new AlwaysOnSampler() } : {}),
  });
  sdk.start();
  return { stop: () => sdk.shutdown() };
}

/** An exporter that counts the spans it is given and keeps none. */
export class DroppedSpans implements SpanExporter {
  count = 0;

  export(spans: ReadableSpan[], done: (result: { code: ExportResultCode }) => void): void {
    this.count += spans.length;
    done({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
