import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  type AccountsReply,
  type Actor,
  type CatalogReply,
  FinanceRpc,
  type KeyBudget,
  type KeySpend,
  type LedgerEntry,
  type OrderItemCall,
  type PaymentWebhookCall,
  PricingRpc,
  PurchaseRpc,
  type Receipt,
  type RefundOrderCall,
  type RefundRenewalCall,
  type RpcContract,
  type TaskPageReply,
  type TaskReply,
  TasksRpc,
  type TaskStatus,
  WalletRpc,
  WebhooksRpc,
} from '@billing/contracts';
import { creditsNumber, parseCredits } from '@billing/util';
import { type RpcCallOptions, type RpcClient, RpcError, send } from '@billing/service-host';
import { actorOf } from './actor';
import { type AccountView, SLOT_HOLDING_STATUSES } from './account-summary';
import { type AutoTopUpInput, type AutoTopUpView, autoTopUpView } from './auto-top-up';
import { type ApiKeyRecord, type ApiKeyRevocation, ApiKeyStore, keyCreatorOf } from './api-keys';
import { Authenticator, type TokenVerification } from './authenticator';
import type { Caller, MemberOfOrganisation, RequestContext } from './caller';
import {
  type BalancesAsOfView,
  balancesAsOfView,
  type CheckpointsView,
  checkpointsView,
  type FinanceBalancesInput,
  type FinanceCheckpointsInput,
  type FinanceLiabilityInput,
  type FinanceStatementInput,
  type FinanceVerifyInput,
  type LiabilityView,
  liabilityView,
  type StatementView,
  statementView,
  type VerificationView,
  verificationView,
} from './finance';
import { type IdempotentOutcome, IdempotencyStore, type StoredResponse } from './idempotency';
import type { ApiKeyScope } from './key-scopes';
import { authorise, type GatewayOperation, mayHoldKeys, operationsOpenTo, permits } from './operation-roles';
import { accountsInGatewayState, Organisations } from './organisations';
import {
  type CreatedInvitationView,
  type InvitationView,
  invitationView,
  type MembershipView,
  type OrganisationSummaryView,
  type OrganisationView,
  organisationSummaryView,
  organisationView,
} from './organisation-views';
import type { EventStore } from '@billing/event-store';
import type { InvitationInput, OrganisationInput } from './inputs';
import type { MemberRole } from '@billing/organisations-domain';
import type { ApiKeyInput, BatchInput, LedgerInput, OrderInput, QuoteInput, RenderInput, TaskInput, TaskListInput, WebhookInput } from './inputs';
import { idFor } from './ids';
import { AccountPlans } from './plans';
import { gatewayProblems } from './problems';
import { type PoolBalanceAlertsView, poolBalanceAlertsView, WebhookEndpoints } from './webhook-endpoints';
import { type UsageInput, type UsageView, usageView, usageWindow } from './usage';
import {
  type BalancesView,
  balanceView,
  type BatchView,
  batchView,
  type CatalogView,
  catalogView,
  type LedgerView,
  ledgerEntryView,
  type OrderView,
  type PlanSubscriptionView,
  planSubscriptionView,
  orderView,
  placedOrderView,
  type QuoteView,
  quoteView,
  type ReceiptView,
  receiptView,
  type RenewalView,
  renewalView,
  type TaskPageView,
  type TaskView,
  taskView,
  type UtilisationView,
  utilisationView,
} from './views';

export interface BillingGatewayOptions {
  readonly rpc: RpcClient;
  /** The gateway's own database (`openGatewayState`). */
  readonly db: Database.Database;
  readonly tokens: TokenVerification;
  /** The gateway's event store: organisations, their members and invitations (`gatewayEventsPath`). */
  readonly organisationEvents: EventStore;
  /** Told of each invitation with its code: the embedded platform logs it (no mail is sent). */
  readonly onInvitation?: (invitation: CreatedInvitationView & { readonly organisation_id: string }) => void;
  readonly now?: () => number;
  /** How long an account's plan (entitlements) is reused (default 5 s). */
  readonly planCacheMillis?: number;
  /** How long the catalog (the pools a balance lists) is reused (default 10 s). */
  readonly catalogCacheMillis?: number;
  /** How long an RPC call may take (default: the client's). */
  readonly rpcTimeoutMillis?: number;
  /** How long a confirmed payment waits for its credits to reach the wallet before a 503 (default 5 s). */
  readonly creditWaitMillis?: number;
}

export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  /** The key's public part, `bk_<id>`: how to recognise it, not use it. */
  readonly prefix: string;
  readonly created_at: string;
  /** The member who made it (their user id); null: made before members were recorded, by the account's user. */
  readonly created_by: string | null;
  readonly last_used_at: string | null;
  readonly revoked_at: string | null;
  /** Why it was revoked: by a member, or its maker left or was removed, or now has a role that may not hold keys. */
  readonly revoked_reason: ApiKeyRevocation | null;
  /** null: every scope. */
  readonly scopes: readonly ApiKeyScope[] | null;
  readonly budget: ApiKeyBudgetView | null;
  readonly expires_at: string | null;
  /** After a rotation: until when the replaced secret still works. */
  readonly previous_secret_expires_at: string | null;
}

/** A key's budget in credits: the limit, what the key drew in the window (held or charged), and what is left. */
export interface ApiKeyBudgetView {
  readonly limit: number;
  readonly per: KeyBudget['per'];
  readonly spent: number;
  readonly remaining: number;
}

export interface CreatedApiKeyView extends ApiKeyView {
  /** The whole key: shown this once, stored only as a hash. */
  readonly key: string;
}

