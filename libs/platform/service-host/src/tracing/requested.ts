/** Whether the environment asks for traces: an OTLP endpoint, or `TRACING=memory` (benchmarks). */
export const tracingRequested = (env: NodeJS.ProcessEnv): { readonly otlp: boolean; readonly memory: boolean } => ({
  otlp: Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']),
  memory: env['TRACING'] === 'memory',
});
