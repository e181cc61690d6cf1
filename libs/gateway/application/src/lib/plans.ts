import { type AccountPlan, type Entitlement, PurchaseRpc } from '@billing/contracts';
import { type RpcClient, send } from '@billing/service-host';
import type { Caller, RequestContext } from './caller';
import { gatewayProblems } from './problems';

/**
 * An account's plan (purchase `accountPlan`), kept for a short while: every request by
 * API key needs `api_access`, and asking for it each time would double the work of a
 * read. A plan bought or changed is seen within `cacheMillis`.
 */
export class AccountPlans {
  private readonly cache = new Map<string, { readonly plan: AccountPlan; readonly until: number }>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly now: () => number,
    private readonly cacheMillis: number,
  ) {}

  async planOf(accountId: string, context: RequestContext): Promise<AccountPlan> {
    const now = this.now();
    const cached = this.cache.get(accountId);
    if (cached && cached.until > now) return cached.plan;
    const plan = await send(this.rpc, PurchaseRpc.accountPlan, { accountId }, { key: accountId, correlationId: context.requestId });
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(accountId, { plan, until: now + this.cacheMillis });
    return plan;
  }

  /** 403 naming the entitlement when the caller's plan lacks it. */
  async require(caller: Caller, entitlement: Entitlement, context: RequestContext): Promise<void> {
    const plan = await this.planOf(caller.accountId, context);
    if (!plan.entitlements.includes(entitlement)) throw gatewayProblems.missingEntitlement(entitlement, plan.planId);
  }

  forget(accountId: string): void {
    this.cache.delete(accountId);
  }
}
