export * from './lib/billing-grpc-server';
export * from './lib/billing-proto';
export * from './lib/billing-messages';
export { PROBLEM_METADATA_KEY, grpcCodeOf, grpcErrorOf } from './lib/problem-status';
export * from './lib/grpc-port';
