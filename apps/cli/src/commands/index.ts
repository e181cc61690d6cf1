import type { CliCommand } from '../command';
import { auditCommand } from './audit.command';
import { benchCommand } from './bench.command';
import { planCommand } from './plan.command';
import { priceBooksCommand } from './price-books.command';
import { quoteCommand } from './quote.command';
import { receiptsCommand } from './receipts.command';
import { refundCommand } from './refund.command';
import { refundRenewalCommand } from './refund-renewal.command';
import { subscribeCommand } from './subscribe.command';
import { tokenCommand } from './token.command';

/** Every `billing` command. A new command is one file here and one line below. */
export const COMMANDS: readonly CliCommand[] = [
  quoteCommand,
  priceBooksCommand,
  benchCommand,
  auditCommand,
  tokenCommand,
  subscribeCommand,
  planCommand,
  receiptsCommand,
  refundCommand,
  refundRenewalCommand,
];
