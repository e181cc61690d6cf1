import { PricingRpc, SERVICES } from '@billing/contracts';
import { loadPriceBooks, priceBooksDirectory } from '@billing/price-book-files';
import { type PriceBook, poolForChannel, quote } from '@billing/pricing-domain';
import { rpcHandler, type ServiceContext, type ServiceDefinition, type ServiceFactory } from '@billing/service-host';
import { PriceBookShelf } from './price-book-shelf';
import { answeringProblems } from './pricing-problems';
import { CatalogRpcRequest, PriceBooksRpcRequest, QuoteRpcRequest } from './pricing-requests';

export const PRICING_SERVICE = SERVICES.pricing;

export interface PricingServiceOptions {
  /** Where the books are read from at start-up (PRICE_BOOKS_DIR; default: the repository's `price-books/`). */
  readonly priceBooksDir?: string;
  /** Books given directly instead of read from a directory. */
  readonly books?: readonly PriceBook[];
  /** The deployment's price book (PRICE_BOOK; default `credits`). */
  readonly activePriceBookId?: string;
}

/**
 * Quotes, catalog and the list of books. Every book in the directory is loaded and
 * validated when the service starts; an invalid one stops it, naming the file and field.
 */
export function createPricingService(options: PricingServiceOptions = {}): ServiceFactory {
  return (context) => {
    const books = options.books ?? loadPriceBooks(options.priceBooksDir ?? priceBooksDirectory());
    const shelf = new PriceBookShelf(books, options.activePriceBookId ?? 'credits');
    context.logger.info('price books loaded', {
      active: shelf.activePriceBookId,
      versions: books.map((book) => `${book.id}@${book.version}`),
    });
    return pricingDefinition(shelf, context);
  };
}

function pricingDefinition(shelf: PriceBookShelf, context: ServiceContext): ServiceDefinition {
  const quoteMethod = rpcHandler(PricingRpc.quote, QuoteRpcRequest, (request) =>
    answeringProblems(() => {
      const now = context.clock.now();
      const book = shelf.inForce(request.at ?? now, request.priceBookId);
      const batchSize = request.batchSize ?? request.request.batchSize;
      const priced = quote({ ...request.request, ...(batchSize === undefined ? {} : { batchSize }) }, book, { quoteId: context.newId(), now });
      return request.channel === undefined ? priced : { ...priced, pool: poolForChannel(book, request.channel) };
    }),
  );
  const catalogMethod = rpcHandler(PricingRpc.catalog, CatalogRpcRequest, (request) =>
    answeringProblems(() => {
      const book = shelf.inForce(request.at ?? context.clock.now(), request.priceBookId);
      return {
        priceBookId: book.id,
        priceBookVersion: book.version,
        effectiveFrom: book.effectiveFrom,
        currency: book.currency,
        creditUnit: book.creditUnit,
        pools: book.pools,
        plans: book.plans,
        defaultPlanId: book.defaultPlanId,
        packs: book.packs,
      };
    }),
  );
  const priceBooksMethod = rpcHandler(PricingRpc.priceBooks, PriceBooksRpcRequest, async (request) => ({
    activePriceBookId: shelf.activePriceBookId,
    priceBooks: shelf.summaries(request.at ?? context.clock.now()),
  }));
  return { name: PRICING_SERVICE, publishes: [], rpc: [quoteMethod, catalogMethod, priceBooksMethod] };
}