export interface WebhookOutcomeView {
  readonly outcome: string;
  readonly order_id: string | null;
  readonly task_id: string | null;
}

export interface ReadinessView {
  readonly ready: boolean;
  readonly services: Readonly<Record<string, 'up' | 'down'>>;
}

const DEFAULT_LEDGER_PAGE = 100;
const INVITATION_TTL_MILLIS = 7 * 86_400_000;
const DEFAULT_ROTATION_OVERLAP_SECONDS = 86_400;
/** Pages read to answer one usage or account question: a bound on one request's work. */
const MAX_SCAN_PAGES = 200;
/** The wallet's accounts asked for at a time by the migration to organisations. */
const ACCOUNTS_PAGE = 1_000;

/**
 * The gateway's use cases, shared by REST and gRPC: who may do what, the pool by channel
 * (the services map the channel to a pool with the price book), entitlements from the
 * plan, and one account never reaching another's tasks, orders, keys, balances or ledger
 * (everything is asked for with the caller's account; another account's id is not found).
 */
export class BillingGateway {
  readonly keys: ApiKeyStore;
  readonly organisations: Organisations;
  readonly webhookEndpoints: WebhookEndpoints;
  private readonly authenticator: Authenticator;
  private readonly idempotency: IdempotencyStore;
  private readonly plans: AccountPlans;
  private readonly now: () => number;
  private catalogCache: { readonly catalog: CatalogReply; readonly until: number } | null = null;

  constructor(private readonly options: BillingGatewayOptions) {
    this.now = options.now ?? Date.now;
    this.keys = new ApiKeyStore(options.db);
    this.organisations = new Organisations(options.organisationEvents, this.now);
    this.authenticator = new Authenticator(this.keys, this.organisations, options.tokens, this.now);
    this.idempotency = new IdempotencyStore(options.db);
    this.plans = new AccountPlans(options.rpc, this.now, options.planCacheMillis ?? 5_000);
    this.webhookEndpoints = new WebhookEndpoints(this.call.bind(this));
  }

  /** The caller behind `Authorization`; a request by API key needs a plan with `api_access`. */
  async authenticate(authorization: string | undefined, context: RequestContext): Promise<Caller> {
    const caller = await this.authenticator.authenticate(authorization, context.organisationId);
    if (caller.channel === 'api') await this.plans.require(caller, 'api_access', context);
    return caller;
  }

  /** Runs `work` once per (account, Idempotency-Key), for the credential that first sent the key; see IdempotencyStore. */
  idempotent(caller: Caller, key: string, fingerprint: string, work: () => Promise<StoredResponse>): Promise<IdempotentOutcome> {
    return this.idempotency.run(caller, key, fingerprint, this.now(), work);
  }

  async quote(caller: Caller, input: QuoteInput, context: RequestContext): Promise<QuoteView> {
    authorise(caller, 'quote');
    const { batchSize, ...render } = input;
    const quote = await this.call(caller, PricingRpc.quote, { request: renderFields(render), ...(batchSize === undefined ? {} : { batchSize }), channel: caller.channel }, context);
    return quoteView(quote);
  }

  async createTask(caller: Caller, input: TaskInput, context: RequestContext): Promise<TaskView> {
    authorise(caller, 'createTask');
    const { queue, ...render } = input;
    const taskId = idFor('task', caller, context);
    const task = await this.call(
      caller, TasksRpc.createTask,
      { accountId: caller.accountId, channel: caller.channel, taskId, ...renderFields(render), ...(queue === undefined ? {} : { queueIfBusy: queue }), ...creatorOf(caller) },
      context,
    );
    return taskView(task);
  }

  async createBatch(caller: Caller, input: BatchInput, context: RequestContext): Promise<BatchView> {
    authorise(caller, 'createBatch');
    await this.plans.require(caller, 'batch_generation', context);
    const { queue, batchSize, ...render } = input;
    const batchId = idFor('batch', caller, context);
    const batch = await this.call(
      caller, TasksRpc.createBatch,
      { accountId: caller.accountId, channel: caller.channel, batchId, batchSize, ...renderFields(render), ...(queue === undefined ? {} : { queueIfBusy: queue }), ...creatorOf(caller) },
      context,
    );
    return batchView(batch);
  }

  async getTask(caller: Caller, taskId: string, context: RequestContext): Promise<TaskView> {
    authorise(caller, 'getTask');
    return taskView(await this.call(caller, TasksRpc.getTask, { accountId: caller.accountId, taskId }, context));
  }

  async listTasks(caller: Caller, input: TaskListInput, context: RequestContext): Promise<TaskPageView> {
    authorise(caller, 'listTasks');
    const page = await this.call(caller, TasksRpc.listTasks, { accountId: caller.accountId, ...input }, context);
    return { tasks: page.tasks.map(taskView), next: page.next };
  }

  async cancelTask(caller: Caller, taskId: string, context: RequestContext): Promise<TaskView> {
    authorise(caller, 'cancelTask');
    return taskView(await this.call(caller, TasksRpc.cancelTask, { accountId: caller.accountId, taskId }, context));
  }

  async adoptTask(caller: Caller, taskId: string, context: RequestContext): Promise<TaskView> {
    authorise(caller, 'adoptTask');
    return taskView(await this.call(caller, TasksRpc.adoptTask, { accountId: caller.accountId, taskId }, context));
  }

  async utilisation(caller: Caller, context: RequestContext): Promise<UtilisationView> {
    authorise(caller, 'utilisation');
    return utilisationView(await this.call(caller, TasksRpc.utilisation, { accountId: caller.accountId }, context));
  }

