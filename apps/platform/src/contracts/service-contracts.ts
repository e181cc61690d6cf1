import {
  FinanceRpc,
  PricingRpc,
  PurchaseRpc,
  type RequestOf,
  type RpcContract,
  SERVICES,
  TasksRpc,
  WalletRpc,
  walletStreamName,
  WebhooksRpc,
} from '@billing/contracts';
import type { EventStore } from '@billing/event-store';
import { SUBSCRIPTION_TOPIC_SCHEMAS, WALLET_TOPIC_SCHEMAS } from '@billing/messaging';
import { BillingClient, type CommandSender, type RpcClient, RpcError, validatePayload } from '@billing/service-host';
import { lastValueFrom } from 'rxjs';

/*
 * The services' contracts, tried on a running platform (embedded or distributed): every
 * method of every service contract is asked through the NestJS client with a valid
 * request and must answer as the table says (a reply, or the problem its request earns),
 * with a reply that survives the wire as it is; every event the services publish on a
 * topic others consume must pass that topic's declared schema.
 */

/** The generation simulator holds every job a minute: the scenario's tasks are still running when it cancels one. */
export const CONTRACT_ENVIRONMENT: Readonly<Record<string, string>> = { SIMULATOR_LATENCY_MIN_MS: '60000' };

/** What each method answers to the scenario's request: a reply, or a problem of this type. */
type Expected = 'reply' | { readonly problem: string };

type Calls<Contracts extends Record<string, RpcContract<unknown, unknown>>> = {
  readonly [Name in keyof Contracts]: { readonly request: (s: Scenario) => RequestOf<Contracts[Name]>; readonly expect: Expected };
};

/** The ids one run uses: fresh per run, so runs on one broker never meet. */
export interface Scenario {
  readonly accountId: string;
  readonly run: string;
  readonly now: number;
  /** A pack of the book in force (from the catalog). */
  packId: string;
}

const FUNDED_MILLICREDITS = 1_000_000;
const funding = (s: Scenario) => `funding-${s.run}`;

const pricing: Calls<typeof PricingRpc> = {
  quote: { request: () => ({ request: { model: 'seedance-2.0', durationMillis: 5_000 }, channel: 'api' }), expect: 'reply' },
  catalog: { request: () => ({}), expect: 'reply' },
  priceBooks: { request: () => ({}), expect: 'reply' },
};

const wallet: Calls<typeof WalletRpc> = {
  balances: { request: (s) => ({ accountId: s.accountId }), expect: 'reply' },
  ledger: { request: (s) => ({ accountId: s.accountId, pool: 'api', limit: 10 }), expect: 'reply' },
  creditsApplied: { request: (s) => ({ accountId: s.accountId, pool: 'api', purchaseId: funding(s), waitMillis: 5_000 }), expect: 'reply' },
  reserveCredits: {
    request: (s) => ({ accountId: s.accountId, pool: 'api', reservationId: `hold-${s.run}`, millicredits: 1_000, ttlMillis: 60_000, commandId: `hold-${s.run}`, now: s.now }),
    expect: 'reply',
  },
  purchaseLot: { request: (s) => ({ accountId: s.accountId, pool: 'api', purchaseId: funding(s) }), expect: 'reply' },
  keySpend: { request: (s) => ({ accountId: s.accountId, pool: 'api', keyIds: ['key-a'], now: s.now }), expect: 'reply' },
  accounts: { request: () => ({ limit: 10 }), expect: 'reply' },
};

const task = { channel: 'api', model: 'seedance-2.0-fast', durationMillis: 2_000 } as const;

const tasks: Calls<typeof TasksRpc> = {
  // Made with a budgeted API key: its hold's events carry the key, as the wire schemas must allow.
  createTask: {
    request: (s) => ({ ...task, accountId: s.accountId, taskId: `task-${s.run}`, keyId: `key-${s.run}`, keyBudget: { limitMillicredits: 1_000_000, per: 'month' } }),
    expect: 'reply',
  },
  createBatch: { request: (s) => ({ ...task, accountId: s.accountId, batchId: `batch-${s.run}`, batchSize: 3 }), expect: 'reply' },
  getTask: { request: (s) => ({ accountId: s.accountId, taskId: `task-${s.run}` }), expect: 'reply' },
  listTasks: { request: (s) => ({ accountId: s.accountId, limit: 5 }), expect: 'reply' },
  cancelTask: { request: (s) => ({ accountId: s.accountId, taskId: `batch-${s.run}-2` }), expect: 'reply' },
  adoptTask: { request: (s) => ({ accountId: s.accountId, taskId: `no-task-${s.run}` }), expect: { problem: 'not-found' } },
  utilisation: { request: (s) => ({ accountId: s.accountId }), expect: 'reply' },
  generationWebhook: { request: () => ({ rawBody: Buffer.from('{}').toString('base64'), headers: {} }), expect: { problem: 'not-found' } },
};

