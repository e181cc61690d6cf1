import 'reflect-metadata';
import type { Channel, GenerationMode } from '@billing/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min, ValidateNested } from 'class-validator';

/** The fields of a task to price (QuoteRequest); durations are whole milliseconds. */
export class QuoteTaskFields {
  @IsString() @IsNotEmpty() model!: string;
  @IsInt() @Min(1) durationMillis!: number;
  @IsOptional() @IsString() resolution?: string;
  @IsOptional() @IsInt() @Min(1) fps?: number;
  @IsOptional() @IsString() complexity?: string;
  @IsOptional() @IsBoolean() videoReference?: boolean;
  @IsOptional() @IsIn(['standard', 'preview']) mode?: GenerationMode;
  @IsOptional() @IsInt() @Min(1) batchSize?: number;
}

/** `quote`: a task (or a batch of `batchSize` variations) under the version in force at `at` (default: now). */
export class QuoteRpcRequest {
  @IsOptional() @IsString() @IsNotEmpty() priceBookId?: string;
  @IsOptional() @IsInt() at?: number;
  @ValidateNested() @Type(() => QuoteTaskFields) request!: QuoteTaskFields;
  @IsOptional() @IsInt() @Min(1) batchSize?: number;
  /** When given, the reply names the pool this channel draws on under the quoted version. */
  @IsOptional() @IsIn(['app', 'api']) channel?: Channel;
}

export class CatalogRpcRequest {
  @IsOptional() @IsString() @IsNotEmpty() priceBookId?: string;
  @IsOptional() @IsInt() at?: number;
}

export class PriceBooksRpcRequest {
  @IsOptional() @IsInt() at?: number;
}
