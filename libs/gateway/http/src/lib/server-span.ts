import { trace } from '@opentelemetry/api';

/**
 * Names the HTTP server span (made by the HTTP instrumentation when tracing is on) by its
 * route pattern, `POST /v1/tasks`, as the metrics label it: the instrumentation alone
 * knows the method only. Without a recording span there is nothing to do.
 */
export function nameServerSpan(method: string, route: string | undefined): void {
  const span = trace.getActiveSpan();
  if (!route || !span?.isRecording()) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
}
