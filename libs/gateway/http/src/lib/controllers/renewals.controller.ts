import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway } from '@billing/gateway-application';
import { ApiProblems, Authenticated } from '../api-docs';
import { RefundBody } from '../dto/requests';
import { RenewalDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { PATH_ID, pathId, validBody } from '../validate';

const ID_PARAM = {
  name: 'id',
  description: 'The invoice id at the payment provider of a renewal, or of an upgrade’s pro rata charge (a receipt of kind `renewal` is `renewal:<invoice id>`)',
  schema: { type: 'string', pattern: PATH_ID.source, maxLength: 200 },
} as const;

/** A plan's paid renewals (its later months), refunded by finance. */
@ApiTags('orders')
@Authenticated()
@Controller('v1/renewals')
export class RenewalsController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post(':id/refund')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Refund a plan’s paid renewal: its period’s unspent credits taken back, their share of the price returned',
    description:
      'Role finance only (anyone else is refused with 403; another account’s renewal is not found). The credits the renewal paid for (its period’s grant; an upgrade’s invoice: the upgrade’s pro rata grant) that are still unspent are taken back and their share of its price (pro rata, rounded down to the cent) returned through the payment provider, asynchronously: the renewal shows `refund_requested`, then `refunded`. Asked again, it changes nothing. The plan goes on. 502 when the provider has not yet reported the payment to refund (try again).',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: RefundBody, required: false })
  @ApiResponse({ status: 202, type: RenewalDto })
  @ApiProblems(404, 409, 502)
  refund(@Req() request: GatewayRequest, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    const { reason } = validBody(RefundBody, body);
    return this.gateway.refundRenewal(callerOf(request), pathId(id, 'Renewal'), reason, requestContextOf(request));
  }
}
