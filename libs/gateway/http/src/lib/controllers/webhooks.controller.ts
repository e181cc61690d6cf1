import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { PaymentWebhookCall } from '@billing/contracts';
import { type BillingGateway, gatewayProblems, type WebhookInput } from '@billing/gateway-application';
import { ApiProblems } from '../api-docs';
import { WebhookOutcomeDto } from '../dto/responses';
import { BILLING_GATEWAY, Public } from '../guards';
import { type GatewayRequest, requestContextOf } from '../http-context';

const PROVIDERS: readonly PaymentWebhookCall['provider'][] = ['sandbox', 'stripe'];
const FREE_FORM = { schema: { type: 'object', additionalProperties: true } } as const;

/**
 * Notifications from the payment and generation providers. Their signature (with its
 * tolerance window against replays) is their authentication: the raw body and headers go
 * to the service that verifies them; a bad signature is a 400 problem.
 */
@ApiTags('webhooks')
@Public()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post('payments/:provider')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A payment provider’s signed notification (payment confirmed or failed)',
    description:
      'Called by the payment provider, not by clients: a payment confirmed or failed, checked against the provider’s signature before anything happens. A notification delivered twice has the effect of one.',
  })
  @ApiParam({ name: 'provider', enum: PROVIDERS, description: 'The payment provider that signed the notification' })
  @ApiBody(FREE_FORM)
  @ApiResponse({ status: 200, type: WebhookOutcomeDto })
  @ApiProblems(400, 404, 409, 413, 414, 415, 503)
  payment(@Req() request: GatewayRequest, @Param('provider') provider: string): Promise<unknown> {
    const known = PROVIDERS.find((candidate) => candidate === provider);
    if (!known) throw gatewayProblems.notFound('Payment provider', JSON.stringify(provider.slice(0, 40)));
    return this.gateway.paymentWebhook(known, webhookInput(request), requestContextOf(request));
  }

  @Post('generation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The generation provider’s signed outcome of a job',
    description:
      'Called by the generation provider, not by clients: the outcome of a job (succeeded, partly or not), checked against its signature. The task is charged or its hold released accordingly.',
  })
  @ApiBody(FREE_FORM)
  @ApiResponse({ status: 200, type: WebhookOutcomeDto })
  @ApiProblems(400, 404, 409, 413, 414, 415, 503)
  generation(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.generationWebhook(webhookInput(request), requestContextOf(request));
  }
}

function webhookInput(request: GatewayRequest): WebhookInput {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
    else if (Array.isArray(value)) headers[name.toLowerCase()] = value.join(', ');
  }
  return { rawBody: request.rawBody ?? Buffer.alloc(0), headers };
}
