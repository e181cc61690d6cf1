import {
  type Answering,
  type AutoTopUpCommand,
  autoTopUpStreamName,
  type AutoTopUpView,
  type CatalogReply,
  type CommandMetadata,
  type PurchaseRpc,
  WalletRpc,
} from '@billing/contracts';
import { type AutoTopUpState, isAutoTopUp, spentInMonth } from '@billing/purchase-domain';
import { type Clock, type RpcClient, send } from '@billing/service-host';
import { problems } from './purchase-problems';
import type { PurchaseStreams } from './purchase-streams';

export interface AutoTopUpDependencies {
  readonly streams: PurchaseStreams;
  readonly rpc: RpcClient;
  readonly clock: Clock;
  readonly catalog: () => Promise<CatalogReply>;
}

/** Decides a command on the pool's auto top-up stream. */
export async function decideAutoTopUp(streams: PurchaseStreams, command: AutoTopUpCommand): Promise<void> {
  await streams.autoTopUps.handle(autoTopUpStreamName(command.data.accountId, command.data.pool), command);
}

/** The pool's available credits now, as the wallet's books say. */
export async function availableIn(rpc: RpcClient, accountId: string, pool: string): Promise<number> {
  const pools = await send(rpc, WalletRpc.balances, { accountId }, { key: accountId });
  return pools.find((balance) => balance.pool === pool)?.availableMillicredits ?? 0;
}

/** Setting, reading and removing a pool's auto top-up. */
export function autoTopUpOperations(deps: AutoTopUpDependencies): Pick<Answering<typeof PurchaseRpc>, 'setAutoTopUp' | 'autoTopUp' | 'removeAutoTopUp'> {
  const { streams, clock } = deps;
  const metadata = (what: string, accountId: string, pool: string): CommandMetadata => {
    const now = clock.now();
    return { commandId: `${what}:${accountId}:${pool}:${now}`, now, correlationId: `auto-top-up:${accountId}:${pool}` };
  };
  const viewOf = async (accountId: string, pool: string): Promise<AutoTopUpView> => {
    const view = autoTopUpView(pool, await streams.autoTopUp(accountId, pool), clock.now());
    if (!view) throw problems.notFound('Auto top-up', `pool ${pool} has no auto top-up`, { pool });
    return view;
  };
  return {
    setAutoTopUp: async (request) => {
      const { accountId, pool, thresholdMillicredits, packId, monthlyCapCents, maxFailures } = request;
      const book = await deps.catalog();
      const pack = book.packs.find((candidate) => candidate.id === packId);
      if (!pack) throw problems.notFound('Pack', `price book ${book.priceBookId} ${book.priceBookVersion} has no pack ${packId}`, { packId });
      if (pack.pool !== pool) throw problems.validation('packId', `pack ${packId} is sold in pool ${pack.pool}, not ${pool}`);
      const { priceBookId, priceBookVersion, currency } = book;
      const setting = { accountId, pool, thresholdMillicredits, packId, packMillicredits: pack.millicredits, amountCents: pack.priceCents, currency, priceBookId, priceBookVersion, monthlyCapCents, maxFailures };
      await decideAutoTopUp(streams, { type: 'ConfigureAutoTopUp', data: setting, metadata: metadata('configure-auto-top-up', accountId, pool) });
      // A pool already below its new threshold is topped up now, not at its next movement.
      const availableMillicredits = await availableIn(deps.rpc, accountId, pool);
      await decideAutoTopUp(streams, { type: 'CheckAutoTopUp', data: { accountId, pool, availableMillicredits }, metadata: metadata('check-auto-top-up', accountId, pool) });
      return viewOf(accountId, pool);
    },
    autoTopUp: (request) => viewOf(request.accountId, request.pool),
    removeAutoTopUp: async (request) => {
      const { accountId, pool } = request;
      const removed = isAutoTopUp(await streams.autoTopUp(accountId, pool));
      await decideAutoTopUp(streams, { type: 'RemoveAutoTopUp', data: { accountId, pool }, metadata: metadata('remove-auto-top-up', accountId, pool) });
      return { pool, removed };
    },
  };
}

export function autoTopUpView(pool: string, state: AutoTopUpState, now: number): AutoTopUpView | undefined {
  if (!isAutoTopUp(state)) return undefined;
  const { thresholdMillicredits, packId, packMillicredits, amountCents, currency, monthlyCapCents, maxFailures } = state.setting;
  return {
    pool,
    status: state.status,
    thresholdMillicredits,
    packId,
    packMillicredits,
    amountCents,
    currency,
    monthlyCapCents,
    maxFailures,
    failures: state.failures,
    spentThisMonthCents: spentInMonth(state, now),
    inFlightOrderId: state.inFlight?.orderId ?? null,
    disabledReason: state.disabledReason,
  };
}
