import 'reflect-metadata';
import {
  ENTITLEMENTS,
  type Entitlement,
  type PlanDowngradeScheduled,
  type PlanPeriodGranted,
  type PlanUpgraded,
  type RenewalDisputeClosed,
  type RenewalDisputed,
  type RenewalRefunded,
  type RenewalRefundRequested,
  type SubscriptionCancellationScheduled,
  type SubscriptionCancelled,
  type SubscriptionPastDue,
  type SubscriptionResumed,
  type SubscriptionEndCause,
  type SubscriptionStarted,
} from '@billing/contracts';
import { IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';

/*
 * What a subscription event's data must look like on the wire (every type of
 * `billing.subscription.v1`). `concurrencyLimit`, `priority` and `entitlements` are
 * optional: when an event carries them they win, otherwise a consumer looks the plan up
 * in the catalog by its id.
 */

class PlanTerms {
  @IsOptional() @IsInt() @Min(1) concurrencyLimit?: number;
  @IsOptional() @IsBoolean() priority?: boolean;
  @IsOptional() @IsArray() @IsIn(ENTITLEMENTS, { each: true }) entitlements?: Entitlement[];
}

export class SubscriptionStartedPayload extends PlanTerms implements Mutable<SubscriptionStarted['data']> {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsInt() @Min(0) monthlyMillicredits!: number;
  @IsString() @IsNotEmpty() pool!: string;
  @IsInt() periodStart!: number;
  @IsOptional() @IsString() orderId?: string;
  @IsOptional() @IsString() providerSubscriptionId?: string;
  @IsInt() at!: number;
}

export class PlanPeriodGrantedPayload extends PlanTerms implements Mutable<PlanPeriodGranted['data']> {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsInt() @Min(0) monthlyMillicredits!: number;
  @IsString() @IsNotEmpty() pool!: string;
  @IsInt() periodStart!: number;
  @IsInt() periodEnd!: number;
  @IsOptional() @IsString() invoiceId?: string;
  @IsOptional() @IsInt() @Min(0) amountCents?: number;
  @IsOptional() @IsString() currency?: string;
  @IsOptional() @IsInt() @Min(0) taxCents?: number;
  @IsOptional() @IsString() receiptUrl?: string;
  @IsInt() at!: number;
}

/** An upgrade takes effect now: the task service follows its plan and terms, as for a granted period. */
export class PlanUpgradedPayload extends PlanTerms implements Mutable<PlanUpgraded['data']> {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() fromPlanId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsInt() @Min(0) monthlyMillicredits!: number;
  @IsInt() @Min(0) monthlyPriceCents!: number;
  @IsString() @IsNotEmpty() pool!: string;
  @IsInt() periodEnd!: number;
  @IsInt() @Min(0) proratedMillicredits!: number;
  @IsInt() @Min(0) proratedCents!: number;
  @IsString() currency!: string;
  @IsOptional() @IsString() invoiceId?: string;
  @IsOptional() @IsInt() @Min(0) taxCents?: number;
  @IsOptional() @IsString() receiptUrl?: string;
  @IsInt() at!: number;
}

export class SubscriptionCancelledPayload implements Mutable<SubscriptionCancelled['data']> {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsString() reason!: string;
  @IsOptional() @IsIn(['chargeback', 'refund']) cause?: SubscriptionEndCause;
  @IsInt() at!: number;
}

export class SubscriptionPastDuePayload implements Mutable<SubscriptionPastDue['data']> {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsString() @IsNotEmpty() invoiceId!: string;
  @IsInt() periodStart!: number;
  @IsInt() periodEnd!: number;
  @IsInt() @Min(1) attempt!: number;
  @IsString() reason!: string;
  @IsInt() at!: number;
}

export class SubscriptionCancellationScheduledPayload implements Mutable<SubscriptionCancellationScheduled['data']> {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsInt() endsAt!: number;
  @IsString() reason!: string;
  @IsInt() at!: number;
}

export class SubscriptionResumedPayload implements Mutable<SubscriptionResumed['data']> {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsInt() at!: number;
}

export class PlanDowngradeScheduledPayload extends PlanTerms implements Mutable<PlanDowngradeScheduled['data']> {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() fromPlanId!: string;
  @IsString() @IsNotEmpty() planId!: string;
  @IsInt() @Min(0) monthlyMillicredits!: number;
  @IsInt() @Min(0) monthlyPriceCents!: number;
  @IsInt() effectiveAt!: number;
  @IsInt() at!: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What a renewal's dispute or refund names: the renewal, and the grant of the period it paid, in the plan's pool. */
class RenewalPaymentPayload {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() invoiceId!: string;
  @IsString() @IsNotEmpty() grantId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsInt() at!: number;
}

export class RenewalDisputedPayload extends RenewalPaymentPayload implements Mutable<RenewalDisputed['data']> {
  @IsString() @IsNotEmpty() disputeId!: string;
  @IsInt() @Min(0) amountCents!: number;
  @IsString() @IsNotEmpty() currency!: string;
}

export class RenewalDisputeClosedPayload extends RenewalDisputedPayload implements Mutable<RenewalDisputeClosed['data']> {
  @IsIn(['won', 'lost']) outcome!: 'won' | 'lost';
}

export class RenewalRefundRequestedPayload extends RenewalPaymentPayload implements Mutable<RenewalRefundRequested['data']> {
  @IsString() reason!: string;
  @IsIn(['finance', 'owner', 'provider']) initiatedBy!: RenewalRefundRequested['data']['initiatedBy'];
  @IsOptional() @IsInt() @Min(0) providerRefundedCents?: number;
}

export class RenewalRefundedPayload extends RenewalPaymentPayload implements Mutable<RenewalRefunded['data']> {
  @IsInt() @Min(0) amountCents!: number;
  @IsString() @IsNotEmpty() currency!: string;
  @IsString() @IsNotEmpty() revocationId!: string;
  @IsInt() @Min(0) revokedMillicredits!: number;
  @IsOptional() @IsString() providerRefundId?: string | null;
}
