import type { CliCommand } from '../command';
import { benchQuoteCommand } from './bench-quote.command';
import { priceBooksCommand } from './price-books.command';
import { quoteCommand } from './quote.command';

/** Every `billing` command. A new command is one file here and one line below. */
export const COMMANDS: readonly CliCommand[] = [quoteCommand, priceBooksCommand, benchQuoteCommand];
