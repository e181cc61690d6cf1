import { type GrpcObject, loadPackageDefinition, type ServiceClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync, type Options } from '@grpc/proto-loader';
import { BILLING_V1_PROTO, PROTO_ROOT } from '@billing/contracts';

/**
 * How both ends read `billing.v1`: fields in camelCase, int64 as decimal strings (exact
 * past 2^53), enums by name, defaults filled in, proto3 `optional` fields absent when unset.
 * The server and every client load the same files with the same options (no codegen step).
 */
export const BILLING_PROTO_OPTIONS: Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

let loaded: ServiceClientConstructor | undefined;

/** The generated client class of `billing.v1.Billing`; its `service` is the server's definition. */
export function billingServiceClient(): ServiceClientConstructor {
  if (loaded) return loaded;
  const definition = loadSync(BILLING_V1_PROTO, BILLING_PROTO_OPTIONS);
  const billing = (loadPackageDefinition(definition)['billing'] as GrpcObject)['v1'] as GrpcObject;
  loaded = billing['Billing'] as ServiceClientConstructor;
  return loaded;
}

export const billingServiceDefinition = (): ServiceDefinition => billingServiceClient().service;