  /** Every pool of the price book in force, used or not (an unused pool is all zeros). */
  async balances(caller: Caller, context: RequestContext): Promise<BalancesView> {
    authorise(caller, 'balances');
    const [wallets, catalog] = await Promise.all([
      this.call(caller, WalletRpc.balances, { accountId: caller.accountId }, context),
      this.catalog(caller, context),
    ]);
    const byPool = new Map(wallets.map((wallet) => [wallet.pool, wallet]));
    const pools = [...catalog.pools.map((pool) => pool.id), ...wallets.map((wallet) => wallet.pool).filter((pool) => !catalog.pools.some((p) => p.id === pool))];
    return {
      account_id: caller.accountId,
      balances: pools.map((pool) => balanceView(byPool.get(pool) ?? { pool, balanceMillicredits: 0, heldMillicredits: 0, availableMillicredits: 0 })),
    };
  }

  /** The caller's low-balance thresholds per pool, and whether each alert is armed. */
  async balanceAlerts(caller: Caller, context: RequestContext): Promise<{ pools: PoolBalanceAlertsView[] }> {
    authorise(caller, 'balanceAlerts');
    const { pools } = await this.call(caller, WebhooksRpc.balanceAlerts, { accountId: caller.accountId }, context);
    return { pools: pools.map(poolBalanceAlertsView) };
  }

  /** Replaces a pool's thresholds (credits); each fires as a `balance.low` webhook once per crossing downwards. */
  async setBalanceAlerts(caller: Caller, pool: string, thresholdsCredits: readonly number[], context: RequestContext): Promise<PoolBalanceAlertsView> {
    authorise(caller, 'setBalanceAlerts');
    await this.requireKnownPool(caller, pool, context);
    const request = { accountId: caller.accountId, pool, thresholdsMillicredits: thresholdsCredits.map((credits) => parseCredits(credits)) };
    return poolBalanceAlertsView(await this.call(caller, WebhooksRpc.setBalanceAlerts, request, context));
  }

  /** A pool's auto top-up (404 when it has none). */
  async autoTopUp(caller: Caller, pool: string, context: RequestContext): Promise<AutoTopUpView> {
    authorise(caller, 'autoTopUp');
    await this.requireKnownPool(caller, pool, context);
    return autoTopUpView(await this.call(caller, PurchaseRpc.autoTopUp, { accountId: caller.accountId, pool }, context));
  }

  /** Sets (or enables again) a pool's auto top-up: below the threshold, the pack is bought with the saved payment method. */
  async setAutoTopUp(caller: Caller, pool: string, input: AutoTopUpInput, context: RequestContext): Promise<AutoTopUpView> {
    authorise(caller, 'setAutoTopUp');
    await this.requireKnownPool(caller, pool, context);
    const { packId, monthlyCapCents, maxFailures } = input;
    const request = { accountId: caller.accountId, pool, thresholdMillicredits: parseCredits(input.thresholdCredits), packId, monthlyCapCents, maxFailures };
    return autoTopUpView(await this.call(caller, PurchaseRpc.setAutoTopUp, request, context));
  }

  /** Turns a pool's auto top-up off; a top-up in flight still ends as its charge does. */
  async removeAutoTopUp(caller: Caller, pool: string, context: RequestContext): Promise<void> {
    authorise(caller, 'setAutoTopUp');
    await this.requireKnownPool(caller, pool, context);
    await this.call(caller, PurchaseRpc.removeAutoTopUp, { accountId: caller.accountId, pool }, context);
  }

  async ledger(caller: Caller, input: LedgerInput, context: RequestContext): Promise<LedgerView> {
    authorise(caller, 'ledger');
    if (input.pool !== undefined) await this.requireKnownPool(caller, input.pool, context);
    const limit = input.limit ?? DEFAULT_LEDGER_PAGE;
    const entries = await this.call(caller, WalletRpc.ledger, { accountId: caller.accountId, ...input, limit }, context);
    const last = entries[entries.length - 1];
    return { entries: entries.map(ledgerEntryView), next: entries.length === limit && last ? last.position : null };
  }

  /** The caller's plan (its entitlements and concurrency limit) and how many of its tasks run or wait now. */
  async account(caller: Caller, context: RequestContext): Promise<AccountView> {
    authorise(caller, 'account');
    const [plan, catalog, running, queued] = await Promise.all([
      this.plans.planOf(caller.accountId, context),
      this.catalog(caller, context),
      Promise.all(SLOT_HOLDING_STATUSES.map((status) => this.countTasks(caller, status, context))).then((counts) => counts.reduce((a, b) => a + b, 0)),
      this.countTasks(caller, 'queued', context),
    ]);
    return {
      account_id: caller.accountId,
      channel: caller.channel,
      plan: {
        id: plan.planId,
        name: catalog.plans.find((p) => p.id === plan.planId)?.name ?? plan.planId,
        source: plan.source,
        entitlements: [...plan.entitlements],
        concurrency_limit: plan.concurrencyLimit,
        priority: plan.priority,
      },
      running_tasks: running,
      queued_tasks: queued,
    };
  }