const purchase: Calls<typeof PurchaseRpc> = {
  placeOrder: { request: (s) => ({ accountId: s.accountId, orderId: `order-${s.run}`, item: { kind: 'pack', packId: s.packId } }), expect: 'reply' },
  getOrder: { request: (s) => ({ accountId: s.accountId, orderId: `order-${s.run}` }), expect: 'reply' },
  confirmSandboxPayment: { request: (s) => ({ orderId: `order-${s.run}` }), expect: 'reply' },
  orderCredited: { request: (s) => ({ accountId: s.accountId, orderId: `order-${s.run}`, waitMillis: 10_000 }), expect: 'reply' },
  paymentWebhook: { request: () => ({ provider: 'sandbox', rawBody: Buffer.from('{}').toString('base64'), headers: {} }), expect: { problem: 'validation' } },
  refundOrder: { request: (s) => ({ accountId: s.accountId, orderId: `order-${s.run}`, reason: 'contract test', requestedBy: 'owner' }), expect: 'reply' },
  refundRenewal: { request: (s) => ({ invoiceId: `no-invoice-${s.run}`, reason: 'contract test' }), expect: { problem: 'not-found' } },
  accountPlan: { request: (s) => ({ accountId: s.accountId }), expect: 'reply' },
  startContractPlan: { request: (s) => ({ accountId: s.accountId, planId: 'no-such-plan', contractReference: `contract-${s.run}` }), expect: { problem: 'not-found' } },
  planSubscription: { request: (s) => ({ accountId: s.accountId }), expect: { problem: 'not-found' } },
  cancelPlanAtPeriodEnd: { request: (s) => ({ accountId: s.accountId }), expect: { problem: 'not-found' } },
  resumePlan: { request: (s) => ({ accountId: s.accountId }), expect: { problem: 'not-found' } },
  changePlan: { request: (s) => ({ accountId: s.accountId, planId: 'creator' }), expect: { problem: 'not-found' } },
  receipts: { request: (s) => ({ accountId: s.accountId }), expect: 'reply' },
  failNextSandboxRenewals: { request: (s) => ({ accountId: s.accountId, count: 1 }), expect: 'reply' },
  // A pack the book does not sell: the contract run starts no top-up.
  setAutoTopUp: { request: (s) => ({ accountId: s.accountId, pool: 'api', thresholdMillicredits: 100_000, packId: 'no-such-pack', monthlyCapCents: 10_000, maxFailures: 3 }), expect: { problem: 'not-found' } },
  autoTopUp: { request: (s) => ({ accountId: s.accountId, pool: 'api' }), expect: { problem: 'not-found' } },
  removeAutoTopUp: { request: (s) => ({ accountId: s.accountId, pool: 'api' }), expect: 'reply' },
};

const finance: Calls<typeof FinanceRpc> = {
  statement: { request: (s) => ({ accountId: s.accountId, pool: 'api', from: new Date(s.now - 86_400_000).toISOString(), to: new Date(s.now + 86_400_000).toISOString() }), expect: 'reply' },
  balancesAsOf: { request: (s) => ({ asOf: new Date(s.now + 86_400_000).toISOString(), accountId: s.accountId }), expect: 'reply' },
  liability: { request: (s) => ({ asOf: new Date(s.now + 86_400_000).toISOString() }), expect: 'reply' },
  verify: { request: () => ({ scope: 'chain' }), expect: 'reply' },
  checkpoints: { request: () => ({}), expect: 'reply' },
};

const endpoint = (s: Scenario) => ({ accountId: s.accountId, endpointId: `ep-${s.run}` });
const webhooks: Calls<typeof WebhooksRpc> = {
  createEndpoint: { request: (s) => ({ ...endpoint(s), url: 'http://127.0.0.1:9/hooks', eventTypes: ['credits.purchased'], enabled: false }), expect: 'reply' },
  listEndpoints: { request: (s) => ({ accountId: s.accountId }), expect: 'reply' },
  getEndpoint: { request: endpoint, expect: 'reply' },
  updateEndpoint: { request: (s) => ({ ...endpoint(s), description: 'contract run' }), expect: 'reply' },
  rotateSecret: { request: (s) => ({ ...endpoint(s), overlapMillis: 60_000 }), expect: 'reply' },
  listDeliveries: { request: (s) => ({ ...endpoint(s), limit: 10 }), expect: 'reply' },
  replayDelivery: { request: (s) => ({ ...endpoint(s), deliveryId: 'none' }), expect: { problem: 'not-found' } },
  deleteEndpoint: { request: endpoint, expect: 'reply' },
  setBalanceAlerts: { request: (s) => ({ accountId: s.accountId, pool: 'api', thresholdsMillicredits: [100_000] }), expect: 'reply' },
  balanceAlerts: { request: (s) => ({ accountId: s.accountId }), expect: 'reply' },
  billingEvents: { request: () => ({ events: [] }), expect: 'reply' },
};

