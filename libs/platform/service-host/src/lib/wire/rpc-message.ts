import type { IncomingMessage, OutgoingMessage } from '@billing/messaging';
import type { RpcError } from '../rpc';
import { rpcTopicFor } from '../topics';

export const RpcHeader = {
  requestId: 'rpc-id',
  method: 'rpc-method',
  replyTo: 'rpc-reply-to',
  /**
   * Milliseconds the caller still waited when it sent the request: a budget, not an
   * instant, so hosts whose clocks disagree still agree on it (time on the way is not counted).
   */
  budget: 'rpc-budget-ms',
  correlationId: 'correlation-id',
  traceparent: 'traceparent',
} as const;

export type Problem = RpcError['problem'];

/** What travels back: the result, or the problem details the caller re-throws as an RpcError. */
export type RpcReply = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly problem: Problem };

export interface RpcRequest {
  readonly requestId: string;
  readonly method: string;
  readonly replyTo: string;
  readonly budgetMillis: number;
  readonly request: unknown;
  readonly correlationId?: string;
  /** W3C trace context of the caller's span: the server's span continues its trace. */
  readonly traceparent?: string;
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
      [RpcHeader.budget]: String(rpc.budgetMillis),
      ...(rpc.correlationId ? { [RpcHeader.correlationId]: rpc.correlationId } : {}),
      ...(rpc.traceparent ? { [RpcHeader.traceparent]: rpc.traceparent } : {}),
    },
  };
}

export type DecodedRequest = { readonly kind: 'request'; readonly rpc: RpcRequest } | { readonly kind: 'rejected'; readonly reason: string };

export function decodeRequestMessage(message: IncomingMessage): DecodedRequest {
  const requestId = message.headers[RpcHeader.requestId];
  const method = message.headers[RpcHeader.method];
  const replyTo = message.headers[RpcHeader.replyTo];
  const budgetMillis = Number(message.headers[RpcHeader.budget]);
  if (!requestId || !method || !replyTo) return { kind: 'rejected', reason: 'missing rpc headers (rpc-id, rpc-method, rpc-reply-to)' };
  if (!Number.isFinite(budgetMillis) || budgetMillis < 0) return { kind: 'rejected', reason: `${RpcHeader.budget} is not a number of milliseconds` };
  let request: unknown;
  try {
    request = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return { kind: 'rejected', reason: `unparseable request: ${error instanceof Error ? error.message : String(error)}` };
  }
  const correlationId = message.headers[RpcHeader.correlationId];
  const traceparent = message.headers[RpcHeader.traceparent];
  return { kind: 'request', rpc: { requestId, method, replyTo, budgetMillis, request, ...(correlationId ? { correlationId } : {}), ...(traceparent ? { traceparent } : {}) } };
}

export const toReplyMessage = (replyTo: string, requestId: string, reply: RpcReply): OutgoingMessage => ({
  topic: replyTo,
  key: requestId,
  value: Buffer.from(JSON.stringify(reply)),
  headers: { [RpcHeader.requestId]: requestId },
});

export type DecodedReply = { readonly kind: 'reply'; readonly requestId: string; readonly reply: RpcReply } | { readonly kind: 'rejected'; readonly reason: string };

export function decodeReplyMessage(message: IncomingMessage): DecodedReply {
  const requestId = message.headers[RpcHeader.requestId];
  if (!requestId) return { kind: 'rejected', reason: `missing header ${RpcHeader.requestId}` };
  let reply: unknown;
  try {
    reply = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return { kind: 'rejected', reason: `unparseable reply: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isReply(reply)) return { kind: 'rejected', reason: 'not a reply: expected {ok: true, result} or {ok: false, problem}' };
  return { kind: 'reply', requestId, reply };
}

const isReply = (value: unknown): value is RpcReply => {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, problem } = value as { ok?: unknown; problem?: unknown };
  if (ok === true) return true;
  if (ok !== false || typeof problem !== 'object' || problem === null) return false;
  const { type, title, status } = problem as { type?: unknown; title?: unknown; status?: unknown };
  return typeof type === 'string' && typeof title === 'string' && typeof status === 'number';
};