  /**
   * Credits charged per UTC day in [from, to], by pool, model and mode: the wallet's charge
   * entries joined with the tasks they paid for. Read from the ledger and task pages each
   * time (bounded by MAX_SCAN_PAGES); a usage projection would serve a long history better.
   */
  async usage(caller: Caller, input: UsageInput, context: RequestContext): Promise<UsageView> {
    authorise(caller, 'usage');
    if (input.pool !== undefined) await this.requireKnownPool(caller, input.pool, context);
    const { start, end } = usageWindow(input);
    const charges: LedgerEntry[] = [];
    let after: number | undefined;
    for (let page = 0; page < MAX_SCAN_PAGES; page++) {
      const entries = await this.call(
        caller, WalletRpc.ledger,
        { accountId: caller.accountId, ...(input.pool ? { pool: input.pool } : {}), ...(after === undefined ? {} : { after }), limit: 1000 },
        context,
      );
      charges.push(...entries.filter((entry) => entry.type === 'CreditsCharged' && entry.at >= start && entry.at < end));
      const last = entries[entries.length - 1];
      if (entries.length < 1000 || !last) break;
      after = last.position;
    }
    const wanted = new Set(charges.flatMap((charge) => (charge.taskId ? [charge.taskId] : [])));
    const tasks = new Map<string, TaskReply>();
    let cursor: string | null = null;
    for (let page = 0; page < MAX_SCAN_PAGES && tasks.size < wanted.size; page++) {
      const found: TaskPageReply = await this.call(caller, TasksRpc.listTasks, { accountId: caller.accountId, limit: 500, ...(cursor ? { after: cursor } : {}) }, context);
      for (const task of found.tasks) if (wanted.has(task.taskId)) tasks.set(task.taskId, task);
      cursor = found.next;
      if (!cursor) break;
    }
    // By member, a key's charges are its maker's: every key the organisation made, revoked ones too.
    const keyMakers = input.groupBy === 'member' ? new Map(this.keys.list(caller.accountId).map((record) => [record.keyId, keyCreatorOf(record)])) : new Map<string, string>();
    return usageView(input, charges, tasks, keyMakers);
  }

  async catalogView(caller: Caller, context: RequestContext): Promise<CatalogView> {
    authorise(caller, 'catalog');
    return catalogView(await this.catalog(caller, context, true));
  }

  async placeOrder(caller: Caller, input: OrderInput, context: RequestContext): Promise<OrderView> {
    authorise(caller, 'placeOrder');
    const orderId = idFor('order', caller, context);
    const item: OrderItemCall = input.kind === 'pack' ? { kind: 'pack', packId: input.packId } : { kind: 'plan', planId: input.planId };
    return placedOrderView(await this.call(caller, PurchaseRpc.placeOrder, { accountId: caller.accountId, orderId, item, actor: actorOf(caller) }, context));
  }

  async planSubscription(caller: Caller, context: RequestContext): Promise<PlanSubscriptionView> {
    authorise(caller, 'planSubscription');
    return planSubscriptionView(await this.call(caller, PurchaseRpc.planSubscription, { accountId: caller.accountId }, context));
  }

  /** `cancel`: the plan ends when its paid period ends; otherwise it renews again. The provider is told first. */
  async setCancelAtPeriodEnd(caller: Caller, cancel: boolean, context: RequestContext): Promise<PlanSubscriptionView> {
    authorise(caller, cancel ? 'cancelPlan' : 'resumePlan');
    const subscription = await this.call(caller, cancel ? PurchaseRpc.cancelPlanAtPeriodEnd : PurchaseRpc.resumePlan, { accountId: caller.accountId }, context);
    this.plans.forget(caller.accountId);
    return planSubscriptionView(subscription);
  }

  /** To a plan with a larger grant now (its pro rata difference granted and charged), to a smaller one when the paid period ends. */
  async changePlan(caller: Caller, planId: string, context: RequestContext): Promise<PlanSubscriptionView> {
    authorise(caller, 'changePlan');
    const subscription = await this.call(caller, PurchaseRpc.changePlan, { accountId: caller.accountId, planId }, context);
    this.plans.forget(caller.accountId);
    return planSubscriptionView(subscription);
  }

  /** The caller's receipts, newest first. */
  async receipts(caller: Caller, context: RequestContext): Promise<{ receipts: ReceiptView[] }> {
    authorise(caller, 'receipts');
    const { receipts } = await this.call(caller, PurchaseRpc.receipts, { accountId: caller.accountId }, context);
    return { receipts: receipts.map((receipt) => receiptView(receipt, mayRefund(caller, receipt))) };
  }

  /** The receipt of one of the caller's paid orders; an unpaid order, or another account's, has none (404). */
  async orderReceipt(caller: Caller, orderId: string, context: RequestContext): Promise<ReceiptView> {
    authorise(caller, 'receipts');
    const { receipts } = await this.call(caller, PurchaseRpc.receipts, { accountId: caller.accountId, orderId }, context);
    const receipt = receipts[0];
    if (!receipt) throw gatewayProblems.notFound('Receipt', `for order ${orderId}`);
    return receiptView(receipt, mayRefund(caller, receipt));
  }

  /** Sandbox only: the caller's next plan renewal is declined (refused with 403 by a real provider). */
  async declineNextSandboxRenewal(caller: Caller, context: RequestContext): Promise<PlanSubscriptionView> {
    authorise(caller, 'declineNextSandboxRenewal');
    await this.call(caller, PurchaseRpc.failNextSandboxRenewals, { accountId: caller.accountId, count: 1 }, context);
    return this.planSubscription(caller, context);
  }

  /**
   * Finance refunds any paid order; the owner an unused pack of theirs within the window.
   * A pack's unspent credits are taken back and the money for them returned through the
   * provider, asynchronously: the answer shows the refund under way.
   */
  async refundOrder(caller: Caller, orderId: string, reason: string | undefined, context: RequestContext): Promise<OrderView> {
    authorise(caller, 'refundOrder');
    const byFinance = caller.role === 'finance';
    const request: RefundOrderCall = byFinance
      ? { orderId, reason: reason ?? 'refunded by finance', requestedBy: 'finance' }
      : { orderId, reason: reason ?? 'refunded on request', requestedBy: 'owner', accountId: caller.accountId };
    const order = await this.call(caller, PurchaseRpc.refundOrder, request, context);
    this.plans.forget(order.accountId);
    return orderView(order);
  }

