import 'reflect-metadata';
import type { PurchaseLotCall } from '@billing/contracts';
import { IsNotEmpty, IsString } from 'class-validator';

/** `purchaseLot`: what is left of one purchase in one wallet. */
export class PurchaseLotRequest implements PurchaseLotCall {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsString() @IsNotEmpty() purchaseId!: string;
}