/** Every service's contract with the scenario's call of each method, in the order they are asked. */
export const SERVICE_CONTRACTS = [
  { service: SERVICES.pricing, contract: PricingRpc, calls: pricing },
  { service: SERVICES.wallet, contract: WalletRpc, calls: wallet },
  { service: SERVICES.tasks, contract: TasksRpc, calls: tasks },
  { service: SERVICES.purchase, contract: PurchaseRpc, calls: purchase },
  { service: SERVICES.finance, contract: FinanceRpc, calls: finance },
  { service: SERVICES.webhooks, contract: WebhooksRpc, calls: webhooks },
] as const;

export interface Answer {
  readonly method: string;
  readonly outcome: Expected;
  /** A reply that JSON would change (undefined members, dates, maps): names where. */
  readonly notJson: string | null;
}

/** Funds the account, then asks every method of every contract through a NestJS `ClientProxy`. */
export async function askEveryContract(rpc: RpcClient, commands: CommandSender, s: Scenario): Promise<Answer[]> {
  await commands.send(SERVICES.wallet, [
    {
      accountId: s.accountId,
      streamName: walletStreamName(s.accountId, 'api'),
      command: {
        type: 'PurchaseCredits',
        data: { purchaseId: funding(s), millicredits: FUNDED_MILLICREDITS, amountCents: 100, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
        metadata: { commandId: funding(s), now: s.now },
      },
    },
  ]);
  const client = new BillingClient(rpc, commands);
  const answers: Answer[] = [];
  for (const { contract, calls } of SERVICE_CONTRACTS) {
    for (const [name, call] of Object.entries(calls) as [string, { request: (s: Scenario) => unknown }][]) {
      const pattern = (contract as Record<string, RpcContract<unknown, unknown>>)[name];
      try {
        const reply: unknown = await lastValueFrom(client.send(pattern, call.request(s)));
        if (pattern === PricingRpc.catalog) s.packId = (reply as { packs: { id: string; pool: string }[] }).packs.find((p) => p.pool === 'api')?.id ?? '';
        answers.push({ method: `${pattern?.service}.${name}`, outcome: 'reply', notJson: notJsonAt(reply, '') });
      } catch (error) {
        if (!(error instanceof RpcError)) throw error;
        answers.push({ method: `${pattern?.service}.${name}`, outcome: { problem: error.problem.type }, notJson: null });
      }
    }
  }
  return answers;
}

/** The table the answers must match. */
export const expectedAnswers = (): Answer[] =>
  SERVICE_CONTRACTS.flatMap(({ service, calls }) =>
    Object.entries(calls as Record<string, { expect: Expected }>).map(([name, call]) => ({ method: `${service}.${name}`, outcome: call.expect, notJson: null })),
  );

function notJsonAt(value: unknown, path: string): string | null {
  if (value === undefined || typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol') return path || '(reply)';
  if (typeof value === 'number' && !Number.isFinite(value)) return path;
  if (value === null || typeof value !== 'object') return null;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return path || '(reply)';
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue; // JSON drops it, and an optional member may be absent
    const at = notJsonAt(member, `${path}.${key}`);
    if (at) return at;
  }
  return null;
}

/**
 * Every event of a type that a consumed topic declares, read from the store that
 * publishes it, checked against that schema: what fails is listed with its reason.
 */
export async function eventsAgainstSchemas(stores: { readonly wallet: EventStore; readonly purchase: EventStore }): Promise<{ checked: number; failures: string[] }> {
  const failures: string[] = [];
  let checked = 0;
  const check = async (store: EventStore, schemas: Record<string, { dto: new () => object }>, prefix: string) => {
    for await (const event of store.readAll({ filter: { streamPrefixes: [prefix] } })) {
      const schema = schemas[event.type];
      if (!schema) {
        failures.push(`${event.streamName} ${event.type}: no schema on its topic`);
        continue;
      }
      checked++;
      const result = validatePayload(schema.dto, event.data);
      if (!result.ok) failures.push(`${event.streamName} ${event.type}: ${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    }
  };
  await check(stores.wallet, WALLET_TOPIC_SCHEMAS, 'wallet-');
  await check(stores.purchase, SUBSCRIPTION_TOPIC_SCHEMAS, 'subscription-');
  return { checked, failures };
}