  /**
   * Finance refunds a plan's paid renewal (a later month), by its invoice: the period's
   * unspent credits are taken back and their share of the renewal's price returned through
   * the provider, asynchronously. Asked by anyone else, refused as a plan's order is
   * (403; another account's renewal is not found).
   */
  async refundRenewal(caller: Caller, invoiceId: string, reason: string | undefined, context: RequestContext): Promise<RenewalView> {
    authorise(caller, 'refundRenewal');
    const request: RefundRenewalCall =
      caller.role === 'finance'
        ? { invoiceId, reason: reason ?? 'refunded by finance', requestedBy: 'finance' }
        : { invoiceId, reason: reason ?? 'refunded on request', requestedBy: 'owner', accountId: caller.accountId };
    return renewalView(await this.call(caller, PurchaseRpc.refundRenewal, request, context));
  }

  async getOrder(caller: Caller, orderId: string, context: RequestContext): Promise<OrderView> {
    authorise(caller, 'getOrder');
    return orderView(await this.call(caller, PurchaseRpc.getOrder, { accountId: caller.accountId, orderId }, context));
  }

  /**
   * The sandbox's "the buyer paid", for the caller's own order only. `paid` is answered once
   * the credits (and a plan) are in the wallet, so the caller's next reads show them.
   */
  async confirmSandboxPayment(caller: Caller, orderId: string, context: RequestContext): Promise<OrderView> {
    authorise(caller, 'confirmSandboxPayment');
    await this.getOrder(caller, orderId, context);
    const outcome = await this.call(caller, PurchaseRpc.confirmSandboxPayment, { orderId }, context);
    const order = outcome.order ?? (await this.call(caller, PurchaseRpc.getOrder, { accountId: caller.accountId, orderId }, context));
    if (order.status === 'paid') await this.awaitCredits(caller, orderId, context);
    this.plans.forget(caller.accountId);
    return orderView(order);
  }

  /**
   * A key is refused (403) by the rule its every use applies: the account's plan must include
   * `api_access`. It acts for the member who makes it: each scope must open something their
   * role may do (else 403 naming the scope), and each use is held to their role as it is then.
   */
  async createApiKey(caller: Caller, input: ApiKeyInput, context: RequestContext): Promise<CreatedApiKeyView> {
    const member = memberOf(caller, 'createApiKey');
    await this.plans.require(caller, 'api_access', context);
    const { name, ...terms } = input;
    if (terms.expiresAt !== undefined && terms.expiresAt <= this.now()) throw gatewayProblems.validation([{ field: 'expires_at', message: 'must be in the future' }]);
    const beyond = (terms.scopes ?? []).find((scope) => operationsOpenTo(member.role, scope).length === 0);
    if (beyond !== undefined) throw gatewayProblems.forbidden(`role ${member.role} may not grant scope ${beyond}: it opens nothing that role may do`, { scope: beyond, role: member.role });
    const issued = this.keys.issue(caller.accountId, member.userId, name ?? 'API key', terms, this.now());
    const [view] = await this.apiKeyViews(caller, [issued.record], context);
    return { ...(view as ApiKeyView), key: issued.key };
  }

  async listApiKeys(caller: Caller, context: RequestContext): Promise<readonly ApiKeyView[]> {
    authorise(caller, 'listApiKeys');
    return this.apiKeyViews(caller, await this.settledKeys(caller.accountId), context);
  }

  /**
   * The account's keys, any whose maker is no longer a member who may hold keys revoked first
   * (the authentication refuses them already; this writes down why, for a change the gateway
   * did not see through its own member operations, or one it crashed before recording).
   */
  private async settledKeys(accountId: string): Promise<ApiKeyRecord[]> {
    const records = this.keys.list(accountId);
    const { members } = await this.organisations.state(accountId);
    let revoked = false;
    for (const record of records) {
      if (record.revokedAt !== null) continue;
      const maker = members.get(keyCreatorOf(record));
      if (maker && mayHoldKeys(maker.role)) continue;
      this.keys.revoke(accountId, record.keyId, this.now(), maker ? 'role_changed' : 'member_removed');
      revoked = true;
    }
    return revoked ? this.keys.list(accountId) : records;
  }

  async revokeApiKey(caller: Caller, keyId: string, context: RequestContext): Promise<ApiKeyView> {
    authorise(caller, 'revokeApiKey');
    const revoked = this.keys.revoke(caller.accountId, keyId, this.now());
    if (!revoked) throw gatewayProblems.notFound('API key', keyId);
    const [view] = await this.apiKeyViews(caller, [revoked], context);
    return view as ApiKeyView;
  }

  /** A new secret for a live key; the old one keeps working for `overlapSeconds` (default a day) so clients move without a gap. */
  async rotateApiKey(caller: Caller, keyId: string, overlapSeconds: number | undefined, context: RequestContext): Promise<CreatedApiKeyView> {
    authorise(caller, 'rotateApiKey');
    const rotated = this.keys.rotate(caller.accountId, keyId, (overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS) * 1000, this.now());
    if (!rotated) throw gatewayProblems.notFound('API key', keyId);
    const [view] = await this.apiKeyViews(caller, [rotated.record], context);
    return { ...(view as ApiKeyView), key: rotated.key };
  }

