import 'reflect-metadata';
import type { KeySpendCall, PurchaseLotCall } from '@billing/contracts';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString } from 'class-validator';

/** `purchaseLot`: what is left of one purchase (or grant) in one wallet. */
export class PurchaseLotRequest implements PurchaseLotCall {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsString() @IsNotEmpty() purchaseId!: string;
  @IsOptional() @IsString() @IsNotEmpty() grantId?: string;
}

/** `keySpend`: what some API keys drew from one wallet. */
export class KeySpendRequest implements KeySpendCall {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsArray() @ArrayMaxSize(1_000) @IsString({ each: true }) @IsNotEmpty({ each: true }) keyIds!: string[];
  @IsInt() now!: number;
}
