import 'reflect-metadata';
import type {
  ChargeReservation,
  ExpireGrant,
  ExpireReservation,
  GrantCredits,
  GrantSource,
  KeyBudget,
  PurchaseCredits,
  RefundCredits,
  ReleaseReason,
  ReleaseReservation,
  ReserveCredits,
  RevokePurchasedCredits,
  FreezePurchasedCredits,
  UnfreezePurchasedCredits,
  WalletCommand,
} from '@billing/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

/*
 * What each wallet command's `data` must look like on the command topic. Each class
 * implements the contract's data type, so a contract change the wire schema misses does
 * not compile. Amounts are whole, positive, safe integers; money is cents and ISO 4217.
 */

const MAX = Number.MAX_SAFE_INTEGER;
const RELEASE_REASONS: readonly ReleaseReason[] = ['failed', 'cancelled', 'timed_out', 'rejected', 'partial_charge', 'other'];

export class GrantSourceData implements GrantSource {
  @IsIn(['plan', 'promotion', 'compensation']) kind!: GrantSource['kind'];
  @IsString() @IsNotEmpty() reference!: string;
}

export class PurchaseCreditsData implements Mutable<PurchaseCredits['data']> {
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsInt() @Min(1) @Max(MAX) millicredits!: number;
  @IsInt() @Min(0) @Max(MAX) amountCents!: number;
  @Matches(/^[A-Z]{3}$/) currency!: string;
  @IsString() @IsNotEmpty() priceBookId!: string;
  @IsString() @IsNotEmpty() priceBookVersion!: string;
}

export class GrantCreditsData implements Mutable<GrantCredits['data']> {
  @IsString() @IsNotEmpty() grantId!: string;
  @IsInt() @Min(1) @Max(MAX) millicredits!: number;
  @IsObject() @ValidateNested() @Type(() => GrantSourceData) source!: GrantSourceData;
  /** null: never expires. */
  @ValidateIf((data: GrantCreditsData) => data.expiresAt !== null) @IsInt() expiresAt!: number | null;
}

export class KeyBudgetData implements Mutable<KeyBudget> {
  @IsInt() @Min(0) @Max(MAX) limitMillicredits!: number;
  @IsIn(['month', 'lifetime']) per!: KeyBudget['per'];
}

export class ReserveCreditsData implements Mutable<ReserveCredits['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(1) @Max(MAX) millicredits!: number;
  @IsInt() @Min(1) @Max(MAX) ttlMillis!: number;
  @IsOptional() @IsString() @IsNotEmpty() taskId?: string;
  @IsOptional() @IsString() @IsNotEmpty() keyId?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => KeyBudgetData) keyBudget?: KeyBudgetData;
}

export class ChargeReservationData implements Mutable<ChargeReservation['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(1) @Max(MAX) millicredits!: number;
}

export class ReleaseReservationData implements Mutable<ReleaseReservation['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsIn(RELEASE_REASONS) reason!: ReleaseReason;
}

export class ExpireReservationData implements Mutable<ExpireReservation['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
}

export class ExpireGrantData implements Mutable<ExpireGrant['data']> {
  @IsString() @IsNotEmpty() grantId!: string;
}

export class RefundCreditsData implements Mutable<RefundCredits['data']> {
  @IsString() @IsNotEmpty() refundId!: string;
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(1) @Max(MAX) millicredits!: number;
  @IsString() reason!: string;
}

export class RevokePurchasedCreditsData implements Mutable<RevokePurchasedCredits['data']> {
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsString() reason!: string;
}

export class FreezePurchasedCreditsData implements Mutable<FreezePurchasedCredits['data']> {
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsString() reason!: string;
}

export class UnfreezePurchasedCreditsData implements Mutable<UnfreezePurchasedCredits['data']> {
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsString() reason!: string;
}

/** The payload class of every wallet command type: adding a command without one fails to compile. */
export const WALLET_COMMAND_PAYLOADS = {
  PurchaseCredits: PurchaseCreditsData,
  GrantCredits: GrantCreditsData,
  ReserveCredits: ReserveCreditsData,
  ChargeReservation: ChargeReservationData,
  ReleaseReservation: ReleaseReservationData,
  ExpireReservation: ExpireReservationData,
  ExpireGrant: ExpireGrantData,
  RefundCredits: RefundCreditsData,
  RevokePurchasedCredits: RevokePurchasedCreditsData,
  FreezePurchasedCredits: FreezePurchasedCreditsData,
  UnfreezePurchasedCredits: UnfreezePurchasedCreditsData,
} satisfies Record<WalletCommand['type'], new () => object>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