  /** The caller's organisation: its members and their roles. */
  async organisation(caller: Caller): Promise<OrganisationView> {
    const member = memberOf(caller, 'organisation');
    return organisationView(await this.organisations.state(caller.accountId), caller.accountId, member.role);
  }

  /** A single-use code for `email` to join with `role`, answered (and logged by the embedded platform) once: no mail is sent. */
  async inviteMember(caller: Caller, input: InvitationInput): Promise<CreatedInvitationView> {
    const member = memberOf(caller, 'inviteMember');
    const expiresAt = this.now() + INVITATION_TTL_MILLIS;
    const { invitationId, code } = await this.organisations.invite(caller.accountId, { email: input.email, role: input.role, expiresAt, by: member.userId });
    const invitation = (await this.organisations.state(caller.accountId)).invitations.get(invitationId);
    if (!invitation) throw new Error(`invitation ${invitationId} was not kept`);
    const created = { ...invitationView(invitation), code };
    this.options.onInvitation?.({ ...created, organisation_id: caller.accountId });
    return created;
  }

  /** Invitations not yet accepted, revoked or expired (never their codes). */
  async listInvitations(caller: Caller): Promise<{ invitations: InvitationView[] }> {
    memberOf(caller, 'listInvitations');
    const now = this.now();
    const { invitations } = await this.organisations.state(caller.accountId);
    return { invitations: [...invitations.values()].filter((invitation) => invitation.status === 'pending' && invitation.expiresAt > now).map(invitationView) };
  }

  /** Answers the invitations still pending. */
  async revokeInvitation(caller: Caller, invitationId: string): Promise<{ invitations: InvitationView[] }> {
    const member = memberOf(caller, 'revokeInvitation');
    await this.organisations.handle(caller.accountId, 'RevokeInvitation', { invitationId, by: member.userId });
    return this.listInvitations(caller);
  }

  /** Only an owner makes or unmakes owners; the last owner keeps the role (409). */
  async changeMemberRole(caller: Caller, userId: string, role: MemberRole): Promise<OrganisationView> {
    const member = memberOf(caller, 'changeMemberRole');
    await this.organisations.handle(caller.accountId, 'ChangeMemberRole', { userId, role, by: member.userId });
    if (!mayHoldKeys(role)) this.keys.revokeMadeBy(caller.accountId, userId, 'role_changed', this.now());
    return this.organisation(caller.member?.userId === userId ? { ...caller, member: { userId, role } } : caller);
  }

  /** Answers the organisation without them. Only an owner removes an owner; the last owner stays (409). */
  async removeMember(caller: Caller, userId: string): Promise<OrganisationView> {
    const member = memberOf(caller, 'removeMember');
    await this.organisations.handle(caller.accountId, 'RemoveMember', { userId, by: member.userId });
    this.keys.revokeMadeBy(caller.accountId, userId, 'member_removed', this.now());
    return this.organisation(caller);
  }

  /** The caller leaves the organisation (answered: the membership that ended); the last owner cannot (409). */
  async leaveOrganisation(caller: Caller): Promise<MembershipView> {
    const member = memberOf(caller, 'leaveOrganisation');
    await this.organisations.handle(caller.accountId, 'RemoveMember', { userId: member.userId, by: member.userId });
    this.keys.revokeMadeBy(caller.accountId, member.userId, 'member_removed', this.now());
    return { organisation_id: caller.accountId, user_id: member.userId, role: member.role };
  }

  /**
   * Another organisation, with the caller as its owner and pools of its own (its id is a new
   * account: nothing of the caller's other organisations is in it). With an Idempotency-Key,
   * a retry names the same organisation and founds nothing again.
   */
  async createOrganisation(caller: Caller, input: OrganisationInput, context: RequestContext): Promise<OrganisationSummaryView> {
    const member = memberOf(caller, 'createOrganisation');
    const organisationId = idFor('org', caller, context);
    await this.organisations.found(organisationId, member.userId, false, { name: input.name, ...(member.email === undefined ? {} : { founderEmail: member.email }) });
    const state = await this.organisations.state(organisationId);
    const role = state.members.get(member.userId)?.role;
    if (!role) throw gatewayProblems.notFound('Organisation', organisationId);
    return organisationSummaryView(state, organisationId, role, caller.accountId);
  }

  /** Every organisation the signed-in user is a member of, with their role there; `current` marks the one the request acts in. */
  async listOrganisations(caller: Caller): Promise<{ organisations: OrganisationSummaryView[] }> {
    const member = memberOf(caller, 'listOrganisations');
    const organisations: OrganisationSummaryView[] = [];
    for (const organisationId of await this.organisations.organisationsOf(member.userId)) {
      const state = await this.organisations.state(organisationId);
      const role = state.members.get(member.userId)?.role;
      if (role) organisations.push(organisationSummaryView(state, organisationId, role, caller.accountId));
    }
    return { organisations };
  }

  /** Any signed-in user joins the organisation an invitation's code names, once; an unknown, used, revoked or expired code is 404. */
  async acceptInvitation(caller: Caller, code: string): Promise<MembershipView> {
    if (!caller.member) throw gatewayProblems.forbidden('an invitation is accepted by a signed-in user, not with an API key');
    const { organisationId, member } = await this.organisations.accept(code, caller.member.userId);
    return { organisation_id: organisationId, user_id: caller.member.userId, role: member.role };
  }

