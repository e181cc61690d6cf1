import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway } from '@billing/gateway-application';
import { Authenticated } from '../api-docs';
import { BalancesDto, CatalogDto, LedgerDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { QueryReader } from '../validate';

const POOL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The caller's balances and ledger, and what the price book in force sells. */
@ApiTags('credits')
@Authenticated()
@Controller('v1')
export class AccountController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Get('balances')
  @ApiOperation({ summary: 'Per pool: balance, held, available' })
  @ApiResponse({ status: 200, type: BalancesDto })
  balances(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.balances(callerOf(request), requestContextOf(request));
  }

  @Get('ledger')
  @ApiOperation({ summary: 'The caller’s wallet entries, oldest first, a page at a time' })
  @ApiQuery({ name: 'pool', required: false, schema: { type: 'string', pattern: POOL.source, maxLength: 64 } })
  @ApiQuery({ name: 'after', required: false, schema: { type: 'integer', minimum: 0, maximum: 999_999_999_999 } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000 } })
  @ApiResponse({ status: 200, type: LedgerDto })
  ledger(@Req() request: GatewayRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    const reader = new QueryReader(query, ['pool', 'after', 'limit']);
    const pool = reader.text('pool', POOL, 'pool must be a pool id');
    const after = reader.whole('after', 0, 999_999_999_999);
    const limit = reader.whole('limit', 1, 1000);
    reader.done();
    return this.gateway.ledger(
      callerOf(request),
      { ...(pool ? { pool } : {}), ...(after === undefined ? {} : { after }), ...(limit ? { limit } : {}) },
      requestContextOf(request),
    );
  }

  @Get('catalog')
  @ApiOperation({ summary: 'Plans and packs of the price book in force' })
  @ApiResponse({ status: 200, type: CatalogDto })
  catalog(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.catalogView(callerOf(request), requestContextOf(request));
  }
}
