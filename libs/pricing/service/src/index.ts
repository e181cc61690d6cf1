export * from './lib/pricing-service';
export * from './lib/pricing-requests';
export * from './lib/price-book-shelf';
