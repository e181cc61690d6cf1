import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ACCOUNT_ID_PATTERN, type BillingGateway, gatewayProblems } from '@billing/gateway-application';
import { Authenticated } from '../api-docs';
import { BalancesAsOfDto, CheckpointsDto, LiabilityDto, StatementDto, VerificationDto } from '../dto/finance-responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { QueryReader } from '../validate';

const POOL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** RFC 3339 date-time: `2026-03-01T00:00:00Z`, with optional fraction and an offset. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');
const INSTANT_SCHEMA = { type: 'string', format: 'date-time', example: '2026-03-01T00:00:00Z' } as const;
const ACCOUNT_SCHEMA = { type: 'string', pattern: ACCOUNT_ID_PATTERN.source, maxLength: 128 } as const;
const POOL_SCHEMA = { type: 'string', pattern: POOL.source, maxLength: 64 } as const;
const FINANCE_ONLY = 'For a signed-in user with role `finance` (others: 403). Replayed from the wallet’s events, hash chains verified on the way.';

/**
 * Finance's figures (role `finance`): statements, balances as of an instant, liability,
 * verification of the history and the signed checkpoints kept. Every figure is replayed
 * from the wallet's events by the finance service, never read from a read model.
 */
@ApiTags('finance')
@Authenticated({ appUsersOnly: true })
@Controller('v1/finance')
export class FinanceController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Get('statement')
  @ApiOperation({ summary: 'One account’s wallet movements in [from, to] with its opening and closing balances', description: FINANCE_ONLY })
  @ApiQuery({ name: 'account', required: true, description: 'The account whose statement it is', schema: ACCOUNT_SCHEMA })
  @ApiQuery({ name: 'pool', required: true, description: 'The pool whose wallet it is', schema: POOL_SCHEMA })
  @ApiQuery({ name: 'from', required: true, description: 'First instant, inclusive', schema: INSTANT_SCHEMA })
  @ApiQuery({ name: 'to', required: true, description: 'Last instant, inclusive; not before from', schema: INSTANT_SCHEMA })
  @ApiResponse({ status: 200, type: StatementDto })
  statement(@Req() request: GatewayRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    const reader = new QueryReader(query, ['account', 'pool', 'from', 'to']);
    const accountId = required(reader, 'account', reader.text('account', ACCOUNT_ID_PATTERN, 'account must be an account id'));
    const pool = required(reader, 'pool', reader.text('pool', POOL, 'pool must be a pool id'));
    const from = required(reader, 'from', instant(reader, 'from'));
    const to = required(reader, 'to', instant(reader, 'to'));
    reader.done();
    if (Date.parse(from) > Date.parse(to)) throw gatewayProblems.validation([{ field: 'from', message: 'from must not be after to' }]);
    return this.gateway.financeStatement(callerOf(request), { accountId, pool, from, to }, requestContextOf(request));
  }

  @Get('balances')
  @ApiOperation({ summary: 'Every wallet’s balance, held and available as of an instant (optionally one account, one pool)', description: FINANCE_ONLY })
  @ApiQuery({ name: 'as_of', required: true, description: 'Events recorded at or before this instant count', schema: INSTANT_SCHEMA })
  @ApiQuery({ name: 'account', required: false, description: 'Only this account; absent: every account', schema: ACCOUNT_SCHEMA })
  @ApiQuery({ name: 'pool', required: false, description: 'Only this pool; absent: every pool', schema: POOL_SCHEMA })
  @ApiResponse({ status: 200, type: BalancesAsOfDto })
  balances(@Req() request: GatewayRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    const reader = new QueryReader(query, ['as_of', 'account', 'pool']);
    const asOf = required(reader, 'as_of', instant(reader, 'as_of'));
    const accountId = reader.text('account', ACCOUNT_ID_PATTERN, 'account must be an account id');
    const pool = reader.text('pool', POOL, 'pool must be a pool id');
    reader.done();
    return this.gateway.financeBalances(
      callerOf(request),
      { asOf, ...(accountId === undefined ? {} : { accountId }), ...(pool === undefined ? {} : { pool }) },
      requestContextOf(request),
    );
  }

  @Get('liability')
  @ApiOperation({
    summary: 'Outstanding credits per pool and their value, breakage and revenue recognised in the period, and whether it reconciles',
    description: `${FINANCE_ONLY} The period runs from \`from\` (default: the start of the as_of month, UTC) to \`as_of\`; \`to\` names the same end and may be given instead of, or equal to, \`as_of\`.`,
  })
  @ApiQuery({ name: 'as_of', required: false, description: 'Outstanding at this instant, the end of the period (as_of or to is required)', schema: INSTANT_SCHEMA })
  @ApiQuery({ name: 'from', required: false, description: 'Start of the period; not after as_of', schema: INSTANT_SCHEMA })
  @ApiQuery({ name: 'to', required: false, description: 'End of the period: the same instant as as_of', schema: INSTANT_SCHEMA })
  @ApiResponse({ status: 200, type: LiabilityDto })
  liability(@Req() request: GatewayRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    const reader = new QueryReader(query, ['as_of', 'from', 'to']);
    const asOfGiven = instant(reader, 'as_of');
    const from = instant(reader, 'from');
    const to = instant(reader, 'to');
    reader.done();
    const errors: { field: string; message: string }[] = [];
    if (query['as_of'] === undefined && query['to'] === undefined) errors.push({ field: 'as_of', message: 'as_of (or to) is required' });
    if (asOfGiven !== undefined && to !== undefined && Date.parse(asOfGiven) !== Date.parse(to)) {
      errors.push({ field: 'to', message: 'to is the end of the period, which is as_of: give one of them, or the same instant' });
    }
    const asOf = asOfGiven ?? to;
    if (asOf !== undefined && from !== undefined && Date.parse(from) > Date.parse(asOf)) errors.push({ field: 'from', message: 'from must not be after as_of' });
    if (errors.length > 0 || asOf === undefined) throw gatewayProblems.validation(errors);
    return this.gateway.financeLiability(callerOf(request), { asOf, ...(from === undefined ? {} : { from }) }, requestContextOf(request));
  }

  @Get('verify')
  @ApiOperation({ summary: 'Hash chains, wallet invariants and every stored signed checkpoint, over the whole history', description: FINANCE_ONLY })
  @ApiQuery({ name: 'scope', required: false, description: 'chain: chains and invariants only; checkpoints (default): also every stored checkpoint', schema: { type: 'string', enum: ['chain', 'checkpoints'] } })
  @ApiResponse({ status: 200, type: VerificationDto })
  verify(@Req() request: GatewayRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    const reader = new QueryReader(query, ['scope']);
    const scope = reader.oneOf('scope', ['chain', 'checkpoints'] as const);
    reader.done();
    return this.gateway.financeVerify(callerOf(request), scope === undefined ? {} : { scope }, requestContextOf(request));
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'The signed checkpoints kept, oldest first, and whether each signature holds under the configured key', description: FINANCE_ONLY })
  @ApiQuery({ name: 'period', required: false, description: 'Only checkpoints that close a period of this length; absent: all', schema: { type: 'string', enum: ['day', 'month'] } })
  @ApiResponse({ status: 200, type: CheckpointsDto })
  checkpoints(@Req() request: GatewayRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    const reader = new QueryReader(query, ['period']);
    const period = reader.oneOf('period', ['day', 'month'] as const);
    reader.done();
    return this.gateway.financeCheckpoints(callerOf(request), period === undefined ? {} : { period }, requestContextOf(request));
  }
}

/** An RFC 3339 instant from 1970 to 9999, as the service's canonical ISO text (UTC, milliseconds). */
function instant(reader: QueryReader, name: string): string | undefined {
  const message = `${name} must be an instant: RFC 3339 date-time such as 2026-03-01T00:00:00Z, from 1970 to 9999`;
  const text = reader.text(name, INSTANT, message);
  if (text === undefined) return undefined;
  const [, year, month, day] = INSTANT.exec(text) ?? [];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDay = date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  const millis = Date.parse(text);
  if (!realDay || Number.isNaN(millis) || millis < 0 || millis > LATEST) {
    reader.reject(name, message);
    return undefined;
  }
  return new Date(millis).toISOString();
}

/** A required parameter: reported missing unless it was given (a bad value is reported by the reader already). */
function required(reader: QueryReader, name: string, value: string | undefined): string {
  if (value === undefined && !reader.has(name)) reader.reject(name, `${name} is required`);
  return value ?? '';
}
