import type { IncomingMessage, OutgoingMessage } from '@billing/messaging';
import type { RpcError } from '../rpc';
import { rpcTopicFor } from '../topics';

export const RpcHeader = {
  requestId: 'rpc-id',
  method: 'rpc-method',
  replyTo: 'rpc-reply-to',
  /** Epoch millis after which the caller stopped waiting: the server skips the request. */
  deadline: 'rpc-deadline',
  correlationId: 'correlation-id',
} as const;

export type Problem = RpcError['problem'];

/** What travels back: the result, or the problem details the caller re-throws as an RpcError. */
export type RpcReply = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly problem: Problem };

export interface RpcRequest {
  readonly requestId: string;
  readonly method: string;
  readonly replyTo: string;
  readonly deadline: number;
  readonly request: unknown;
  readonly correlationId?: string;
}

export function toRequestMessage(service: string, key: string, rpc: RpcRequest): OutgoingMessage {
  return {
    topic: rpcTopicFor(service),
    key,
    value: Buffer.from(JSON.stringify(rpc.request ?? null)),
    headers: {
      [RpcHeader.requestId]: rpc.requestId,
      [RpcHeader.method]: rpc.method,
      [RpcHeader.replyTo]: rpc.replyTo,
      [RpcHeader.deadline]: String(rpc.deadline),
      ...(rpc.correlationId ? { [RpcHeader.correlationId]: rpc.correlationId } : {}),
    },
  };
}

export type DecodedRequest = { readonly kind: 'request'; readonly rpc: RpcRequest } | { readonly kind: 'rejected'; readonly reason: string };

export function decodeRequestMessage(message: IncomingMessage): DecodedRequest {
  const requestId = message.headers[RpcHeader.requestId];
  const method = message.headers[RpcHeader.method];
  const replyTo = message.headers[RpcHeader.replyTo];
  const deadline = Number(message.headers[RpcHeader.deadline]);
  if (!requestId || !method || !replyTo) return { kind: 'rejected', reason: 'missing rpc headers (rpc-id, rpc-method, rpc-reply-to)' };
  if (!Number.isFinite(deadline)) return { kind: 'rejected', reason: 'rpc-deadline is not a number' };
  let request: unknown;
  try {
    request = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return { kind: 'rejected', reason: `unparseable request: ${error instanceof Error ? error.message : String(error)}` };
  }
  const correlationId = message.headers[RpcHeader.correlationId];
  return { kind: 'request', rpc: { requestId, method, replyTo, deadline, request, ...(correlationId ? { correlationId } : {}) } };
}

export const toReplyMessage = (replyTo: string, requestId: string, reply: RpcReply): OutgoingMessage => ({
  topic: replyTo,
  key: requestId,
  value: Buffer.from(JSON.stringify(reply)),
  headers: { [RpcHeader.requestId]: requestId },
});

export function decodeReplyMessage(message: IncomingMessage): { readonly requestId: string; readonly reply: RpcReply } | null {
  const requestId = message.headers[RpcHeader.requestId];
  if (!requestId) return null;
  try {
    const reply = JSON.parse(message.value.toString('utf8')) as RpcReply;
    return typeof reply === 'object' && reply !== null && typeof reply.ok === 'boolean' ? { requestId, reply } : null;
  } catch {
    return null;
  }
}
