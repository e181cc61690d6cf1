import 'reflect-metadata';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString } from 'class-validator';

/** Instants are ISO 8601 on the wire (`2026-03-01T00:00:00Z`). */
export class StatementRequest {
  @IsString() @IsNotEmpty() accountId!: string;
  @IsString() @IsNotEmpty() pool!: string;
  @IsISO8601() from!: string;
  @IsISO8601() to!: string;
}

export class BalancesAsOfRequest {
  @IsISO8601() asOf!: string;
  @IsOptional() @IsString() @IsNotEmpty() accountId?: string;
  @IsOptional() @IsString() @IsNotEmpty() pool?: string;
}

export class LiabilityRequest {
  @IsISO8601() asOf!: string;
  /** Start of the period for breakage and revenue; default the start of the asOf month (UTC). */
  @IsOptional() @IsISO8601() from?: string;
}

export class VerifyRequest {
  /** `chain`: hash chains and invariants only; `checkpoints` (default): also every stored checkpoint. */
  @IsOptional() @IsIn(['chain', 'checkpoints']) scope?: 'chain' | 'checkpoints';
}

/** Lists the checkpoints kept, optionally of one period kind. */
export class CheckpointsRequest {
  @IsOptional() @IsIn(['day', 'month']) period?: 'day' | 'month';
}
