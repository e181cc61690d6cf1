export * from './billing-grpc-client';
