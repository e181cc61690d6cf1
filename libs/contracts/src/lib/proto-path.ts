import { join } from 'node:path';

/** The folder holding the `.proto` files (`billing/v1/billing.proto`...): the include path for loaders. */
export const PROTO_ROOT = join(__dirname, '..', '..', 'proto');

/** The gRPC `billing.v1` service definition, relative to `PROTO_ROOT`. */
export const BILLING_V1_PROTO = 'billing/v1/billing.proto';
