import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REQUEST_LIMITS, TASK_STATUSES } from '@billing/contracts';
import type { BillingGateway, TaskView } from '@billing/gateway-application';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Authenticated, Idempotent } from '../api-docs';
import { BatchBody, QuoteBody, TaskBody } from '../dto/requests';
import { BatchDto, QuoteDto, TaskDto, TaskPageDto, UtilisationDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { idempotentPost } from '../idempotent-post';
import { PATH_ID, pathId, QueryReader, validBody } from '../validate';
import { renderInputOf } from './render-input';

const ID_PARAM = { name: 'id', description: 'The task’s id (`task_id` in the answer that created it)', schema: { type: 'string', pattern: PATH_ID.source, maxLength: REQUEST_LIMITS.taskIdLength } } as const;
const PAGE = REQUEST_LIMITS.taskPageSize;

/** Quotes, tasks, batches and utilisation: the pool is the one the caller's channel draws on. */
@ApiTags('tasks')
@Authenticated()
@Controller('v1')
export class TasksController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post('quotes')
  @ApiOperation({
    summary: 'Price a task (or a batch) without running it',
    description:
      'Prices a render (or `batch_size` variations of one prompt) with the active price book: credits, every factor of the breakdown, the price book version, a `quote_id` and its expiry. Nothing is held or charged.',
  })
  @ApiBody({ type: QuoteBody })
  @ApiResponse({ status: 200, type: QuoteDto })
  @Idempotent()
  @ApiProblems(404)
  quote(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return idempotentPost(this.gateway, request, reply, 200, async () => {
      const input = validBody(QuoteBody, body);
      return this.gateway.quote(callerOf(request), { ...renderInputOf(input), ...(input.batch_size === undefined ? {} : { batchSize: input.batch_size }) }, requestContextOf(request));
    });
  }

  @Post('tasks')
  @ApiOperation({
    summary: 'Run a task: quoted, credits held in the caller’s pool, charged on success',
    description:
      'Quotes the render, holds its credits in the pool of the caller’s channel (App for an app user, API for an API key; never the other), and dispatches it. On success the task is charged (never more than held); on failure, cancellation or timeout the hold is released. Past the concurrency limit the answer is 429, unless `queue` asks to wait for a slot.',
  })
  @ApiBody({ type: TaskBody })
  @ApiResponse({ status: 201, type: TaskDto, description: 'The task (often already charged with a fast provider)' })
  @Idempotent()
  @ApiProblems(402, 404, 409)
  createTask(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return idempotentPost(
      this.gateway,
      request,
      reply,
      201,
      async () => {
        const input = validBody(TaskBody, body);
        return this.gateway.createTask(callerOf(request), { ...renderInputOf(input), ...(input.queue === undefined ? {} : { queue: input.queue }) }, requestContextOf(request));
      },
      { current: (task) => this.taskNow(request, task.id) },
    );
  }

  @Get('tasks')
  @ApiOperation({
    summary: 'The caller’s tasks, oldest first, a page at a time',
    description:
      'The account’s tasks in creation order. Pass the last id of a page as `after` to read the next; `next_after` is null on the last page.',
  })
  @ApiQuery({ name: 'status', required: false, enum: TASK_STATUSES, description: 'Only tasks in this status' })
  @ApiQuery({ name: 'limit', required: false, description: `Tasks per page, at most ${PAGE.max}`, schema: { type: 'integer', minimum: PAGE.min, maximum: PAGE.max } })
  @ApiQuery({ name: 'after', required: false, description: 'The last task id of the previous page (`next_after`); absent: the first page', schema: { type: 'string', pattern: PATH_ID.source, maxLength: REQUEST_LIMITS.taskIdLength } })
  @ApiResponse({ status: 200, type: TaskPageDto })
  listTasks(@Req() request: GatewayRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    const reader = new QueryReader(query, ['status', 'limit', 'after']);
    const status = reader.oneOf('status', TASK_STATUSES);
    const limit = reader.whole('limit', PAGE.min, PAGE.max);
    const after = reader.text('after', PATH_ID, 'after must be a task id');
    reader.done();
    return this.gateway.listTasks(
      callerOf(request),
      { ...(status ? { status } : {}), ...(limit ? { limit } : {}), ...(after ? { after } : {}) },
      requestContextOf(request),
    );
  }

  @Get('tasks/:id')
  @ApiOperation({
    summary: 'A task: status, pool, credits reserved, credits_cost, quote, why it ended',
    description:
      'One of the account’s tasks as it is now. `credits_cost` is null until the task is charged; an ended task says why. Another account’s task is not found.',
  })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: TaskDto })
  @ApiProblems(404)
  getTask(@Req() request: GatewayRequest, @Param('id') id: string): Promise<unknown> {
    return this.gateway.getTask(callerOf(request), pathId(id), requestContextOf(request));
  }

  @Post('tasks/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a task; its hold is released',
    description:
      'Cancels a queued or running task; the credits held for it are released to the pool. A task that already ended is a 409.',
  })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: TaskDto })
  @Idempotent()
  @ApiProblems(404, 409)
  cancelTask(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return idempotentPost(this.gateway, request, reply, 200, () => this.gateway.cancelTask(callerOf(request), pathId(id), requestContextOf(request)), {
      current: (task) => this.taskNow(request, task.id),
    });
  }

  @Post('tasks/:id/adopt')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a charged task’s output as adopted (points utilisation)',
    description:
      'Records that a charged task’s output was adopted, which counts towards points utilisation. Only a charged task can be adopted (409 otherwise); adopting twice changes nothing.',
  })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: TaskDto })
  @Idempotent()
  @ApiProblems(404, 409)
  adoptTask(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return idempotentPost(this.gateway, request, reply, 200, () => this.gateway.adoptTask(callerOf(request), pathId(id), requestContextOf(request)), {
      current: (task) => this.taskNow(request, task.id),
    });
  }

  @Post('batches')
  @ApiOperation({
    summary: 'Variations of one prompt, priced together (needs batch_generation)',
    description:
      'Runs several variations of one prompt as tasks priced together, with the batch discount on each task past the first when the batch is large enough. Needs the plan’s `batch_generation` entitlement (403 otherwise).',
  })
  @ApiBody({ type: BatchBody })
  @ApiResponse({ status: 201, type: BatchDto })
  @Idempotent()
  @ApiProblems(402, 404, 409)
  createBatch(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return idempotentPost(
      this.gateway,
      request,
      reply,
      201,
      async () => {
        const input = validBody(BatchBody, body);
        return this.gateway.createBatch(
          callerOf(request),
          { ...renderInputOf(input), batchSize: input.batch_size, ...(input.queue === undefined ? {} : { queue: input.queue }) },
          requestContextOf(request),
        );
      },
      { current: async (batch) => ({ ...batch, tasks: await Promise.all(batch.tasks.map((task) => this.taskNow(request, task.id))) }) },
    );
  }

  /** A task as it is now: what a replayed POST about it answers. */
  private taskNow(request: GatewayRequest, taskId: string): Promise<TaskView> {
    return this.gateway.getTask(callerOf(request), taskId, requestContextOf(request));
  }

  @Get('utilisation')
  @ApiOperation({
    summary: 'Points utilisation: the share of charged credits spent on adopted output',
    description:
      'Of the credits charged to the account, the share spent on tasks whose output was adopted.',
  })
  @ApiResponse({ status: 200, type: UtilisationDto })
  utilisation(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.utilisation(callerOf(request), requestContextOf(request));
  }
}
