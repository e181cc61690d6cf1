import 'reflect-metadata';
import { type Channel, type GenerationMode, GENERATION_MODES, REQUEST_LIMITS } from '@billing/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

const { renderName, durationMillis, fps, batchSize } = REQUEST_LIMITS;
const NAME = { message: renderName.message };

/** The fields of a task to price (QuoteRequest), within REQUEST_LIMITS; durations are whole milliseconds. */
export class QuoteTaskFields {
  @IsString() @Matches(renderName.pattern, NAME) model!: string;
  @IsInt() @Min(durationMillis.min) @Max(durationMillis.max) durationMillis!: number;
  @IsOptional() @IsString() @Matches(renderName.pattern, NAME) resolution?: string;
  @IsOptional() @IsInt() @Min(fps.min) @Max(fps.max) fps?: number;
  @IsOptional() @IsString() @Matches(renderName.pattern, NAME) complexity?: string;
  @IsOptional() @IsBoolean() videoReference?: boolean;
  @IsOptional() @IsIn(GENERATION_MODES) mode?: GenerationMode;
  @IsOptional() @IsInt() @Min(batchSize.min) @Max(batchSize.max) batchSize?: number;
}

/** `quote`: a task (or a batch of `batchSize` variations) under the version in force at `at` (default: now). */
export class QuoteRpcRequest {
  @IsOptional() @IsString() @IsNotEmpty() priceBookId?: string;
  @IsOptional() @IsInt() at?: number;
  @ValidateNested() @Type(() => QuoteTaskFields) request!: QuoteTaskFields;
  @IsOptional() @IsInt() @Min(batchSize.min) @Max(batchSize.max) batchSize?: number;
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