  /**
   * Every account from before organisations becomes an organisation with its user as owner
   * (appended once; a restart appends nothing): those the gateway holds keys or idempotency
   * records of, and every account with a wallet, asked of the wallet a page at a time (so
   * one funded but never seen here is one too, and finance's verify finds each wallet's
   * account in an organisation). Answers how many were founded now; fails, having founded
   * what it could, while the wallet does not answer.
   */
  async migrateAccountsToOrganisations(): Promise<number> {
    let founded = await this.organisations.migrate(accountsInGatewayState(this.options.db));
    const context: RequestContext = { requestId: `migration-${randomUUID()}` };
    for (let after: string | null = ''; after !== null; ) {
      const page: AccountsReply = await send(this.options.rpc, WalletRpc.accounts, { ...(after === '' ? {} : { after }), limit: ACCOUNTS_PAGE }, this.callOptions(undefined, context));
      founded += await this.organisations.migrate(page.accountIds);
      after = page.next;
    }
    return founded;
  }

  /** Keys as listed, each budget with what the wallet's books say its key drew (the figure the next reservation is decided against). */
  private async apiKeyViews(caller: Caller, records: readonly ApiKeyRecord[], context: RequestContext): Promise<ApiKeyView[]> {
    const budgeted = records.filter((record) => record.budget !== null).map((record) => record.keyId);
    const spend = new Map<string, KeySpend>();
    if (budgeted.length > 0) {
      const pool = (await this.catalog(caller, context)).pools.find((candidate) => candidate.channels.includes('api'))?.id;
      const drawn = pool ? await this.call(caller, WalletRpc.keySpend, { accountId: caller.accountId, pool, keyIds: budgeted, now: this.now() }, context) : [];
      for (const entry of drawn) spend.set(entry.keyId, entry);
    }
    return records.map((record) => apiKeyView(record, spend.get(record.keyId)));
  }

  /** An account's wallet movements in [from, to] with opening and closing balances, replayed from its events (role finance). */
  async financeStatement(caller: Caller, input: FinanceStatementInput, context: RequestContext): Promise<StatementView> {
    this.requireFinance(caller);
    return statementView(await this.call(caller, FinanceRpc.statement, { ...input }, context));
  }

  /** Every wallet's (or one account's, one pool's) balance, held and available as of an instant (role finance). */
  async financeBalances(caller: Caller, input: FinanceBalancesInput, context: RequestContext): Promise<BalancesAsOfView> {
    this.requireFinance(caller);
    return balancesAsOfView(await this.call(caller, FinanceRpc.balancesAsOf, { ...input }, context));
  }

  /** Outstanding credits per pool and their value, breakage and revenue in the period, and the reconciliation (role finance). */
  async financeLiability(caller: Caller, input: FinanceLiabilityInput, context: RequestContext): Promise<LiabilityView> {
    this.requireFinance(caller);
    return liabilityView(await this.call(caller, FinanceRpc.liability, { ...input }, context));
  }

  /** Hash chains, invariants and every stored checkpoint verified over the whole history (role finance). */
  async financeVerify(caller: Caller, input: FinanceVerifyInput, context: RequestContext): Promise<VerificationView> {
    this.requireFinance(caller);
    return verificationView(await this.call(caller, FinanceRpc.verify, { ...input }, context));
  }

  /** The signed checkpoints kept, and whether each signature holds under the configured key (role finance). */
  async financeCheckpoints(caller: Caller, input: FinanceCheckpointsInput, context: RequestContext): Promise<CheckpointsView> {
    this.requireFinance(caller);
    return checkpointsView(await this.call(caller, FinanceRpc.checkpoints, { ...input }, context));
  }

  /** A payment provider's notification: its signature is its authentication, checked by the purchase service. */
  async paymentWebhook(provider: PaymentWebhookCall['provider'], input: WebhookInput, context: RequestContext): Promise<WebhookOutcomeView> {
    const outcome = await send(this.options.rpc,
      PurchaseRpc.paymentWebhook,
      { provider, rawBody: input.rawBody.toString('base64'), headers: input.headers },
      this.callOptions(undefined, context),
    );
    if (outcome.order) this.plans.forget(outcome.order.accountId);
    return { outcome: outcome.outcome, order_id: outcome.order?.orderId ?? null, task_id: null };
  }

  /** The generation provider's signed outcome, checked by the tasks service. */
  async generationWebhook(input: WebhookInput, context: RequestContext): Promise<WebhookOutcomeView> {
    const outcome = await send(this.options.rpc,
      TasksRpc.generationWebhook,
      { rawBody: input.rawBody.toString('base64'), headers: input.headers },
      this.callOptions(undefined, context),
    );
    return { outcome: outcome.accepted ? 'applied' : 'ignored', order_id: null, task_id: outcome.taskId };
  }

  /** Ready when every service answers (a refusal is an answer; silence or an internal error is not). */
  async readiness(context: RequestContext): Promise<ReadinessView> {
    const probe = async <Request>(method: RpcContract<Request, unknown>, request: NoInfer<Request>): Promise<[string, 'up' | 'down']> => {
      try {
        await send(this.options.rpc, method, request, { ...this.callOptions(undefined, context), timeoutMillis: 2_000 });
        return [method.service, 'up'];
      } catch (error) {
        return [method.service, error instanceof RpcError && error.problem.status < 500 ? 'up' : 'down'];
      }
    };
    const entries = await Promise.all([
      probe(PricingRpc.priceBooks, {}),
      probe(WalletRpc.balances, { accountId: 'readiness-probe' }),
      probe(TasksRpc.utilisation, { accountId: 'readiness-probe' }),
      probe(PurchaseRpc.getOrder, { orderId: 'readiness-probe', accountId: 'readiness-probe' }),
    ]);
    const services = Object.fromEntries(entries);
    return { ready: entries.every(([, state]) => state === 'up'), services };
  }

