import { type ReservationAnswer, type ReserveCreditsCall, WalletRpc } from '@billing/contracts';
import { type RpcClient, send } from '@billing/service-host';

/** Asks the wallet for a hold on the request path (directly embedded, over Kafka RPC distributed); checks the answer's shape. */
export class WalletClient {
  constructor(
    private readonly rpc: RpcClient,
    private readonly service: string,
  ) {}

  async reserve(call: ReserveCreditsCall, timeoutMillis: number): Promise<ReservationAnswer> {
    const answer = await send(this.rpc, { ...WalletRpc.reserveCredits, service: this.service }, call, { key: call.accountId, timeoutMillis, ...(call.correlationId ? { correlationId: call.correlationId } : {}) });
    return asAnswer(answer, call.reservationId);
  }
}

function asAnswer(answer: ReservationAnswer, reservationId: string): ReservationAnswer {
  const whole = (value: unknown) => Number.isSafeInteger(value);
  const wellFormed =
    answer?.reservationId === reservationId &&
    (answer.outcome === 'reserved'
      ? whole(answer.millicredits) && whole(answer.expiresAt)
      : answer.outcome === 'rejected' && whole(answer.requestedMillicredits) && whole(answer.availableMillicredits));
  if (!wellFormed) throw new Error(`the wallet answered reservation ${reservationId} with no outcome`);
  return answer;
}
