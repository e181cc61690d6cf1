import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway } from '@billing/gateway-application';
import { ApiProblems, Authenticated } from '../api-docs';
import { ChangePlanBody } from '../dto/requests';
import { PlanSubscriptionDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { validBody } from '../validate';

/**
 * The caller's plan subscription (a plan is ordered through `POST /v1/orders`). Cancelling
 * and resuming are idempotent by nature: the same request twice leaves the plan as once.
 */
@ApiTags('orders')
@Authenticated()
@Controller('v1/subscription')
export class SubscriptionController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Get()
  @ApiOperation({
    summary: 'The caller’s plan subscription: status, paid period, scheduled end',
    description:
      'The account’s subscription to its paid plan: its status, the period paid for, and whether it ends at the period’s end. An account without a paid plan has none (404).',
  })
  @ApiResponse({ status: 200, type: PlanSubscriptionDto })
  @ApiProblems(404)
  get(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.planSubscription(callerOf(request), requestContextOf(request));
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel at period end: the paid period runs out, nothing renews after it',
    description:
      'Schedules the end of the subscription: the plan stays until the paid period runs out, and nothing renews after it. The payment provider is told; when it refuses, the answer is 502.',
  })
  @ApiResponse({ status: 200, type: PlanSubscriptionDto })
  @ApiProblems(404, 409, 502)
  cancel(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.setCancelAtPeriodEnd(callerOf(request), true, requestContextOf(request));
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Undo a cancellation before the period ends: the plan renews as before',
    description:
      'Withdraws a scheduled cancellation while the paid period lasts: the plan renews at the period’s end as before. The payment provider is told; when it refuses, the answer is 502.',
  })
  @ApiResponse({ status: 200, type: PlanSubscriptionDto })
  @ApiProblems(404, 409, 502)
  resume(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.setCancelAtPeriodEnd(callerOf(request), false, requestContextOf(request));
  }

  @Post('change')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change plan: an upgrade now, pro rata; a downgrade at the period’s end',
    description:
      'Moves the subscription to another plan of the price book in force. A plan with a larger monthly grant takes effect now: the difference in credits for the rest of the paid period is granted (rounded down to the millicredit) and the difference in price charged pro rata by the payment provider. A plan with a smaller grant takes effect at the next renewal (`pending_change`). Asking again for the plan in force, or the one scheduled, changes nothing.',
  })
  @ApiBody({ type: ChangePlanBody })
  @ApiResponse({ status: 200, type: PlanSubscriptionDto })
  @ApiProblems(400, 404, 409, 502)
  change(@Req() request: GatewayRequest, @Body() body: unknown): Promise<unknown> {
    const { plan_id: planId } = validBody(ChangePlanBody, body);
    return this.gateway.changePlan(callerOf(request), planId, requestContextOf(request));
  }

  @Post('sandbox-decline-next-renewal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sandbox only: the next renewal of the caller’s plan is declined (403 with a real provider)',
    description:
      'With the sandbox payment provider only: the next renewal of the account’s plan will be declined, to try what a failed renewal does. Refused (403) with a real provider.',
  })
  @ApiResponse({ status: 200, type: PlanSubscriptionDto })
  @ApiProblems(404)
  declineNextRenewal(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.declineNextSandboxRenewal(callerOf(request), requestContextOf(request));
  }
}
