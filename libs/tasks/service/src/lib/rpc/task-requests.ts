import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ACTOR_KINDS, type Actor, type ActorKind, type Channel, type GenerationMode, type KeyBudget, GENERATION_MODES, REQUEST_LIMITS, TASK_STATUSES, type TaskStatus } from '@billing/contracts';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const { renderName, durationMillis, fps, batchSize, taskIdLength, taskPageSize } = REQUEST_LIMITS;
const NAME = { message: renderName.message };

class AccountRequest {
  @IsString() @Length(1, 200) accountId!: string;
}

class TaskRequest extends AccountRequest {
  @IsString() @Length(1, taskIdLength) taskId!: string;
}

class KeyBudgetRequest implements KeyBudget {
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) limitMillicredits!: number;
  @IsIn(['month', 'lifetime']) per!: KeyBudget['per'];
}

class ActorRequest implements Actor {
  @IsIn(ACTOR_KINDS) kind!: ActorKind;
  @IsString() @Length(1, 200) id!: string;
}

/** What to render: the quote request's fields (durations in whole milliseconds), within REQUEST_LIMITS. */
class RenderRequest extends AccountRequest {
  @IsIn(['app', 'api']) channel!: Channel;
  @IsString() @Matches(renderName.pattern, NAME) model!: string;
  @IsInt() @Min(durationMillis.min) @Max(durationMillis.max) durationMillis!: number;
  @IsOptional() @IsString() @Matches(renderName.pattern, NAME) resolution?: string;
  @IsOptional() @IsInt() @Min(fps.min) @Max(fps.max) fps?: number;
  @IsOptional() @IsString() @Matches(renderName.pattern, NAME) complexity?: string;
  @IsOptional() @IsBoolean() videoReference?: boolean;
  @IsOptional() @IsIn(GENERATION_MODES) mode?: GenerationMode;
  /** When every slot is taken: wait in the queue instead of being refused. */
  @IsOptional() @IsBoolean() queueIfBusy?: boolean;
  @IsOptional() @IsString() @Length(1, 200) keyId?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => KeyBudgetRequest) keyBudget?: KeyBudgetRequest;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ActorRequest) actor?: ActorRequest;
}

export class CreateTaskRequest extends RenderRequest {
  @IsString() @Length(1, taskIdLength) taskId!: string;
}

/** Variations of one prompt, priced together; each becomes a task `<batchId>-<index>`. */
export class CreateBatchRequest extends RenderRequest {
  @IsString() @Length(1, 180) batchId!: string;
  @IsInt() @Min(batchSize.min) @Max(batchSize.max) batchSize!: number;
}

export class GetTaskRequest extends TaskRequest {}
export class CancelTaskRequest extends TaskRequest {}
export class AdoptTaskRequest extends TaskRequest {}
export class UtilisationRequest extends AccountRequest {}

export class ListTasksRequest extends AccountRequest {
  @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @IsOptional() @IsInt() @Min(taskPageSize.min) @Max(taskPageSize.max) limit?: number;
  @IsOptional() @IsString() @IsNotEmpty() after?: string;
}

/** A signed outcome webhook from the HTTP generation provider, forwarded by the gateway. */
export class GenerationWebhookRequest {
  /** The body exactly as received, base64. */
  @IsString() rawBody!: string;
  @IsObject() headers!: Record<string, string>;
}
