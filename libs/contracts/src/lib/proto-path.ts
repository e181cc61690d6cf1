import { join } from 'node:path';

/** The folder holding the `.proto` files (`billing/v1/billing.proto`...): the include path for loaders. */
export const PROTO_ROOT = join(__dirname, '..', '..', 'proto');

/** The gRPC `billing.v1` service definition, relative to `PROTO_ROOT`. */
export const BILLING_V1_PROTO = 'billing/v1/billing.proto';

/** `google.rpc.Status` and the error details the gateway sends in it, relative to `PROTO_ROOT`. */
export const GOOGLE_RPC_PROTOS = ['google/rpc/status.proto', 'google/rpc/error_details.proto'] as const;
