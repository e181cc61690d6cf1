import { collectProcessMetrics, type LogContext, type Logger, runInLogContext, traceIdOf } from '@billing/service-host';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Histogram, Registry } from 'prom-client';
import { type GatewayRequest, REQUEST_ID_HEADER } from './http-context';
import { nameServerSpan } from './server-span';

export interface RequestMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly durations: Histogram<'method' | 'route' | 'status'>;
}

/**
 * Prometheus metrics of the gateway: requests and their durations by method, route and
 * status. In a registry of its own, with the process's metrics (`gateway_process_...`);
 * in the embedded platform's registry, beside the services' metrics and the process's own.
 */
export function requestMetrics(shared?: Registry): RequestMetrics {
  const registry = shared ?? new Registry();
  if (!shared) collectProcessMetrics(registry, 'gateway_');
  // A gateway opened again in front of the same platform counts on in the metrics already there.
  const requests = registry.getSingleMetric('gateway_http_requests_total') as RequestMetrics['requests'] | undefined;
  const durations = registry.getSingleMetric('gateway_http_request_duration_seconds') as RequestMetrics['durations'] | undefined;
  return {
    registry,
    requests: requests ?? new Counter({ name: 'gateway_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    durations: durations ?? new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: 'Time from request to response',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/**
 * Fastify hooks: the request id is echoed on every response and is on every line logged
 * while handling the request (with the trace id of its `traceparent`); every response is
 * counted and timed by its route pattern (not its URL, so ids do not explode the label
 * set), and logged as one JSON line carrying the request id and the caller.
 */
export function observeRequests(fastify: FastifyInstance, metrics: RequestMetrics, logger: Logger, logRequests: boolean): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    nameServerSpan(request.method, request.routeOptions.url);
    runInLogContext(logContextOf(request), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    const seconds = reply.elapsedTime / 1000;
    metrics.requests.inc(labels);
    metrics.durations.observe(labels, seconds);
    if (logRequests) {
      const caller = (request as GatewayRequest).caller;
      logger.info('request', {
        requestId: request.id,
        ...traceOf(request),
        method: request.method,
        route,
        status: reply.statusCode,
        millis: Math.round(reply.elapsedTime * 100) / 100,
        ...(caller ? { accountId: caller.accountId, channel: caller.channel, ...(caller.keyId ? { keyId: caller.keyId } : {}) } : {}),
      });
    }
    done();
  });
}

const logContextOf = (request: FastifyRequest): LogContext => ({ requestId: request.id, ...traceOf(request) });

const traceOf = (request: FastifyRequest): { traceId?: string } => {
  const traceId = traceIdOf(request.headers['traceparent']);
  return traceId ? { traceId } : {};
};
