import { GenerationProviderError } from './generation-errors';
import type { GenerationJob } from './generation-provider';

export function assertValidJob(job: GenerationJob): void {
  if (job.taskId.length === 0) throw new GenerationProviderError('invalid_job', 'a job needs a taskId');
  if (!Number.isSafeInteger(job.durationMillis) || job.durationMillis <= 0) {
    throw new GenerationProviderError(
      'invalid_job',
      `task ${job.taskId}: durationMillis must be a positive integer, got ${job.durationMillis}`,
    );
  }
}
