import type { LedgerEntry, TaskReply } from '@billing/contracts';
import { creditsNumber } from '@billing/util';

/** Credits charged on one UTC day for one (pool, model, mode). */
export interface UsageRowView {
  readonly day: string;
  readonly pool: string;
  readonly model: string;
  readonly mode: string;
  readonly credits: number;
  readonly tasks: number;
}

export interface UsageView {
  readonly from: string;
  readonly to: string;
  readonly pool: string | null;
  readonly rows: readonly UsageRowView[];
  readonly total_credits: number;
}

export interface UsageInput {
  /** First UTC day, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** Last UTC day, inclusive. */
  readonly to: string;
  readonly pool?: string;
}

const DAY_MILLIS = 86_400_000;

/** The instants a [from, to] range of whole UTC days covers: [start, end). */
export function usageWindow(input: UsageInput): { readonly start: number; readonly end: number } {
  return { start: Date.parse(`${input.from}T00:00:00Z`), end: Date.parse(`${input.to}T00:00:00Z`) + DAY_MILLIS };
}

/**
 * Charges (`CreditsCharged` ledger entries) summed by day, pool, model and mode, in exact
 * millicredits until the very end. A charge whose task is not known is counted under model
 * and mode `unknown` rather than dropped: the totals always equal the ledger's.
 */
export function usageView(input: UsageInput, charges: readonly LedgerEntry[], tasks: ReadonlyMap<string, TaskReply>): UsageView {
  const sums = new Map<string, { day: string; pool: string; model: string; mode: string; millicredits: number; tasks: Set<string> }>();
  let total = 0;
  for (const charge of charges) {
    const task = charge.taskId ? tasks.get(charge.taskId) : undefined;
    const day = new Date(charge.at).toISOString().slice(0, 10);
    const model = task?.quote.model ?? 'unknown';
    const mode = task?.quote.mode ?? 'unknown';
    const key = `${day}\u0000${charge.pool}\u0000${model}\u0000${mode}`;
    const sum = sums.get(key) ?? { day, pool: charge.pool, model, mode, millicredits: 0, tasks: new Set<string>() };
    sum.millicredits += charge.millicredits;
    sum.tasks.add(charge.taskId ?? charge.eventId);
    sums.set(key, sum);
    total += charge.millicredits;
  }
  const rows = [...sums.values()]
    .sort((a, b) => a.day.localeCompare(b.day) || a.pool.localeCompare(b.pool) || a.model.localeCompare(b.model) || a.mode.localeCompare(b.mode))
    .map((sum) => ({ day: sum.day, pool: sum.pool, model: sum.model, mode: sum.mode, credits: creditsNumber(sum.millicredits), tasks: sum.tasks.size }));
  return { from: input.from, to: input.to, pool: input.pool ?? null, rows, total_credits: creditsNumber(total) };
}
