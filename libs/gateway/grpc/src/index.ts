export * from './lib/billing-grpc-server';
export * from './lib/billing-proto';
export * from './lib/billing-messages';
export { grpcCodeOf, grpcErrorOf, rpcStatusOf } from './lib/problem-status';
export * from './lib/rpc-status';
export { HEALTH_SERVICES } from './lib/readiness-health';
export * from './lib/grpc-port';
