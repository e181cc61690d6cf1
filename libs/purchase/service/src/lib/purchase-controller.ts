import {
  type AccountPlan,
  type AccountPlanCall,
  type Answering,
  type AutoTopUpPoolCall,
  type AutoTopUpView,
  type ChangePlanCall,
  type ConfirmSandboxPaymentCall,
  type FailSandboxRenewalsCall,
  type GetOrderCall,
  type Order,
  type OrderCreditedCall,
  type OrderCreditedReply,
  type PaymentWebhookCall,
  type PlacedOrder,
  type PlaceOrderCall,
  type PlanSubscriptionCall,
  type PlanSubscriptionView,
  PurchaseRpc,
  type ReceiptsCall,
  type ReceiptsReply,
  type RefundOrderCall,
  type RefundRenewalCall,
  type PaidRenewalView,
  type SandboxRenewalsReply,
  type SetAutoTopUpCall,
  type StartContractPlanCall,
  type WebhookOutcome,
} from '@billing/contracts';
import { answers } from '@billing/service-host';
import { Catch, Controller, Inject, type RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { type Observable, throwError } from 'rxjs';
import { OrderCreditedRequest } from './order-credits';
import { asProblem } from './purchase-problems';
import {
  AccountPlanRequest,
  AutoTopUpPoolRequest,
  ChangePlanRequest,
  ConfirmSandboxPaymentRequest,
  FailSandboxRenewalsRequest,
  GetOrderRequest,
  PaymentWebhookRequest,
  PlaceOrderRequest,
  PlanSubscriptionRequest,
  ReceiptsRequest,
  RefundOrderRequest,
  RefundRenewalRequest,
  SetAutoTopUpRequest,
  StartContractPlanRequest,
} from './purchase-requests';

export const PURCHASE_OPERATIONS = Symbol('PurchaseOperations');

/** The purchase service's refusals (an unknown pack, an order in the wrong state) answered as problem details. */
@Catch()
class PurchaseProblems implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => asProblem(exception));
  }
}

/** Orders, payments, refunds and plans: each request is answered by the purchase operations. */
@Controller()
@UseFilters(PurchaseProblems)
export class PurchaseController implements Answering<typeof PurchaseRpc> {
  constructor(@Inject(PURCHASE_OPERATIONS) private readonly purchase: Answering<typeof PurchaseRpc>) {}

  @MessagePattern(PurchaseRpc.placeOrder, answers(PlaceOrderRequest))
  placeOrder(@Payload() request: PlaceOrderCall): Promise<PlacedOrder> {
    return this.purchase.placeOrder(request);
  }

  @MessagePattern(PurchaseRpc.getOrder, answers(GetOrderRequest))
  getOrder(@Payload() request: GetOrderCall): Promise<Order> {
    return this.purchase.getOrder(request);
  }

  @MessagePattern(PurchaseRpc.confirmSandboxPayment, answers(ConfirmSandboxPaymentRequest))
  confirmSandboxPayment(@Payload() request: ConfirmSandboxPaymentCall): Promise<WebhookOutcome> {
    return this.purchase.confirmSandboxPayment(request);
  }

  @MessagePattern(PurchaseRpc.orderCredited, answers(OrderCreditedRequest))
  orderCredited(@Payload() request: OrderCreditedCall): Promise<OrderCreditedReply> {
    return this.purchase.orderCredited(request);
  }

  @MessagePattern(PurchaseRpc.paymentWebhook, answers(PaymentWebhookRequest))
  paymentWebhook(@Payload() request: PaymentWebhookCall): Promise<WebhookOutcome> {
    return this.purchase.paymentWebhook(request);
  }

  @MessagePattern(PurchaseRpc.refundOrder, answers(RefundOrderRequest))
  refundOrder(@Payload() request: RefundOrderCall): Promise<Order> {
    return this.purchase.refundOrder(request);
  }

  @MessagePattern(PurchaseRpc.refundRenewal, answers(RefundRenewalRequest))
  refundRenewal(@Payload() request: RefundRenewalCall): Promise<PaidRenewalView> {
    return this.purchase.refundRenewal(request);
  }

  @MessagePattern(PurchaseRpc.accountPlan, answers(AccountPlanRequest))
  accountPlan(@Payload() request: AccountPlanCall): Promise<AccountPlan> {
    return this.purchase.accountPlan(request);
  }

  @MessagePattern(PurchaseRpc.startContractPlan, answers(StartContractPlanRequest))
  startContractPlan(@Payload() request: StartContractPlanCall): Promise<AccountPlan> {
    return this.purchase.startContractPlan(request);
  }

  @MessagePattern(PurchaseRpc.planSubscription, answers(PlanSubscriptionRequest))
  planSubscription(@Payload() request: PlanSubscriptionCall): Promise<PlanSubscriptionView> {
    return this.purchase.planSubscription(request);
  }

  @MessagePattern(PurchaseRpc.cancelPlanAtPeriodEnd, answers(PlanSubscriptionRequest))
  cancelPlanAtPeriodEnd(@Payload() request: PlanSubscriptionCall): Promise<PlanSubscriptionView> {
    return this.purchase.cancelPlanAtPeriodEnd(request);
  }

  @MessagePattern(PurchaseRpc.resumePlan, answers(PlanSubscriptionRequest))
  resumePlan(@Payload() request: PlanSubscriptionCall): Promise<PlanSubscriptionView> {
    return this.purchase.resumePlan(request);
  }

  @MessagePattern(PurchaseRpc.changePlan, answers(ChangePlanRequest))
  changePlan(@Payload() request: ChangePlanCall): Promise<PlanSubscriptionView> {
    return this.purchase.changePlan(request);
  }

  @MessagePattern(PurchaseRpc.receipts, answers(ReceiptsRequest))
  receipts(@Payload() request: ReceiptsCall): Promise<ReceiptsReply> {
    return this.purchase.receipts(request);
  }

  @MessagePattern(PurchaseRpc.failNextSandboxRenewals, answers(FailSandboxRenewalsRequest))
  failNextSandboxRenewals(@Payload() request: FailSandboxRenewalsCall): Promise<SandboxRenewalsReply> {
    return this.purchase.failNextSandboxRenewals(request);
  }

  @MessagePattern(PurchaseRpc.setAutoTopUp, answers(SetAutoTopUpRequest))
  setAutoTopUp(@Payload() request: SetAutoTopUpCall): Promise<AutoTopUpView> {
    return this.purchase.setAutoTopUp(request);
  }

  @MessagePattern(PurchaseRpc.autoTopUp, answers(AutoTopUpPoolRequest))
  autoTopUp(@Payload() request: AutoTopUpPoolCall): Promise<AutoTopUpView> {
    return this.purchase.autoTopUp(request);
  }

  @MessagePattern(PurchaseRpc.removeAutoTopUp, answers(AutoTopUpPoolRequest))
  removeAutoTopUp(@Payload() request: AutoTopUpPoolCall): Promise<{ pool: string; removed: boolean }> {
    return this.purchase.removeAutoTopUp(request);
  }
}
