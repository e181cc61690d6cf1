export * from './lib/load-price-books';
