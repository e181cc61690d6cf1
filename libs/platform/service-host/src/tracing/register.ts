import { tracingRequested } from './requested';
import type { Tracing } from './start-tracing';

const { otlp, memory } = tracingRequested(process.env);

/**
 * Imported first by a process's entry point, so the instrumentations patch `http` and
 * `@grpc/grpc-js` before anything else loads them. Off unless the environment asks, and
 * then the SDK is not even loaded.
 */
export const tracing: Tracing | null =
  otlp || memory ? (require('./start-tracing') as typeof import('./start-tracing')).startTracing(process.env) : null;
