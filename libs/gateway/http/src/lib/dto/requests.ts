import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** What to render. Durations are seconds with at most three decimals. */
export class RenderBody {
  @ApiProperty({ type: String, description: 'Model id from the price book', example: 'seedance-2.0', maxLength: 100, pattern: NAME.source })
  @IsString()
  @Matches(NAME, { message: 'model must be 1-100 letters, digits, ".", "_" or "-"' })
  model!: string;

  @ApiProperty({ type: Number, description: 'Seconds of output, at most three decimals', example: 5, minimum: 0.001, maximum: 3600 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(3600)
  duration_seconds!: number;

  @ApiPropertyOptional({ type: String, description: 'Resolution (720p, 1080p, 2160p); the book default when absent', example: '1080p', maxLength: 100, pattern: NAME.source })
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: 'resolution must be 1-100 letters, digits, ".", "_" or "-"' })
  resolution?: string;

  @ApiPropertyOptional({ type: Number, format: 'int32', description: 'Frames per second; the book default when absent', example: 30, minimum: 1, maximum: 240 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(240)
  fps?: number;

  @ApiPropertyOptional({ type: String, description: 'Complexity (standard, high_fidelity); the book default when absent', maxLength: 100, pattern: NAME.source })
  @IsOptional()
  @IsString()
  @Matches(NAME, { message: 'complexity must be 1-100 letters, digits, ".", "_" or "-"' })
  complexity?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Whether a reference video is given (changes the rate)' })
  @IsOptional()
  @IsBoolean()
  video_reference?: boolean;

  @ApiPropertyOptional({ type: String, enum: ['standard', 'preview'], description: 'A preview is a short low-resolution render at a fraction of the cost' })
  @IsOptional()
  @IsIn(['standard', 'preview'])
  mode?: 'standard' | 'preview';
}

export class QuoteBody extends RenderBody {
  @ApiPropertyOptional({ type: Number, format: 'int32', description: 'Variations of one prompt priced together', minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  batch_size?: number;
}

export class TaskBody extends RenderBody {
  @ApiPropertyOptional({ type: Boolean, description: 'Past the concurrency limit, wait in the queue instead of a 429' })
  @IsOptional()
  @IsBoolean()
  queue?: boolean;
}

export class BatchBody extends RenderBody {
  @ApiProperty({ type: Number, format: 'int32', description: 'How many variations', minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  batch_size!: number;

  @ApiPropertyOptional({ type: Boolean, description: 'Wait for slots past the concurrency limit (default true for a batch)' })
  @IsOptional()
  @IsBoolean()
  queue?: boolean;
}

export class OrderBody {
  @ApiProperty({ type: String, enum: ['pack', 'plan'], description: 'A credit pack or a plan' })
  @IsIn(['pack', 'plan'])
  kind!: 'pack' | 'plan';

  @ApiPropertyOptional({ type: String, description: 'The pack (kind pack), e.g. api-1000', maxLength: 128 })
  @ValidateIf((body: OrderBody) => body.kind !== 'plan')
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  pack_id?: string;

  @ApiPropertyOptional({ type: String, description: 'The plan (kind plan), e.g. creator', maxLength: 128 })
  @ValidateIf((body: OrderBody) => body.kind === 'plan')
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  plan_id?: string;
}

export class ApiKeyBody {
  @ApiPropertyOptional({ type: String, description: 'A name to recognise the key by', maxLength: 100, example: 'ci pipeline' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
}
