import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ActorKind } from '@billing/contracts';
import { type BillingGateway, gatewayProblems } from '@billing/gateway-application';
import { Authenticated } from '../api-docs';
import { AccountDto, BalancesDto, CatalogDto, LedgerDto, UsageDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { QueryReader } from '../validate';

const POOL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const GROUP_BY = /^(key|member)$/;
const DAY_MILLIS = 86_400_000;
/** The longest usage range one request may ask for, in days. */
const MAX_USAGE_DAYS = 366;
const USAGE_DAYS_DEFAULT = 30;

/** The caller's balances and ledger, and what the price book in force sells. */
@ApiTags('credits')
@Authenticated()
@Controller('v1')
export class AccountController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Get('balances')
  @ApiOperation({
    summary: 'Per pool: balance, held, available',
    description:
      'For each of the account’s pools: the balance, the credits held by running tasks, and what is available (balance minus holds).',
  })
  @ApiResponse({ status: 200, type: BalancesDto })
  balances(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.balances(callerOf(request), requestContextOf(request));
  }

  @Get('ledger')
  @ApiOperation({
    summary: 'The caller’s wallet entries, oldest first, a page at a time',
    description:
      'The account’s wallet entries (purchases, grants, holds, charges, releases, refunds, expiries) in order. Pass the last position of a page as `after` to read the next.',
  })
  @ApiQuery({ name: 'pool', required: false, description: 'Only entries of this pool (`app`, `api`, or `points`)', schema: { type: 'string', pattern: POOL.source, maxLength: 64 } })
  @ApiQuery({ name: 'after', required: false, description: 'The last position of the previous page (`next_after`); absent: from the first entry', schema: { type: 'integer', minimum: 0, maximum: 999_999_999_999 } })
  @ApiQuery({ name: 'limit', required: false, description: 'Entries per page, at most 1000', schema: { type: 'integer', minimum: 1, maximum: 1000 } })
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

  @Get('account')
  @ApiOperation({
    summary: 'The caller’s plan (entitlements, concurrency limit) and its running and queued tasks',
    description:
      'The account’s plan with its entitlements and concurrency limit, how this request was authenticated, and the tasks running and queued now.',
  })
  @ApiResponse({ status: 200, type: AccountDto })
  account(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.account(callerOf(request), requestContextOf(request));
  }

  @Get('usage')
  @ApiOperation({
    summary: 'Credits charged per UTC day, by pool, model and mode (default: the last 30 days)',
    description:
      'Credits charged per UTC day in [from, to], broken down by pool, model and mode, for the dashboard’s usage charts; with `group_by`, also by API key or by member.',
  })
  @ApiQuery({ name: 'from', required: false, description: 'First day, inclusive', schema: { type: 'string', format: 'date', pattern: DAY.source } })
  @ApiQuery({ name: 'to', required: false, description: 'Last day, inclusive (default today, UTC); at most 366 days after from', schema: { type: 'string', format: 'date', pattern: DAY.source } })
  @ApiQuery({ name: 'pool', required: false, description: 'Only usage of this pool; absent: every pool', schema: { type: 'string', pattern: POOL.source, maxLength: 64 } })
  @ApiQuery({
    name: 'group_by',
    required: false,
    description: 'Also break the charges down by API key (`key`) or by member (`member`), in `groups`',
    schema: { type: 'string', enum: ['key', 'member'] },
  })
  @ApiResponse({ status: 200, type: UsageDto })
  usage(@Req() request: GatewayRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    const reader = new QueryReader(query, ['from', 'to', 'pool', 'group_by']);
    const from = reader.text('from', DAY, 'from must be a day, YYYY-MM-DD');
    const to = reader.text('to', DAY, 'to must be a day, YYYY-MM-DD');
    const pool = reader.text('pool', POOL, 'pool must be a pool id');
    const groupBy = reader.text('group_by', GROUP_BY, 'group_by must be key or member') as ActorKind | undefined;
    reader.done();
    const range = usageRange(from, to, Date.now());
    return this.gateway.usage(callerOf(request), { ...range, ...(pool ? { pool } : {}), ...(groupBy ? { groupBy } : {}) }, requestContextOf(request));
  }

  @Get('catalog')
  @ApiOperation({
    summary: 'Plans and packs of the price book in force',
    description:
      'The plans and credit packs of the active price book, with prices in cents and the pool each pack fills.',
  })
  @ApiResponse({ status: 200, type: CatalogDto })
  catalog(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.catalogView(callerOf(request), requestContextOf(request));
  }
}

/** [from, to] as whole UTC days: each a real date, from not after to, at most MAX_USAGE_DAYS long. */
function usageRange(from: string | undefined, to: string | undefined, now: number): { from: string; to: string } {
  const day = (millis: number) => new Date(millis).toISOString().slice(0, 10);
  const isDay = (value: string) => {
    const millis = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(millis) && day(millis) === value;
  };
  const toDay = to ?? day(now);
  // Without from, it counts back from to: only once to is a real day (0000-00-00 is not).
  const fromDay = from ?? (isDay(toDay) ? day(Date.parse(`${toDay}T00:00:00Z`) - (USAGE_DAYS_DEFAULT - 1) * DAY_MILLIS) : undefined);
  const errors: { field: string; message: string }[] = [];
  if (fromDay !== undefined && !isDay(fromDay)) errors.push({ field: 'from', message: 'from is not a calendar day' });
  if (!isDay(toDay)) errors.push({ field: 'to', message: 'to is not a calendar day' });
  if (errors.length === 0) {
    const days = (Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MILLIS + 1;
    if (days < 1) errors.push({ field: 'from', message: 'from must not be after to' });
    else if (days > MAX_USAGE_DAYS) errors.push({ field: 'from', message: `a range is at most ${MAX_USAGE_DAYS} days` });
  }
  if (errors.length > 0 || fromDay === undefined) throw gatewayProblems.validation(errors);
  return { from: fromDay, to: toDay };
}
