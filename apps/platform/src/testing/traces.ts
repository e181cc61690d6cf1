import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as OTLP/JSON carries it (ids in hex; a root's parent is empty). */
export interface ReceivedSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly service: string;
}

interface OtlpTraces {
  resourceSpans?: { resource?: { attributes?: { key: string; value: { stringValue?: string } }[] }; scopeSpans?: { spans?: Omit<ReceivedSpan, 'service'>[] }[] }[];
}

/**
 * An OTLP/HTTP collector in memory: what the platform's processes export (with
 * `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`) is kept in `spans`. `env` points a process at it.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<OtlpReceiver> {
    const server = createServer();
    const receiver = new OtlpReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces') receiver.keep(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpTraces);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return receiver;
  }

  get env(): Record<string, string> {
    const { port } = this.server.address() as AddressInfo;
    return {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    };
  }

  close(): Promise<void> {
    return new Promise((closed) => this.server.close(() => closed()));
  }

  private keep(traces: OtlpTraces): void {
    for (const { resource, scopeSpans } of traces.resourceSpans ?? []) {
      const service = resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
      for (const scope of scopeSpans ?? []) for (const span of scope.spans ?? []) this.spans.push({ ...span, service });
    }
  }
}

/** A W3C trace context as a caller would send it: a fresh trace id, and the caller's span id. */
export function callerTraceparent(): { readonly traceparent: string; readonly traceId: string; readonly spanId: string } {
  const hex = (bytes: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
  const traceId = hex(16);
  const spanId = hex(8);
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

/**
 * The spans of one trace, as a tree under the caller's span: `orphans` are spans whose
 * parent is neither a span of the trace nor the caller's (a broken link); `pathOf` names
 * the spans from the caller's child down to a span.
 */
export function traceOf(spans: readonly ReceivedSpan[], traceId: string, callerSpanId: string) {
  const ofTrace = spans.filter((s) => s.traceId === traceId);
  const byId = new Map(ofTrace.map((s) => [s.spanId, s]));
  const orphans = ofTrace.filter((s) => s.parentSpanId !== callerSpanId && !byId.has(s.parentSpanId ?? ''));
  const pathOf = (name: string): string[] => {
    const names: string[] = [];
    for (let at = ofTrace.find((s) => s.name === name); at; at = byId.get(at.parentSpanId ?? '')) names.push(at.name);
    return names.reverse();
  };
  return {
    names: ofTrace.map((s) => s.name),
    services: [...new Set(ofTrace.map((s) => s.service))].sort(),
    orphans: orphans.map((s) => s.name),
    roots: ofTrace.filter((s) => s.parentSpanId === callerSpanId).map((s) => s.name),
    pathOf,
  };
}
