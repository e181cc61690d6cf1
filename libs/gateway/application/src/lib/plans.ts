import type { RpcClient } from '@billing/service-host';
import type { Caller, RequestContext } from './caller';
import { gatewayProblems } from './problems';
import type { WireAccountPlan } from './wire';

export type Entitlement = 'api_access' | 'batch_generation';

/**
 * An account's plan (purchase `accountPlan`), kept for a short while: every request by
 * API key needs `api_access`, and asking for it each time would double the work of a
 * read. A plan bought or changed is seen within `cacheMillis`.
 */
export class AccountPlans {
  private readonly cache = new Map<string, { readonly plan: WireAccountPlan; readonly until: number }>();

  constructor(
    private readonly rpc: RpcClient,
    private readonly now: () => number,
    private readonly cacheMillis: number,
    private readonly purchaseService = 'purchase',
  ) {}

  async planOf(accountId: string, context: RequestContext): Promise<WireAccountPlan> {
    const now = this.now();
    const cached = this.cache.get(accountId);
    if (cached && cached.until > now) return cached.plan;
    const plan = await this.rpc.call<WireAccountPlan>(this.purchaseService, 'accountPlan', { accountId }, { key: accountId, correlationId: context.requestId });
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
