import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway } from '@billing/gateway-application';
import { ApiProblems, Authenticated } from '../api-docs';
import { ReceiptListDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';

/** Every payment of the caller's account: paid orders, plan renewals and upgrades. */
@ApiTags('orders')
@Authenticated()
@Controller('v1/receipts')
export class ReceiptsController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Get()
  @ApiOperation({
    summary: 'The caller’s receipts, newest first',
    description:
      'A receipt per paid order (a pack, or a plan’s first month), per paid plan renewal and per upgrade: amount, tax when the payment provider computed it, credits granted, the period paid for, and the provider’s hosted receipt or invoice where it has one.',
  })
  @ApiResponse({ status: 200, type: ReceiptListDto })
  @ApiProblems()
  list(@Req() request: GatewayRequest): Promise<unknown> {
    return this.gateway.receipts(callerOf(request), requestContextOf(request));
  }
}
