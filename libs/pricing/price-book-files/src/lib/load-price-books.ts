import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parsePriceBook, priceBookSetProblems, type PriceBook } from '@billing/pricing-domain';
import { parse as parseYaml } from 'yaml';

const PRICE_BOOK_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
/** Files beside the books that are not books: the folder is also an Nx project. */
const NOT_PRICE_BOOKS = new Set(['project.json', 'package.json']);

/** A price book file that cannot be read, parsed or validated; names the file. */
export class PriceBookFileError extends Error {
  override readonly name = 'PriceBookFileError';
}

/** `PRICE_BOOKS_DIR` when set, else the `price-books/` folder at the repository root. */
export function priceBooksDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env['PRICE_BOOKS_DIR'] ? resolve(env['PRICE_BOOKS_DIR']) : resolve(__dirname, '../../../../../price-books');
}

/** Every book in the directory (JSON or YAML), validated, and checked as a set. */
export function loadPriceBooks(directory: string = priceBooksDirectory()): readonly PriceBook[] {
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => PRICE_BOOK_EXTENSIONS.has(extname(name)) && !NOT_PRICE_BOOKS.has(name)).sort();
  } catch (error) {
    throw new PriceBookFileError(`cannot read the price book directory ${directory}: ${messageOf(error)}`);
  }
  const books = names.map((name) => loadPriceBookFile(join(directory, name)));
  const problems = priceBookSetProblems(books);
  if (problems.length > 0) throw new PriceBookFileError(`${directory}: ${problems.join('; ')}`);
  return books;
}

export function loadPriceBookFile(file: string): PriceBook {
  let document: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    document = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new PriceBookFileError(`${file}: ${messageOf(error)}`);
  }
  try {
    return parsePriceBook(document);
  } catch (error) {
    throw new PriceBookFileError(`${file}: ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
