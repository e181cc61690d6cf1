import { Body, Controller, Get, Inject, Param, Put, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway } from '@billing/gateway-application';
import { ApiProblems, Authenticated } from '../api-docs';
import { BalanceAlertsBody } from '../dto/requests';
import { BalanceAlertListDto, PoolBalanceAlertsDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { pathId, validBody } from '../validate';

/**
 * Low-balance alerts: thresholds in credits per pool. Each fires once, as a `balance.low`
 * webhook (and `balance.depleted` at zero), when the pool's available credits fall below
 * it, and re-arms when they are back at or above it.
 */
@ApiTags('credits')
@Authenticated()
@Controller('v1/balance-alerts')
export class BalanceAlertsController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Get()
  @ApiOperation({
    summary: 'The caller’s low-balance alerts, per pool, and whether each is armed',
    description: 'Each pool with thresholds: the thresholds in credits, and for each alert (depleted included) whether it is armed and how often it fired.',
  })
  @ApiResponse({ status: 200, type: BalanceAlertListDto })
  list(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.balanceAlerts(callerOf(request), requestContextOf(request));
  }

  @Put(':pool')
  @ApiOperation({
    summary: 'Set a pool’s low-balance thresholds (an empty list turns its alerts off)',
    description:
      'Replaces the pool’s thresholds. With any threshold, `balance.depleted` is watched too. A threshold kept keeps its state; a new one is armed only while the pool is at or above it, so one set below the balance now waits for a rise first. Alerts reach the account’s webhook endpoints that ask for `balance.low` or `balance.depleted`, once per crossing (the same `webhook-id` on every retry).',
  })
  @ApiParam({ name: 'pool', description: 'The pool (`app` or `api` with the credits book)', schema: { type: 'string', maxLength: 200 } })
  @ApiBody({ type: BalanceAlertsBody })
  @ApiResponse({ status: 200, type: PoolBalanceAlertsDto })
  @ApiProblems(404, 413, 415)
  set(@Req() request: GatewayRequest, @Param('pool') pool: string, @Body() body: unknown): Promise<unknown> {
    const known = pathId(pool, 'Pool');
    const { thresholds } = validBody(BalanceAlertsBody, body);
    return this.gateway.setBalanceAlerts(callerOf(request), known, thresholds, requestContextOf(request));
  }
}
