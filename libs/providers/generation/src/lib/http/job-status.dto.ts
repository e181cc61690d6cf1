import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Min, validateSync, ValidateIf } from 'class-validator';
import type { GenerationJobRef, GenerationJobStatus } from '../generation-provider';

/**
 * What the provider answers to `GET <endpoint>/<providerJobId>`: `{"kind": "pending"}` while
 * it renders, then the outcome's fields, as in a webhook body (`outputDurationMillis` or `reason`).
 */
export class JobStatusDto {
  @IsIn(['pending', 'succeeded', 'failed'])
  kind!: 'pending' | 'succeeded' | 'failed';

  @ValidateIf((status: JobStatusDto) => status.kind === 'succeeded')
  @IsInt()
  @Min(0)
  outputDurationMillis?: number;

  @ValidateIf((status: JobStatusDto) => status.kind === 'failed')
  @IsString()
  @IsNotEmpty()
  reason?: string;
}

/** The job's status, or undefined when the answer is not one. */
export function parseJobStatus(value: unknown, job: GenerationJobRef): GenerationJobStatus | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const dto = plainToInstance(JobStatusDto, value);
  if (validateSync(dto).length > 0) return undefined;
  const { taskId, providerJobId } = job;
  switch (dto.kind) {
    case 'pending':
      return { kind: 'pending' };
    case 'succeeded':
      return { kind: 'succeeded', taskId, providerJobId, outputDurationMillis: dto.outputDurationMillis ?? 0 };
    case 'failed':
      return { kind: 'failed', taskId, providerJobId, reason: dto.reason ?? '' };
  }
}
