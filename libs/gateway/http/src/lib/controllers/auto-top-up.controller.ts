import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway } from '@billing/gateway-application';
import { ApiProblems, Authenticated } from '../api-docs';
import { AutoTopUpBody } from '../dto/requests';
import { AutoTopUpDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { pathId, validBody } from '../validate';

const POOL = { name: 'pool', description: 'The pool (`app` or `api` with the credits book)', schema: { type: 'string' as const, maxLength: 200 } };

/**
 * Auto top-up per pool: when its available credits fall below the threshold, the pack is
 * bought with the saved payment method, one top-up at a time, within a monthly cap.
 */
@ApiTags('credits')
@Authenticated()
@Controller('v1/auto-top-up')
export class AutoTopUpController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Get(':pool')
  @ApiOperation({ summary: 'A pool’s auto top-up: its setting, the month’s spend, the top-up in flight', description: 'A pool without auto top-up is not found (404).' })
  @ApiParam(POOL)
  @ApiResponse({ status: 200, type: AutoTopUpDto })
  @ApiProblems(404)
  get(@Req() request: GatewayRequest, @Param('pool') pool: string): Promise<unknown> {
    return this.gateway.autoTopUp(callerOf(request), pathId(pool, 'Pool'), requestContextOf(request));
  }

  @Put(':pool')
  @ApiOperation({
    summary: 'Set a pool’s auto top-up (saving it again enables one that was disabled)',
    description:
      'When the pool’s available credits fall below `threshold`, the pack is bought with the saved payment method (Stripe: an off-session charge of the customer’s default method). A top-up is an order like any other: the same receipt and `credits.purchased`, then `auto_top_up.succeeded`; a declined charge sends `auto_top_up.failed`, and after `max_failures` in a row auto top-up is disabled. At most one top-up is in flight per pool, and top-ups never take a calendar month past `monthly_cap_cents`. While one is in flight, a task that does not fit the credits available now is refused (402).',
  })
  @ApiParam(POOL)
  @ApiBody({ type: AutoTopUpBody })
  @ApiResponse({ status: 200, type: AutoTopUpDto })
  @ApiProblems(404, 413, 415)
  set(@Req() request: GatewayRequest, @Param('pool') pool: string, @Body() body: unknown): Promise<unknown> {
    const known = pathId(pool, 'Pool');
    const input = validBody(AutoTopUpBody, body);
    const setting = { thresholdCredits: input.threshold, packId: input.pack_id, monthlyCapCents: input.monthly_cap_cents, maxFailures: input.max_failures ?? 3 };
    return this.gateway.setAutoTopUp(callerOf(request), known, setting, requestContextOf(request));
  }

  @Delete(':pool')
  @HttpCode(204)
  @ApiOperation({ summary: 'Turn a pool’s auto top-up off', description: 'Idempotent for a known pool, set or not (an unknown pool is not found: 404). A top-up already in flight still ends as its charge does.' })
  @ApiParam(POOL)
  @ApiResponse({ status: 204, description: 'Off' })
  @ApiProblems(404)
  async remove(@Req() request: GatewayRequest, @Param('pool') pool: string): Promise<void> {
    await this.gateway.removeAutoTopUp(callerOf(request), pathId(pool, 'Pool'), requestContextOf(request));
  }
}
