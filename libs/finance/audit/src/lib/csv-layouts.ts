import type { BalancesAsOfReport } from './balances-as-of';
import type { AuditFinding } from './finding';
import type { LiabilityReport } from './liability';
import { toCsv } from './report-files';
import type { Statement } from './statement';

/** One CSV layout per report, so the same figures read the same way in a spreadsheet. */
export function findingsCsv(findings: readonly AuditFinding[]): string {
  return toCsv(
    ['kind', 'stream', 'revision', 'position', 'rule', 'message'],
    findings.map((f) => [f.kind, f.streamName, f.revision, f.position, f.rule, f.message]),
  );
}

export function statementCsv(statement: Statement): string {
  return toCsv(
    ['position', 'revision', 'recorded_at', 'at', 'type', 'millicredits', 'balance_change', 'held_change', 'running_balance', 'held', 'task_id', 'reservation_id', 'order_id', 'price_book_id', 'price_book_version', 'amount_cents', 'currency', 'lot_id', 'reason'],
    [
      ['', '', statement.from, '', 'opening_balance', '', '', '', statement.openingBalanceMillicredits, '', '', '', '', '', '', '', '', '', ''],
      ...statement.entries.map((e) => [
        e.position, e.revision, e.recordedAt, e.at, e.type, e.millicredits, e.balanceChangeMillicredits, e.heldChangeMillicredits,
        e.runningBalanceMillicredits, e.heldMillicredits, e.taskId, e.reservationId, e.orderId, e.priceBookId, e.priceBookVersion,
        e.amountCents, e.currency, e.lotId, e.reason,
      ]),
      ['', '', statement.to, '', 'closing_balance', '', '', '', statement.closingBalanceMillicredits, statement.closingHeldMillicredits, '', '', '', '', '', '', '', '', ''],
    ],
  );
}

export function balancesCsv(report: BalancesAsOfReport): string {
  return toCsv(
    ['account_id', 'pool', 'revision', 'balance_millicredits', 'held_millicredits', 'available_millicredits'],
    report.wallets.map((w) => [w.accountId, w.pool, w.revision, w.balanceMillicredits, w.heldMillicredits, w.availableMillicredits]),
  );
}

const money = (cents: Record<string, number>): string => Object.entries(cents).map(([currency, amount]) => `${amount} ${currency}`).join(' ');

export function liabilityCsv(report: LiabilityReport): string {
  const rows = report.pools.flatMap((pool) => [
    [pool.pool, 'outstanding', pool.outstanding.millicredits, money(pool.outstanding.valueCents)],
    [pool.pool, 'opening', pool.opening.millicredits, money(pool.opening.valueCents)],
    ...Object.entries(pool.period).map(([flow, figures]) => [pool.pool, `period_${flow}`, figures.millicredits, money(figures.valueCents)]),
    [pool.pool, 'breakage', pool.breakage.millicredits, money(pool.breakage.valueCents)],
    [pool.pool, 'revenue_recognised', '', money(pool.revenueRecognisedCents)],
    [pool.pool, 'reconciles', pool.reconciles ? 'yes' : 'NO', ''],
  ]);
  return toCsv(['pool', 'figure', 'millicredits', 'value_cents'], rows);
}
