export * from './lib/catalog';
export * from './lib/duration';
export * from './lib/parse-price-book';
export * from './lib/price-book';
export * from './lib/pricing-errors';
export * from './lib/pro-rata';
export { quoteMillicredits } from './lib/quote-millicredits';
export * from './lib/quote';
export * from './lib/select-price-book';
