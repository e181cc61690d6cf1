import { useState } from 'react';
import type { LedgerEntry } from '../api/types';
import { formatCredits, formatInstant, poolName } from '../format';

const COLUMNS = ['position', 'at', 'pool', 'type', 'credits', 'balance_change', 'held_change', 'balance', 'held', 'available', 'task_id', 'purchase_id', 'reason'] as const;

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The entries as CSV, one row per entry, every column the gateway gives. */
export function ledgerCsv(entries: readonly LedgerEntry[]): string {
  return [COLUMNS.join(','), ...entries.map((entry) => COLUMNS.map((column) => csvCell(entry[column])).join(','))].join('\r\n') + '\r\n';
}

/** The ledger, newest first, filtered by pool and entry type, exported as CSV. */
export function LedgerTable(props: { readonly entries: readonly LedgerEntry[] }) {
  const [pool, setPool] = useState('');
  const [type, setType] = useState('');
  const pools = [...new Set(props.entries.map((e) => e.pool))].sort();
  const types = [...new Set(props.entries.map((e) => e.type))].sort();
  const shown = props.entries.filter((e) => (!pool || e.pool === pool) && (!type || e.type === type)).slice().reverse();

  const download = () => {
    const blob = new Blob([ledgerCsv(shown)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `ledger${pool ? `-${pool}` : ''}${type ? `-${type}` : ''}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <>
      <div className="filters">
        <label>
          Ledger pool
          <select value={pool} onChange={(e) => setPool(e.target.value)}>
            <option value="">All pools</option>
            {pools.map((p) => (
              <option key={p} value={p}>
                {poolName(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Entry type
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All types</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={download} disabled={shown.length === 0}>
          Export CSV
        </button>
      </div>
      <div className="table-wrap">
        <table aria-label="Ledger entries">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Pool</th>
              <th scope="col">Entry</th>
              <th scope="col">Credits</th>
              <th scope="col">Balance</th>
              <th scope="col">Available</th>
              <th scope="col">Task or purchase</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, 200).map((entry) => (
              <tr key={entry.position}>
                <td>{formatInstant(entry.at)}</td>
                <td>{poolName(entry.pool)}</td>
                <td>{entry.type}</td>
                <td className="num">{formatCredits(entry.credits)}</td>
                <td className="num">{formatCredits(entry.balance)}</td>
                <td className="num">{formatCredits(entry.available)}</td>
                <td className="mono">{entry.task_id ?? entry.purchase_id ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > 200 ? <p className="hint">The newest 200 of {shown.length} entries are shown; the CSV has them all.</p> : null}
    </>
  );
}
