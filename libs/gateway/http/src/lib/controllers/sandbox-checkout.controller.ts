import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../api-docs';
import { DASHBOARD_PATH } from '../dashboard-files';
import { Public } from '../guards';
import { PATH_ID, pathId } from '../validate';

/**
 * Where the sandbox payment provider sends a buyer (SANDBOX_CHECKOUT_URL/<order id>): the
 * dashboard's checkout view for that order, where the signed-in user pays. Public, like any
 * checkout page: the order is read and paid with the user's own token there.
 */
@ApiTags('orders')
@Public()
@Controller('v1/sandbox/checkout')
export class SandboxCheckoutController {
  @Get(':id')
  @ApiOperation({
    summary: 'Sandbox only: the checkout page of an order; redirects to the dashboard’s checkout view',
    description:
      'With the sandbox payment provider only: the page an order’s `checkout_url` leads to. It redirects (303) to the dashboard’s checkout view of the order.',
  })
  @ApiParam({ name: 'id', description: 'The order’s id', schema: { type: 'string', pattern: PATH_ID.source, maxLength: 200 } })
  @ApiResponse({ status: 303, description: 'See the dashboard’s checkout view', headers: { Location: { description: '/dashboard/checkout/<order id>', schema: { type: 'string' } } } })
  @ApiProblems(404, 414)
  async checkout(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const orderId = pathId(id, 'Order');
    await reply.status(303).header('location', `${DASHBOARD_PATH}/checkout/${encodeURIComponent(orderId)}`).send();
  }
}
