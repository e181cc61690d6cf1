import 'reflect-metadata';
import {
  ENTITLEMENTS,
  type Entitlement,
  PURCHASE_EVENT_SCHEMA_VERSIONS,
  type PlanPeriodGranted,
  type PlanUpgraded,
  type SubscriptionCancelled,
  type SubscriptionStarted,
} from '@billing/contracts';
import type { PayloadSchemas } from '@billing/messaging';
import { IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';

/*
 * The subscription events the task service follows, as they must look on the wire.
 * `concurrencyLimit`, `priority` and `entitlements` are optional: when an event carries
 * them they win, otherwise the plan is looked up in the catalog by its id.
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
  @IsInt() at!: number;
}

export type SubscriptionPayloads = {
  SubscriptionStarted: SubscriptionStartedPayload;
  PlanPeriodGranted: PlanPeriodGrantedPayload;
  PlanUpgraded: PlanUpgradedPayload;
  SubscriptionCancelled: SubscriptionCancelledPayload;
};

export const SUBSCRIPTION_PAYLOAD_SCHEMAS: PayloadSchemas<SubscriptionPayloads> = {
  SubscriptionStarted: { schemaVersion: PURCHASE_EVENT_SCHEMA_VERSIONS.SubscriptionStarted, dto: SubscriptionStartedPayload },
  PlanPeriodGranted: { schemaVersion: PURCHASE_EVENT_SCHEMA_VERSIONS.PlanPeriodGranted, dto: PlanPeriodGrantedPayload },
  PlanUpgraded: { schemaVersion: PURCHASE_EVENT_SCHEMA_VERSIONS.PlanUpgraded, dto: PlanUpgradedPayload },
  SubscriptionCancelled: { schemaVersion: PURCHASE_EVENT_SCHEMA_VERSIONS.SubscriptionCancelled, dto: SubscriptionCancelledPayload },
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
