import 'reflect-metadata';
import type { Channel, GenerationMode, TaskStatus } from '@billing/contracts';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';

const TASK_STATUSES: readonly TaskStatus[] = ['requested', 'queued', 'reserved', 'dispatched', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'charged', 'released', 'rejected'];

class AccountRequest {
  @IsString() @Length(1, 200) accountId!: string;
}

class TaskRequest extends AccountRequest {
  @IsString() @Length(1, 200) taskId!: string;
}

/** What to render: the quote request's fields (durations in whole milliseconds). */
class RenderRequest extends AccountRequest {
  @IsIn(['app', 'api']) channel!: Channel;
  @IsString() @IsNotEmpty() model!: string;
  @IsInt() @Min(1) durationMillis!: number;
  @IsOptional() @IsString() resolution?: string;
  @IsOptional() @IsInt() @Min(1) fps?: number;
  @IsOptional() @IsString() complexity?: string;
  @IsOptional() @IsBoolean() videoReference?: boolean;
  @IsOptional() @IsIn(['standard', 'preview']) mode?: GenerationMode;
  /** When every slot is taken: wait in the queue instead of being refused. */
  @IsOptional() @IsBoolean() queueIfBusy?: boolean;
}

export class CreateTaskRequest extends RenderRequest {
  @IsString() @Length(1, 200) taskId!: string;
}

/** Variations of one prompt, priced together; each becomes a task `<batchId>-<index>`. */
export class CreateBatchRequest extends RenderRequest {
  @IsString() @Length(1, 180) batchId!: string;
  @IsInt() @Min(1) @Max(1000) batchSize!: number;
}

export class GetTaskRequest extends TaskRequest {}
export class CancelTaskRequest extends TaskRequest {}
export class AdoptTaskRequest extends TaskRequest {}
export class UtilisationRequest extends AccountRequest {}

export class ListTasksRequest extends AccountRequest {
  @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @IsOptional() @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @IsNotEmpty() after?: string;
}

/** A signed outcome webhook from the HTTP generation provider, forwarded by the gateway. */
export class GenerationWebhookRequest {
  /** The body exactly as received, base64. */
  @IsString() rawBody!: string;
  @IsObject() headers!: Record<string, string>;
}
