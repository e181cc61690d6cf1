import { SERVICES } from '@billing/contracts';
import { loadPriceBooks, priceBooksDirectory } from '@billing/price-book-files';
import type { PriceBook } from '@billing/pricing-domain';
import { SERVICE_CONTEXT, type ServiceContext, type ServiceFactory } from '@billing/service-host';
import { type DynamicModule, Module } from '@nestjs/common';
import { PriceBookShelf } from './price-book-shelf';
import { PricingController } from './pricing-controller';

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
    return { name: PRICING_SERVICE, publishes: [], module: PricingModule.of(shelf, context) };
  };
}

/** Pricing as a NestJS module: its controller answers from the books on the shelf. */
@Module({})
export class PricingModule {
  static of(shelf: PriceBookShelf, context: ServiceContext): DynamicModule {
    return {
      module: PricingModule,
      controllers: [PricingController],
      providers: [
        { provide: PriceBookShelf, useValue: shelf },
        { provide: SERVICE_CONTEXT, useValue: context },
      ],
    };
  }
}
