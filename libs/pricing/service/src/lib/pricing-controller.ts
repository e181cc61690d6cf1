import { type Answering, type CatalogCall, type CatalogReply, type PriceBooksCall, type PriceBooksReply, PricingRpc, type QuoteCall, type QuoteReply } from '@billing/contracts';
import { poolForChannel, quote } from '@billing/pricing-domain';
import { answers, SERVICE_CONTEXT, type ServiceContext } from '@billing/service-host';
import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PriceBookShelf } from './price-book-shelf';
import { answeringProblems } from './pricing-problems';
import { CatalogRpcRequest, PriceBooksRpcRequest, QuoteRpcRequest } from './pricing-requests';

/** Quotes, the catalog and the list of books, from the books loaded at start-up. */
@Controller()
export class PricingController implements Answering<typeof PricingRpc> {
  constructor(
    @Inject(PriceBookShelf) private readonly shelf: PriceBookShelf,
    @Inject(SERVICE_CONTEXT) private readonly context: ServiceContext,
  ) {}

  @MessagePattern(PricingRpc.quote, answers(QuoteRpcRequest))
  quote(@Payload() request: QuoteCall): Promise<QuoteReply> {
    return answeringProblems(() => {
      const now = this.context.clock.now();
      const book = this.shelf.inForce(request.at ?? now, request.priceBookId);
      const batchSize = request.batchSize ?? request.request.batchSize;
      const priced = quote({ ...request.request, ...(batchSize === undefined ? {} : { batchSize }) }, book, { quoteId: this.context.newId(), now });
      return request.channel === undefined ? priced : { ...priced, pool: poolForChannel(book, request.channel) };
    });
  }

  @MessagePattern(PricingRpc.catalog, answers(CatalogRpcRequest))
  catalog(@Payload() request: CatalogCall): Promise<CatalogReply> {
    return answeringProblems(() => {
      const book = this.shelf.inForce(request.at ?? this.context.clock.now(), request.priceBookId);
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
    });
  }

  @MessagePattern(PricingRpc.priceBooks, answers(PriceBooksRpcRequest))
  async priceBooks(@Payload() request: PriceBooksCall): Promise<PriceBooksReply> {
    return { activePriceBookId: this.shelf.activePriceBookId, priceBooks: this.shelf.summaries(request.at ?? this.context.clock.now()) };
  }
}
