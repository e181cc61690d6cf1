import { type CatalogReply, type Channel, PricingRpc, type QuoteReply, type QuoteRequest, type QuoteSnapshot, type RpcContract } from '@billing/contracts';
import { type Clock, type RpcClient, send } from '@billing/service-host';

/** A quote as the task service uses it: one snapshot per task, and the pool its channel draws on. */
export interface TaskQuote {
  readonly quoteId: string;
  readonly pool: string;
  readonly millicredits: number;
  readonly snapshots: readonly QuoteSnapshot[];
}

export interface PricingClientOptions {
  readonly rpc: RpcClient;
  readonly clock: Clock;
  readonly service: string;
  /** The book to quote from; pricing's active book when absent. */
  readonly priceBookId?: string;
  /** How long a catalog answer is reused. */
  readonly catalogCacheMillis: number;
}

/** Talks to the pricing service; checks the shape of what comes back before using it. */
export class PricingClient {
  private catalogCache: { readonly at: number; readonly catalog: Promise<CatalogReply> } | null = null;

  constructor(private readonly options: PricingClientOptions) {}

  async quote(request: QuoteRequest, channel: Channel, accountId: string): Promise<TaskQuote> {
    const { model, durationMillis, resolution, fps, complexity, videoReference, mode, batchSize } = request;
    const fields = { model, durationMillis, resolution, fps, complexity, videoReference, mode };
    const reply = await send(
      this.options.rpc,
      this.at(PricingRpc.quote),
      { ...this.book(), request: withoutUndefined(fields), channel, ...(batchSize === undefined ? {} : { batchSize }) },
      { key: accountId },
    );
    return asTaskQuote(reply);
  }

  /** The catalog of the book in force, reused for `catalogCacheMillis`. */
  catalog(): Promise<CatalogReply> {
    const now = this.options.clock.now();
    const cached = this.catalogCache;
    if (cached && now - cached.at < this.options.catalogCacheMillis) return cached.catalog;
    const catalog = send(this.options.rpc, this.at(PricingRpc.catalog), this.book()).then(asCatalog);
    this.catalogCache = { at: now, catalog };
    catalog.catch(() => {
      if (this.catalogCache?.catalog === catalog) this.catalogCache = null;
    });
    return catalog;
  }

  /** The method at the configured pricing service. */
  private at<C extends RpcContract<unknown, unknown>>(method: C): C {
    return { ...method, service: this.options.service };
  }

  private book(): { priceBookId?: string } {
    return this.options.priceBookId === undefined ? {} : { priceBookId: this.options.priceBookId };
  }
}

function asTaskQuote(reply: QuoteReply): TaskQuote {
  const snapshots = Array.isArray(reply?.tasks) ? reply.tasks.map((task) => task?.snapshot) : [];
  const wellFormed =
    typeof reply?.quoteId === 'string' &&
    typeof reply.pool === 'string' &&
    Number.isSafeInteger(reply.millicredits) &&
    snapshots.length > 0 &&
    snapshots.every((snapshot) => typeof snapshot?.quoteId === 'string' && Number.isSafeInteger(snapshot.millicredits));
  if (!wellFormed || reply.pool === undefined) throw new Error('the pricing service answered a quote without a pool or task snapshots');
  return { quoteId: reply.quoteId, pool: reply.pool, millicredits: reply.millicredits, snapshots };
}

function asCatalog(reply: CatalogReply): CatalogReply {
  if (typeof reply?.defaultPlanId !== 'string' || !Array.isArray(reply.plans)) throw new Error('the pricing service answered a catalog without plans');
  return reply;
}

/** Only optional fields are undefined: dropping them leaves a T. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
