import { type FlowFigures, type Liability, LIABILITY_FLOWS, type LiabilityFlow, type PoolLiability, paidLotId, purchaseLotId, type WalletEvent } from '@billing/contracts';
import type { AuditSource } from './audit-source';
import type { AuditedWallet, LotPrice } from './audited-wallet';
import type { AuditFinding } from './finding';
import { CreditsByPrice, MONEY_ROUNDING } from './money';
import type { StoredEvent } from './stored-event';
import { replayWallets, type ReplayProgress } from './wallet-replay';

const FLOWS = LIABILITY_FLOWS;
type Flow = LiabilityFlow;
/** How each flow moves outstanding credits. */
const SIGN: Record<Flow, 1 | -1> = { purchased: 1, granted: 1, refunded: 1, charged: -1, expired: -1, revoked: -1 };

export interface LiabilityReport extends Liability {
  readonly findings: readonly AuditFinding[];
}

export interface LiabilityOptions {
  readonly asOf: number;
  /** First instant of the period for breakage and revenue (default: the start of the asOf month, UTC). */
  readonly from?: number;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

interface PoolBook {
  readonly before: Record<Flow, CreditsByPrice>;
  readonly within: Record<Flow, CreditsByPrice>;
}

const emptyFlows = (): Record<Flow, CreditsByPrice> =>
  Object.fromEntries(FLOWS.map((flow) => [flow, new CreditsByPrice()])) as Record<Flow, CreditsByPrice>;

/**
 * `audit liability`: outstanding credits per pool and their value at the price they were
 * bought at, following the lots each movement names (the allocations the wallet recorded,
 * so the order is the wallet's own: earliest expiry first, then first in first out);
 * breakage and revenue recognised in the period; and the reconciliation.
 */
export async function liabilityReport(source: AuditSource, options: LiabilityOptions): Promise<LiabilityReport> {
  const from = options.from ?? startOfMonth(options.asOf);
  const books = new Map<string, PoolBook>();
  const bookOf = (pool: string): PoolBook => {
    let book = books.get(pool);
    if (book === undefined) books.set(pool, (book = { before: emptyFlows(), within: emptyFlows() }));
    return book;
  };
  const replay = await replayWallets(source, {
    asOf: options.asOf,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    visitor: {
      afterEvent(wallet: AuditedWallet, event: WalletEvent, stored: StoredEvent) {
        const book = bookOf(wallet.pool);
        const flows = stored.recordedAt < from ? book.before : book.within;
        for (const [flow, price, millicredits] of movementsOf(wallet, event)) flows[flow].add(price, millicredits);
      },
    },
  });
  const outstanding = new Map<string, { all: CreditsByPrice; purchased: number; granted: number }>();
  for (const wallet of replay.wallets.values()) {
    bookOf(wallet.pool);
    let pool = outstanding.get(wallet.pool);
    if (pool === undefined) outstanding.set(wallet.pool, (pool = { all: new CreditsByPrice(), purchased: 0, granted: 0 }));
    for (const lot of wallet.lots.values()) {
      pool.all.add(lot.price, lot.remainingMillicredits);
      if (lot.kind === 'purchase') pool.purchased += lot.remainingMillicredits;
      else pool.granted += lot.remainingMillicredits;
    }
  }
  const pools = [...books].sort(([a], [b]) => a.localeCompare(b)).map(([pool, book]): PoolLiability => {
    const closing = outstanding.get(pool) ?? { all: new CreditsByPrice(), purchased: 0, granted: 0 };
    const opening = net(book.before);
    const allTime = Object.fromEntries(FLOWS.map((flow) => {
      const sum = new CreditsByPrice();
      sum.addAll(book.before[flow]);
      sum.addAll(book.within[flow]);
      return [flow, sum];
    })) as Record<Flow, CreditsByPrice>;
    const throughPeriod = new CreditsByPrice();
    throughPeriod.addAll(opening);
    throughPeriod.addAll(net(book.within));
    const revenue = new CreditsByPrice();
    revenue.addAll(book.within.charged);
    revenue.addAll(book.within.refunded, -1);
    return {
      pool,
      outstanding: { ...figures(closing.all), purchasedMillicredits: closing.purchased, grantedMillicredits: closing.granted },
      opening: figures(opening),
      period: mapFlows(book.within),
      breakage: figures(book.within.expired),
      revenueRecognisedCents: revenue.valueCents(),
      allTime: mapFlows(allTime),
      reconciles: sameClasses(closing.all, throughPeriod) && sameClasses(closing.all, net(allTime)),
    };
  });
  return {
    audit: 'liability',
    source: source.location,
    asOf: new Date(options.asOf).toISOString(),
    periodFrom: new Date(from).toISOString(),
    rounding: MONEY_ROUNDING,
    pools,
    findings: replay.findings,
  };
}

/** What an event moves, lot by lot, with each lot's price. */
function movementsOf(wallet: AuditedWallet, event: WalletEvent): [Flow, LotPrice | null, number][] {
  const priceOf = (lotId: string) => wallet.lots.get(lotId)?.price ?? null;
  switch (event.type) {
    case 'CreditsPurchased':
      return [['purchased', priceOf(purchaseLotId(event.data.purchaseId)), event.data.millicredits]];
    case 'CreditsGranted':
      return [['granted', null, event.data.millicredits]];
    case 'CreditsCharged':
      return event.data.allocations.map((a) => ['charged', priceOf(a.lotId), a.millicredits]);
    case 'CreditsRefunded':
      return event.data.allocations.map((a) => ['refunded', priceOf(a.lotId), a.millicredits]);
    case 'CreditsExpired':
      return [['expired', priceOf(event.data.lotId), event.data.millicredits]];
    case 'CreditsRevoked':
      return [['revoked', priceOf(paidLotId(event.data)), event.data.millicredits]];
    default:
      return [];
  }
}

function net(flows: Record<Flow, CreditsByPrice>): CreditsByPrice {
  const sum = new CreditsByPrice();
  for (const flow of FLOWS) sum.addAll(flows[flow], SIGN[flow]);
  return sum;
}

function figures(credits: CreditsByPrice): FlowFigures {
  return { millicredits: credits.millicredits, valueCents: credits.valueCents() };
}

function mapFlows(flows: Record<Flow, CreditsByPrice>): Record<Flow, FlowFigures> {
  return Object.fromEntries(FLOWS.map((flow) => [flow, figures(flows[flow])])) as Record<Flow, FlowFigures>;
}

function sameClasses(a: CreditsByPrice, b: CreditsByPrice): boolean {
  const left = [...a.classes()].filter(([, millicredits]) => millicredits !== 0);
  const right = new Map([...b.classes()].filter(([, millicredits]) => millicredits !== 0));
  return left.length === right.size && left.every(([key, millicredits]) => right.get(key) === millicredits);
}

export function startOfMonth(instant: number): number {
  const date = new Date(instant);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}
