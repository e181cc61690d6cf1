import { startTracing } from './start-tracing';

/**
 * Imported first by a process's entry point, so the instrumentations patch `http` and
 * `@grpc/grpc-js` before anything else loads them. Off unless the environment asks.
 */
export const tracing = startTracing(process.env);
