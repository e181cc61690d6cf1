import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway, WebhookEndpointInput } from '@billing/gateway-application';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Authenticated, Idempotent } from '../api-docs';
import { RotateSecretBody, WebhookEndpointBody, WebhookEndpointChangesBody } from '../dto/requests';
import { WebhookDeliveryDto, WebhookDeliveryListDto, WebhookEndpointDto, WebhookEndpointListDto, WebhookEndpointWithSecretDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { idempotentPost } from '../idempotent-post';
import { PATH_ID, pathId, QueryReader, validBody } from '../validate';

const ID_SCHEMA = { type: 'string', pattern: PATH_ID.source, maxLength: 200 } as const;
const ID_PARAM = { name: 'id', description: 'The endpoint’s id', schema: ID_SCHEMA } as const;
const DELIVERY_PARAM = { name: 'deliveryId', description: 'The delivery’s id (`id` in the delivery log)', schema: ID_SCHEMA } as const;

/** The body's fields as the webhooks service names them; absent ones stay absent. */
function endpointInputOf(body: WebhookEndpointChangesBody): WebhookEndpointInput {
  return {
    ...(body.url === undefined ? {} : { url: body.url }),
    ...(body.event_types === undefined ? {} : { eventTypes: body.event_types }),
    ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
    ...(body.description === undefined ? {} : { description: body.description }),
  };
}

/**
 * The account's outgoing webhook endpoints (Standard Webhooks: `webhook-id`,
 * `webhook-timestamp`, `webhook-signature`) and the log of deliveries made to them.
 * Another account's endpoint is not found.
 */
@ApiTags('webhook-endpoints')
@Authenticated()
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post()
  @ApiOperation({
    summary: 'Register an endpoint; its signing secret is in this answer',
    description:
      'Registers a URL that receives the chosen billing events, each POSTed signed with the endpoint’s secret as the Standard Webhooks specification says, and retried with backoff for about a day. The secret (`whsec_...`) is shown here and when rotated.',
  })
  @ApiBody({ type: WebhookEndpointBody })
  @ApiResponse({ status: 201, type: WebhookEndpointWithSecretDto })
  @Idempotent()
  create(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return idempotentPost(
      this.gateway,
      request,
      reply,
      201,
      async () => {
        const input = validBody(WebhookEndpointBody, body);
        return this.gateway.webhookEndpoints.create(callerOf(request), { ...endpointInputOf(input), url: input.url, eventTypes: input.event_types }, requestContextOf(request));
      },
      // The secret is not kept with the answer: a replay shows the endpoint without it (rotate to get a new one).
      { kept: (created) => ({ ...created, secret: null }) },
    );
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s endpoints (never their secrets)', description: 'The account’s webhook endpoints, enabled or not, oldest first.' })
  @ApiResponse({ status: 200, type: WebhookEndpointListDto })
  list(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.webhookEndpoints.list(callerOf(request), requestContextOf(request));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller’s endpoints', description: 'One webhook endpoint of the account, without its secret.' })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: WebhookEndpointDto })
  @ApiProblems(404)
  get(@Req() request: GatewayRequest, @Param('id') id: string): Promise<unknown> {
    return this.gateway.webhookEndpoints.get(callerOf(request), pathId(id, 'Webhook endpoint'), requestContextOf(request));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an endpoint’s URL, event types, description, or enable or disable it',
    description: 'Each field sent replaces the endpoint’s; the others stay. Enabling an endpoint the platform disabled clears its reason.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: WebhookEndpointChangesBody })
  @ApiResponse({ status: 200, type: WebhookEndpointDto })
  @ApiProblems(404, 413, 415)
  update(@Req() request: GatewayRequest, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    const endpointId = pathId(id, 'Webhook endpoint');
    const changes = endpointInputOf(validBody(WebhookEndpointChangesBody, body));
    return this.gateway.webhookEndpoints.update(callerOf(request), endpointId, changes, requestContextOf(request));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an endpoint: nothing more is delivered to it', description: 'Deletes the endpoint; its pending deliveries are not attempted again.' })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: WebhookEndpointDto })
  @ApiProblems(404)
  remove(@Req() request: GatewayRequest, @Param('id') id: string): Promise<unknown> {
    return this.gateway.webhookEndpoints.delete(callerOf(request), pathId(id, 'Webhook endpoint'), requestContextOf(request));
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret; the previous one signs beside it for a while',
    description:
      'Issues a new secret, shown in this answer only. For `overlap_seconds` (default a day) each delivery carries two signatures, one per secret, so receivers can switch without missing one.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: RotateSecretBody, required: false })
  @ApiResponse({ status: 200, type: WebhookEndpointWithSecretDto })
  @ApiProblems(404, 413, 415)
  rotateSecret(@Req() request: GatewayRequest, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    const endpointId = pathId(id, 'Webhook endpoint');
    const { overlap_seconds: overlapSeconds } = validBody(RotateSecretBody, body);
    return this.gateway.webhookEndpoints.rotateSecret(callerOf(request), endpointId, overlapSeconds, requestContextOf(request));
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'The endpoint’s delivery log, newest first',
    description: 'Each message queued for the endpoint: its status (pending, succeeded, failed), attempts, the last answer, and the exact body sent.',
  })
  @ApiParam(ID_PARAM)
  @ApiQuery({ name: 'limit', required: false, description: 'At most this many (default 100)', schema: { type: 'integer', minimum: 1, maximum: 500 } })
  @ApiResponse({ status: 200, type: WebhookDeliveryListDto })
  @ApiProblems(404)
  deliveries(@Req() request: GatewayRequest, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<unknown> {
    const endpointId = pathId(id, 'Webhook endpoint');
    const reader = new QueryReader(query, ['limit']);
    const limit = reader.whole('limit', 1, 500);
    reader.done();
    return this.gateway.webhookEndpoints.deliveries(callerOf(request), endpointId, limit, requestContextOf(request));
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again, with the same webhook-id',
    description: 'Queues the message again for the endpoint, now and on a fresh retry schedule; receivers that deduplicate by `webhook-id` see it once in effect.',
  })
  @ApiParam(ID_PARAM)
  @ApiParam(DELIVERY_PARAM)
  @ApiResponse({ status: 202, type: WebhookDeliveryDto })
  @ApiProblems(404)
  replay(@Req() request: GatewayRequest, @Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<unknown> {
    const endpointId = pathId(id, 'Webhook endpoint');
    return this.gateway.webhookEndpoints.replay(callerOf(request), endpointId, pathId(deliveryId, 'Delivery'), requestContextOf(request));
  }
}