  private async countTasks(caller: Caller, status: TaskStatus, context: RequestContext): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    for (let page = 0; page < MAX_SCAN_PAGES; page++) {
      const found: TaskPageReply = await this.call(caller, TasksRpc.listTasks, { accountId: caller.accountId, status, limit: 500, ...(cursor ? { after: cursor } : {}) }, context);
      count += found.tasks.length;
      cursor = found.next;
      if (!cursor) break;
    }
    return count;
  }

  /** Waits (bounded) until the order's credits reach the wallet, which the purchase workflow does asynchronously; else 503. */
  private async awaitCredits(caller: Caller, orderId: string, context: RequestContext): Promise<void> {
    const waitMillis = this.options.creditWaitMillis ?? 5_000;
    const { credited } = await send(this.options.rpc,
      PurchaseRpc.orderCredited,
      { accountId: caller.accountId, orderId, waitMillis },
      { ...this.callOptions(caller, context), timeoutMillis: waitMillis + 5_000 },
    );
    if (!credited) throw gatewayProblems.unavailable(`order ${orderId} is paid but its credits have not reached the wallet within ${waitMillis} ms; confirm again to wait for them`);
  }

  private requireFinance(caller: Caller): void {
    if (caller.role !== 'finance') throw gatewayProblems.forbidden('finance figures are for a signed-in user with role finance');
  }

  /** A pool the caller may name: one of the book in force, or one it holds credits in (an earlier book's); else 400 listing them. */
  private async requireKnownPool(caller: Caller, pool: string, context: RequestContext): Promise<void> {
    const catalog = await this.catalog(caller, context);
    if (catalog.pools.some((p) => p.id === pool)) return;
    const wallets = await this.call(caller, WalletRpc.balances, { accountId: caller.accountId }, context);
    if (wallets.some((wallet) => wallet.pool === pool)) return;
    const known = [...new Set([...catalog.pools.map((p) => p.id), ...wallets.map((wallet) => wallet.pool)])];
    throw gatewayProblems.validation([{ field: 'pool', message: `must be one of ${known.join(', ')}` }]);
  }

  private async catalog(caller: Caller, context: RequestContext, fresh = false): Promise<CatalogReply> {
    const now = this.now();
    if (!fresh && this.catalogCache && this.catalogCache.until > now) return this.catalogCache.catalog;
    const catalog = await this.call(caller, PricingRpc.catalog, {}, context);
    this.catalogCache = { catalog, until: now + (this.options.catalogCacheMillis ?? 10_000) };
    return catalog;
  }

  private call<Request, Reply>(caller: Caller, method: RpcContract<Request, Reply>, request: NoInfer<Request>, context: RequestContext): Promise<Reply> {
    return send(this.options.rpc, method, request, this.callOptions(caller, context));
  }

  private callOptions(caller: Caller | undefined, context: RequestContext): RpcCallOptions {
    return {
      correlationId: context.requestId,
      ...(caller ? { key: caller.accountId } : {}),
      ...(this.options.rpcTimeoutMillis ? { timeoutMillis: this.options.rpcTimeoutMillis } : {}),
    };
  }
}

/** Whether the caller may ask for a receipt's refund: an order's by refundOrder, a renewal's or an upgrade's by refundRenewal. */
const mayRefund = (caller: Caller, receipt: Receipt): boolean => permits(caller, receipt.kind === 'order' ? 'refundOrder' : 'refundRenewal');

/** The signed-in member the operation's role check let through. */
function memberOf(caller: Caller, operation: GatewayOperation): MemberOfOrganisation {
  authorise(caller, operation);
  if (!caller.member) throw gatewayProblems.forbidden(`${operation} is for a signed-in member of the organisation`);
  return caller.member;
}

/** The fields of a render the services take, without the ones left out. */
function renderFields(render: RenderInput): RenderInput {
  return Object.fromEntries(Object.entries(render).filter(([, value]) => value !== undefined)) as RenderInput;
}

const iso = (millis: number | null): string | null => (millis === null ? null : new Date(millis).toISOString());

function apiKeyView(record: ApiKeyRecord, spend: KeySpend | undefined): ApiKeyView {
  return {
    id: record.keyId,
    name: record.name,
    prefix: `bk_${record.keyId}`,
    created_at: new Date(record.createdAt).toISOString(),
    created_by: record.createdBy,
    last_used_at: iso(record.lastUsedAt),
    revoked_at: iso(record.revokedAt),
    revoked_reason: record.revokedReason,
    scopes: record.scopes,
    budget: record.budget === null ? null : budgetView(record.budget, spend),
    expires_at: iso(record.expiresAt),
    previous_secret_expires_at: iso(record.previousSecretUntil),
  };
}

function budgetView(budget: KeyBudget, spend: KeySpend | undefined): ApiKeyBudgetView {
  const spent = (budget.per === 'month' ? spend?.monthMillicredits : spend?.lifetimeMillicredits) ?? 0;
  return {
    limit: creditsNumber(budget.limitMillicredits),
    per: budget.per,
    spent: creditsNumber(spent),
    remaining: creditsNumber(Math.max(0, budget.limitMillicredits - spent)),
  };
}

/** Who makes a task, and the key's budget for the wallet to check in the reservation. */
function creatorOf(caller: Caller): { keyId?: string; keyBudget?: KeyBudget; actor: Actor } {
  return {
    ...(caller.keyId === undefined ? {} : { keyId: caller.keyId }),
    ...(caller.keyBudget === undefined ? {} : { keyBudget: caller.keyBudget }),
    actor: actorOf(caller),
  };
}
