import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadPriceBooks, PriceBookFileError, priceBooksDirectory } from './load-price-books';

describe('price book files', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'price-books-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const shipped = (id: string): Record<string, unknown> =>
    JSON.parse(readFileSync(join(priceBooksDirectory({}), `${id}.json`), 'utf8')) as Record<string, unknown>;

  it('given the shipped directory, then both books load', () => {
    expect(loadPriceBooks(priceBooksDirectory({})).map((book) => book.id)).toEqual(['credits', 'points']);
  });

  it('given PRICE_BOOKS_DIR, then it overrides the directory', () => {
    expect(priceBooksDirectory({ PRICE_BOOKS_DIR: directory })).toBe(directory);
  });

  it('given a YAML book beside a JSON one, then both load', () => {
    writeFileSync(join(directory, 'points.yaml'), stringify(shipped('points')));
    writeFileSync(join(directory, 'points-2.json'), JSON.stringify({ ...shipped('points'), version: '2', effectiveFrom: '2026-07-01T00:00:00Z' }));
    writeFileSync(join(directory, 'notes.txt'), 'not a book');
    writeFileSync(join(directory, 'project.json'), JSON.stringify({ name: 'price-books' }));
    expect(loadPriceBooks(directory).map((book) => `${book.id}@${book.version}`)).toEqual(['points@2', 'points@2026-01-01']);
  });

  it('given an invalid book, then the error names the file and the field', () => {
    writeFileSync(join(directory, 'credits.json'), JSON.stringify({ ...shipped('credits'), quoteTtlSeconds: 0 }));
    expect(() => loadPriceBooks(directory)).toThrow(PriceBookFileError);
    expect(() => loadPriceBooks(directory)).toThrow(/credits\.json: price book "credits" is invalid: quoteTtlSeconds: must be a whole number of at least 1/);
  });

  it('given a file that is not JSON, or a missing directory, then the error says which', () => {
    writeFileSync(join(directory, 'broken.json'), '{');
    expect(() => loadPriceBooks(directory)).toThrow(/broken\.json: /);
    expect(() => loadPriceBooks(join(directory, 'missing'))).toThrow(/cannot read the price book directory/);
  });
});
