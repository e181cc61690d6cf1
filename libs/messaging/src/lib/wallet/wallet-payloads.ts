import 'reflect-metadata';
import type {
  KeyBudgetShortfall,
  BalanceCarriedForward,
  CreditsCharged,
  CreditsExpired,
  CreditsGranted,
  CreditsPurchased,
  CreditsRefunded,
  CreditsReleased,
  CreditsReserved,
  CreditsRevoked,
  CreditsFrozen,
  CreditsUnfrozen,
  GrantSource,
  LotAllocation,
  ReleaseReason,
  ReservationExpired,
  ReservationRejected,
} from '@billing/contracts';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Length, Min, ValidateIf, ValidateNested } from 'class-validator';

/*
 * What a wallet event's data must look like on the wire. Each class implements the
 * contract's data type, so a contract change that the wire schema misses does not compile.
 */

const RELEASE_REASONS: readonly ReleaseReason[] = ['failed', 'cancelled', 'timed_out', 'rejected', 'partial_charge', 'other'];

export class GrantSourcePayload implements GrantSource {
  @IsIn(['plan', 'promotion', 'compensation']) kind!: GrantSource['kind'];
  @IsString() @IsNotEmpty() reference!: string;
}

export class LotAllocationPayload implements LotAllocation {
  @IsString() @IsNotEmpty() lotId!: string;
  @IsInt() @Min(0) millicredits!: number;
}

export class CreditsPurchasedPayload implements Mutable<CreditsPurchased['data']> {
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsInt() @Min(0) amountCents!: number;
  @IsString() @Length(3, 3) currency!: string;
  @IsString() @IsNotEmpty() priceBookId!: string;
  @IsString() @IsNotEmpty() priceBookVersion!: string;
  @IsInt() at!: number;
}

export class CreditsGrantedPayload implements Mutable<CreditsGranted['data']> {
  @IsString() @IsNotEmpty() grantId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @ValidateNested() @Type(() => GrantSourcePayload) source!: GrantSourcePayload;
  @ValidateIf((o: CreditsGrantedPayload) => o.expiresAt !== null) @IsInt() expiresAt!: number | null;
  @IsInt() at!: number;
}

export class CreditsReservedPayload implements Mutable<CreditsReserved['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LotAllocationPayload) allocations!: LotAllocationPayload[];
  @IsInt() expiresAt!: number;
  @IsOptional() @IsString() taskId?: string;
  @IsOptional() @IsString() @IsNotEmpty() keyId?: string;
  @IsInt() at!: number;
}

export class KeyBudgetShortfallPayload implements Mutable<KeyBudgetShortfall> {
  @IsString() @IsNotEmpty() keyId!: string;
  @IsInt() @Min(0) remainingMillicredits!: number;
}

export class ReservationRejectedPayload implements Mutable<ReservationRejected['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(0) requestedMillicredits!: number;
  @IsInt() @Min(0) availableMillicredits!: number;
  @IsOptional() @IsString() taskId?: string;
  @IsOptional() @ValidateNested() @Type(() => KeyBudgetShortfallPayload) keyBudget?: KeyBudgetShortfallPayload;
  @IsInt() at!: number;
}

export class CreditsChargedPayload implements Mutable<CreditsCharged['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LotAllocationPayload) allocations!: LotAllocationPayload[];
  @IsOptional() @IsString() taskId?: string;
  @IsInt() at!: number;
}

export class CreditsReleasedPayload implements Mutable<CreditsReleased['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LotAllocationPayload) allocations!: LotAllocationPayload[];
  @IsIn(RELEASE_REASONS) reason!: ReleaseReason;
  @IsOptional() @IsString() taskId?: string;
  @IsInt() at!: number;
}

export class ReservationExpiredPayload implements Mutable<ReservationExpired['data']> {
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LotAllocationPayload) allocations!: LotAllocationPayload[];
  @IsOptional() @IsString() taskId?: string;
  @IsInt() at!: number;
}

export class CreditsExpiredPayload implements Mutable<CreditsExpired['data']> {
  @IsString() @IsNotEmpty() lotId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsInt() at!: number;
}

export class CreditsRefundedPayload implements Mutable<CreditsRefunded['data']> {
  @IsString() @IsNotEmpty() refundId!: string;
  @IsString() @IsNotEmpty() reservationId!: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => LotAllocationPayload) allocations!: LotAllocationPayload[];
  @IsString() reason!: string;
  @IsInt() at!: number;
}

export class CreditsRevokedPayload implements Mutable<CreditsRevoked['data']> {
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsOptional() @IsString() @IsNotEmpty() grantId?: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsString() reason!: string;
  @IsInt() at!: number;
}

/**
 * A period's opening: on the topic, but it moves nothing a consumer follows, so only its
 * outline is checked here (the carried lots and holds are the wallet's and finance's).
 */
export class BalanceCarriedForwardPayload implements Mutable<BalanceCarriedForward['data']> {
  @IsString() @IsNotEmpty() period!: string;
  @ValidateIf((o: BalanceCarriedForwardPayload) => o.previousStreamName !== null) @IsString() previousStreamName!: string | null;
  @IsInt() @Min(0) balanceMillicredits!: number;
  @IsInt() @Min(0) heldMillicredits!: number;
  @IsArray() @IsObject({ each: true }) lots!: BalanceCarriedForward['data']['lots'][number][];
  @IsArray() @IsObject({ each: true }) holds!: BalanceCarriedForward['data']['holds'][number][];
  @IsArray() @IsObject({ each: true }) endedHolds!: BalanceCarriedForward['data']['endedHolds'][number][];
  @IsArray() @IsObject({ each: true }) refunds!: BalanceCarriedForward['data']['refunds'][number][];
  @IsOptional() @IsArray() @IsObject({ each: true }) keySpend?: NonNullable<BalanceCarriedForward['data']['keySpend']>[number][];
  @IsInt() at!: number;
}

export class CreditsFrozenPayload implements Mutable<CreditsFrozen['data']> {
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsOptional() @IsString() @IsNotEmpty() grantId?: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsString() reason!: string;
  @IsInt() at!: number;
}

export class CreditsUnfrozenPayload implements Mutable<CreditsUnfrozen['data']> {
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsOptional() @IsString() @IsNotEmpty() grantId?: string;
  @IsInt() @Min(0) millicredits!: number;
  @IsString() reason!: string;
  @IsInt() at!: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
