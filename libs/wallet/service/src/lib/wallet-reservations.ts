import 'reflect-metadata';
import type { ReservationAnswer, ReserveCredits, ReserveCreditsCall } from '@billing/contracts';
import { reservationOf, spendableAt, type WalletState } from '@billing/wallet-domain';
import { IsInt, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { ReserveCreditsData } from './wallet-command-payloads';

/** `reserveCredits`: the `ReserveCredits` command of wallet (accountId, pool), with the command's id and time. */
export class ReserveCreditsCallRequest extends ReserveCreditsData implements ReserveCreditsCall {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsString() @IsNotEmpty() commandId!: string;
  @IsInt() now!: number;
  @IsOptional() @IsString() correlationId?: string;
}

export function reservationAnswer(state: WalletState, { data, metadata }: ReserveCredits): ReservationAnswer {
  const { reservationId } = data;
  const reservation = reservationOf(state, reservationId);
  if (reservation === undefined) throw new Error(`reservation ${reservationId} was decided but the wallet does not know it`);
  if (reservation.status !== 'rejected') return { outcome: 'reserved', reservationId, millicredits: reservation.millicredits, expiresAt: reservation.expiresAt };
  const keyBudget = reservation.keyBudget === undefined ? {} : { keyBudget: reservation.keyBudget };
  return { outcome: 'rejected', reservationId, requestedMillicredits: reservation.millicredits, availableMillicredits: spendableAt(state, metadata.now), ...keyBudget };
}
