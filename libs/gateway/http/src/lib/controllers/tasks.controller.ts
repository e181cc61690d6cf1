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

const ID_PARAM = { name: 'id', schema: { type: 'string', pattern: PATH_ID.source, maxLength: REQUEST_LIMITS.taskIdLength } } as const;
const PAGE = REQUEST_LIMITS.taskPageSize;

/** Quotes, tasks, batches and utilisation: the pool is the one the caller's channel draws on. */
@ApiTags('tasks')
@Authenticated()
@Controller('v1')
export class TasksController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post('quotes')
  @ApiOperation({ summary: 'Price a task (or a batch) without running it' })
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
  @ApiOperation({ summary: 'Run a task: quoted, credits held in the caller’s pool, charged on success' })
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
  @ApiOperation({ summary: 'The caller’s tasks, oldest first, a page at a time' })
  @ApiQuery({ name: 'status', required: false, enum: TASK_STATUSES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: PAGE.min, maximum: PAGE.max } })
  @ApiQuery({ name: 'after', required: false, schema: { type: 'string', pattern: PATH_ID.source, maxLength: REQUEST_LIMITS.taskIdLength } })
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
  @ApiOperation({ summary: 'A task: status, pool, credits reserved, credits_cost, quote, why it ended' })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: TaskDto })
  @ApiProblems(404)
  getTask(@Req() request: GatewayRequest, @Param('id') id: string): Promise<unknown> {
    return this.gateway.getTask(callerOf(request), pathId(id), requestContextOf(request));
  }

  @Post('tasks/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a task; its hold is released' })
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
  @ApiOperation({ summary: 'Mark a charged task’s output as adopted (points utilisation)' })
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
  @ApiOperation({ summary: 'Variations of one prompt, priced together (needs batch_generation)' })
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
  @ApiOperation({ summary: 'Points utilisation: the share of charged credits spent on adopted output' })
  @ApiResponse({ status: 200, type: UtilisationDto })
  utilisation(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.utilisation(callerOf(request), requestContextOf(request));
  }
}
