// The OpenTelemetry SDK, apart from the rest of the service host: the services and their tests that import the host never load it.
export * from './start-tracing';
