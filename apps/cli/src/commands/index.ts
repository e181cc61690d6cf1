import type { CliCommand } from '../command';
import { auditCommand } from './audit.command';
import { benchCommand } from './bench.command';
import { priceBooksCommand } from './price-books.command';
import { quoteCommand } from './quote.command';
import { tokenCommand } from './token.command';

/** Every `billing` command. A new command is one file here and one line below. */
export const COMMANDS: readonly CliCommand[] = [quoteCommand, priceBooksCommand, benchCommand, auditCommand, tokenCommand];
