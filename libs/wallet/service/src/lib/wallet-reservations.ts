import 'reflect-metadata';
import { type ReservationAnswer, type ReserveCredits, type ReserveCreditsCall, WalletRpc, walletStreamName } from '@billing/contracts';
import { rpcHandler, RpcError, type RpcMethod } from '@billing/service-host';
import { reservationOf, spendableAt, type WalletState } from '@billing/wallet-domain';
import { IsInt, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { ReserveCreditsData } from './wallet-command-payloads';
import type { WalletCommandQueue } from './wallet-command-queue';

/** `reserveCredits`: the `ReserveCredits` command of wallet (accountId, pool), with the command's id and time. */
export class ReserveCreditsCallRequest extends ReserveCreditsData implements ReserveCreditsCall {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsString() @IsNotEmpty() commandId!: string;
  @IsInt() now!: number;
  @IsOptional() @IsString() correlationId?: string;
}

/**
 * A hold asked for on a caller's request path (the task service's `createTask`): decided
 * in the wallet's command queue like the command from the topic, then answered from the
 * wallet's state, so a repeat answers what the first request decided.
 */
export function reserveCreditsMethod(queue: WalletCommandQueue): RpcMethod {
  return rpcHandler(WalletRpc.reserveCredits, ReserveCreditsCallRequest, async (request) => {
    const { accountId, pool, commandId, now, correlationId, ...data } = request;
    const streamName = walletStreamName(accountId, pool);
    const command: ReserveCredits = { type: 'ReserveCredits', data, metadata: { commandId, now, ...(correlationId === undefined ? {} : { correlationId }) } };
    const outcome = await queue.handle(streamName, command);
    if (outcome.kind === 'refused') throw new RpcError({ type: 'conflict', title: 'Reservation refused', status: 409, detail: outcome.message, code: outcome.code });
    return answerOf(await queue.current(streamName), command);
  });
}

function answerOf(state: WalletState, { data, metadata }: ReserveCredits): ReservationAnswer {
  const { reservationId } = data;
  const reservation = reservationOf(state, reservationId);
  if (reservation === undefined) throw new Error(`reservation ${reservationId} was decided but the wallet does not know it`);
  if (reservation.status !== 'rejected') return { outcome: 'reserved', reservationId, millicredits: reservation.millicredits, expiresAt: reservation.expiresAt };
  return { outcome: 'rejected', reservationId, requestedMillicredits: reservation.millicredits, availableMillicredits: spendableAt(state, metadata.now) };
}
