import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Min, validateSync, ValidateIf } from 'class-validator';
import { InvalidGenerationOutcomeError } from './generation-errors';
import type { GenerationOutcome } from './generation-provider';

/**
 * The wire shape of an outcome, the same in a webhook body and in a Kafka event:
 * `{kind, taskId, providerJobId, outputDurationMillis}` or `{kind, taskId, providerJobId, reason}`.
 */
export class GenerationOutcomeDto {
  @IsIn(['succeeded', 'failed'])
  kind!: 'succeeded' | 'failed';

  @IsString()
  @IsNotEmpty()
  taskId!: string;

  @IsString()
  @IsNotEmpty()
  providerJobId!: string;

  @ValidateIf((outcome: GenerationOutcomeDto) => outcome.kind === 'succeeded')
  @IsInt()
  @Min(0)
  outputDurationMillis?: number;

  @ValidateIf((outcome: GenerationOutcomeDto) => outcome.kind === 'failed')
  @IsString()
  @IsNotEmpty()
  reason?: string;
}

/** Validates an outcome that came from outside; throws `InvalidGenerationOutcomeError`. */
export function parseGenerationOutcome(value: unknown): GenerationOutcome {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidGenerationOutcomeError(['an outcome must be a JSON object']);
  }
  const dto = plainToInstance(GenerationOutcomeDto, value);
  const errors = validateSync(dto, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new InvalidGenerationOutcomeError(
      errors.flatMap((error) => Object.values(error.constraints ?? { [error.property]: `${error.property} is invalid` })),
    );
  }
  const { taskId, providerJobId } = dto;
  return dto.kind === 'succeeded'
    ? { kind: 'succeeded', taskId, providerJobId, outputDurationMillis: dto.outputDurationMillis ?? 0 }
    : { kind: 'failed', taskId, providerJobId, reason: dto.reason ?? '' };
}
