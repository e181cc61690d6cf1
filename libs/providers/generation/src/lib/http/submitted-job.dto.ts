import { plainToInstance } from 'class-transformer';
import { IsNotEmpty, IsString, validateSync } from 'class-validator';
import type { SubmittedJob } from '../generation-provider';

/** What the provider answers to a submitted job: `{"providerJobId": "..."}`. */
export class SubmittedJobDto {
  @IsString()
  @IsNotEmpty()
  providerJobId!: string;
}

export function parseSubmittedJob(value: unknown): SubmittedJob | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const dto = plainToInstance(SubmittedJobDto, value);
  return validateSync(dto).length === 0 ? { providerJobId: dto.providerJobId } : undefined;
}
