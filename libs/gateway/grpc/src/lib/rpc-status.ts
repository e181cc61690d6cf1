import { join } from 'node:path';
import { Root, type Type } from 'protobufjs';
import { GOOGLE_RPC_PROTOS, PROTO_ROOT } from '@billing/contracts';

/** The trailer in which gRPC carries a serialized `google.rpc.Status` (the richer error model). */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

const TYPE_URL_PREFIX = 'type.googleapis.com/';

export interface ErrorInfo {
  readonly reason: string;
  readonly domain: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface FieldViolation {
  readonly field: string;
  readonly description: string;
}

/** A `google.rpc.Status` with the details this gateway sends, each present or not. */
export interface RpcStatus {
  readonly code: number;
  readonly message: string;
  readonly errorInfo?: ErrorInfo;
  readonly fieldViolations?: readonly FieldViolation[];
  readonly requestId?: string;
}

interface RpcTypes {
  readonly status: Type;
  readonly errorInfo: Type;
  readonly badRequest: Type;
  readonly requestInfo: Type;
}

let loaded: RpcTypes | undefined;

function rpcTypes(): RpcTypes {
  if (loaded) return loaded;
  const root = new Root();
  // google/protobuf/any.proto is bundled with protobufjs; the google/rpc files are ours.
  root.resolvePath = (_origin, target) => join(PROTO_ROOT, target);
  root.loadSync([...GOOGLE_RPC_PROTOS], { keepCase: true });
  loaded = {
    status: root.lookupType('google.rpc.Status'),
    errorInfo: root.lookupType('google.rpc.ErrorInfo'),
    badRequest: root.lookupType('google.rpc.BadRequest'),
    requestInfo: root.lookupType('google.rpc.RequestInfo'),
  };
  return loaded;
}

const any = (type: Type, value: object) => ({ type_url: `${TYPE_URL_PREFIX}${type.fullName.replace(/^\./, '')}`, value: type.encode(type.fromObject(value)).finish() });

/** The status as the bytes of the `grpc-status-details-bin` trailer. */
export function encodeRpcStatus(status: RpcStatus): Buffer {
  const types = rpcTypes();
  const details = [
    ...(status.errorInfo ? [any(types.errorInfo, status.errorInfo)] : []),
    ...(status.fieldViolations?.length ? [any(types.badRequest, { field_violations: status.fieldViolations })] : []),
    ...(status.requestId ? [any(types.requestInfo, { request_id: status.requestId })] : []),
  ];
  return Buffer.from(types.status.encode(types.status.fromObject({ code: status.code, message: status.message, details })).finish());
}

interface StatusObject {
  readonly code?: number;
  readonly message?: string;
  readonly details?: readonly { readonly type_url?: string; readonly value?: Uint8Array }[];
}

/** The bytes of a `grpc-status-details-bin` trailer back as a status; details of other types are left out. */
export function decodeRpcStatus(bytes: Uint8Array): RpcStatus {
  const types = rpcTypes();
  const decoded = types.status.toObject(types.status.decode(bytes), { defaults: true }) as StatusObject;
  let status: RpcStatus = { code: decoded.code ?? 0, message: decoded.message ?? '' };
  for (const { type_url: typeUrl = '', value = new Uint8Array() } of decoded.details ?? []) {
    const name = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
    const read = (type: Type) => type.toObject(type.decode(value), { defaults: true });
    if (name === 'google.rpc.ErrorInfo') status = { ...status, errorInfo: read(types.errorInfo) as ErrorInfo };
    if (name === 'google.rpc.BadRequest') status = { ...status, fieldViolations: (read(types.badRequest) as { field_violations: FieldViolation[] }).field_violations };
    if (name === 'google.rpc.RequestInfo') status = { ...status, requestId: (read(types.requestInfo) as { request_id: string }).request_id };
  }
  return status;
}
