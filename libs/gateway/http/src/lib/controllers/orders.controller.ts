import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { BillingGateway, OrderView } from '@billing/gateway-application';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Authenticated, Idempotent } from '../api-docs';
import { OrderBody, RefundBody } from '../dto/requests';
import { OrderDto, ReceiptDto } from '../dto/responses';
import { BILLING_GATEWAY } from '../guards';
import { callerOf, type GatewayRequest, requestContextOf } from '../http-context';
import { idempotentPost } from '../idempotent-post';
import { PATH_ID, pathId, validBody } from '../validate';

const ID_PARAM = { name: 'id', description: 'The order’s id', schema: { type: 'string', pattern: PATH_ID.source, maxLength: 200 } } as const;

/** Orders for credit packs and plans, paid through the configured payment provider. */
@ApiTags('orders')
@Authenticated()
@Controller('v1/orders')
export class OrdersController {
  constructor(@Inject(BILLING_GATEWAY) private readonly gateway: BillingGateway) {}

  @Post()
  @ApiOperation({
    summary: 'Order a credit pack or a plan; the answer carries the checkout URL',
    description:
      'Creates an order for a credit pack or a plan. Pay at `checkout_url`; the credits arrive once the payment provider confirms the payment.',
  })
  @ApiBody({ type: OrderBody })
  @ApiResponse({ status: 201, type: OrderDto })
  @Idempotent()
  @ApiProblems(404, 409)
  place(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    return idempotentPost(
      this.gateway,
      request,
      reply,
      201,
      async () => {
        const input = validBody(OrderBody, body);
        const item = input.kind === 'pack' ? { kind: 'pack' as const, packId: input.pack_id ?? '' } : { kind: 'plan' as const, planId: input.plan_id ?? '' };
        return this.gateway.placeOrder(callerOf(request), item, requestContextOf(request));
      },
      // The checkout stays the one the order was placed with.
      { current: async (order) => ({ ...(await this.orderNow(request, order.id)), checkout_url: order.checkout_url }) },
    );
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One of the caller’s orders',
    description:
      'One of the account’s orders and its status (pending, paid, failed). Another account’s order is not found.',
  })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: OrderDto })
  @ApiProblems(404)
  get(@Req() request: GatewayRequest, @Param('id') id: string): Promise<unknown> {
    return this.gateway.getOrder(callerOf(request), pathId(id, 'Order'), requestContextOf(request));
  }

  @Get(':id/receipt')
  @ApiOperation({
    summary: 'The receipt of one of the caller’s paid orders',
    description:
      'What the order’s payment bought: amount, tax when the payment provider computed it, credits granted, the plan period paid for, and the provider’s hosted receipt or invoice where it has one. An unpaid order, or another account’s, has none (404).',
  })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: ReceiptDto })
  @ApiProblems(404)
  receipt(@Req() request: GatewayRequest, @Param('id') id: string): Promise<unknown> {
    return this.gateway.orderReceipt(callerOf(request), pathId(id, 'Order'), requestContextOf(request));
  }

  @Post(':id/confirm-sandbox-payment')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sandbox only: the buyer paid (the sandbox checkout leads here); the credits arrive',
    description:
      'With the sandbox payment provider only: confirms the order as paid, as the sandbox checkout page does, and answers once its credits are in the wallet. Refused with another provider.',
  })
  @ApiParam(ID_PARAM)
  @ApiResponse({ status: 200, type: OrderDto })
  @Idempotent()
  @ApiProblems(404, 409)
  confirm(@Req() request: GatewayRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return idempotentPost(this.gateway, request, reply, 200, () => this.gateway.confirmSandboxPayment(callerOf(request), pathId(id, 'Order'), requestContextOf(request)), {
      current: (order) => this.orderNow(request, order.id),
    });
  }

  @Post(':id/refund')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Refund an order: its unspent credits taken back, their share of the price returned',
    description:
      'Role finance may refund any paid order; the owner an unused pack within the refund window. The pack’s unspent credits are taken back and their share of the price returned through the payment provider, asynchronously: the order shows `refund_requested`, then `refunded`.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: RefundBody, required: false })
  @ApiResponse({ status: 202, type: OrderDto })
  @ApiProblems(404, 409, 502)
  refund(@Req() request: GatewayRequest, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    const { reason } = validBody(RefundBody, body);
    return this.gateway.refundOrder(callerOf(request), pathId(id, 'Order'), reason, requestContextOf(request));
  }

  /** An order as it is now: what a replayed POST about it answers. */
  private orderNow(request: GatewayRequest, orderId: string): Promise<OrderView> {
    return this.gateway.getOrder(callerOf(request), orderId, requestContextOf(request));
  }
}
