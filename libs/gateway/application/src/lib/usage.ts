import type { Actor, ActorKind, LedgerEntry, TaskReply } from '@billing/contracts';
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

/**
 * Credits charged in the range for one API key or one member (`id`), per pool. By member, a
 * key's charges are its maker's (see `keyCreatorOf`). The row with `id` null holds every
 * other charge: made by a member when grouping by key, by a key no longer known when
 * grouping by member, or by a task from before its maker was recorded.
 */
export interface UsageGroupView {
  readonly id: string | null;
  readonly pool: string;
  readonly credits: number;
  readonly tasks: number;
}

export interface UsageView {
  readonly from: string;
  readonly to: string;
  readonly pool: string | null;
  readonly rows: readonly UsageRowView[];
  /** What `groups` is broken down by; null: not asked for (and `groups` is empty). */
  readonly group_by: ActorKind | null;
  readonly groups: readonly UsageGroupView[];
  readonly total_credits: number;
}

export interface UsageInput {
  /** First UTC day, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** Last UTC day, inclusive. */
  readonly to: string;
  readonly pool?: string;
  /** Also break the charges down by API key or by member. */
  readonly groupBy?: ActorKind;
}

const DAY_MILLIS = 86_400_000;

/** The instants a [from, to] range of whole UTC days covers: [start, end). */
export function usageWindow(input: UsageInput): { readonly start: number; readonly end: number } {
  return { start: Date.parse(`${input.from}T00:00:00Z`), end: Date.parse(`${input.to}T00:00:00Z`) + DAY_MILLIS };
}

/**
 * Charges (`CreditsCharged` ledger entries) summed by day, pool, model and mode, and when
 * asked by key or member, in exact millicredits until the very end. A charge whose task is
 * not known is counted under model and mode `unknown` (and in the group of id null) rather
 * than dropped: the totals always equal the ledger's.
 */
export function usageView(input: UsageInput, charges: readonly LedgerEntry[], tasks: ReadonlyMap<string, TaskReply>, keyMakers: ReadonlyMap<string, string> = new Map()): UsageView {
  const byDay = new Sums<{ day: string; pool: string; model: string; mode: string }>();
  const byActor = new Sums<{ id: string | null; pool: string }>();
  let total = 0;
  for (const charge of charges) {
    const task = charge.taskId ? tasks.get(charge.taskId) : undefined;
    const day = new Date(charge.at).toISOString().slice(0, 10);
    const counted = { taskId: charge.taskId ?? charge.eventId, millicredits: charge.millicredits };
    byDay.add({ day, pool: charge.pool, model: task?.quote.model ?? 'unknown', mode: task?.quote.mode ?? 'unknown' }, counted);
    if (input.groupBy) byActor.add({ id: groupOf(input.groupBy, task?.actor ?? null, keyMakers), pool: charge.pool }, counted);
    total += charge.millicredits;
  }
  const rows = byDay
    .rows()
    .sort((a, b) => a.day.localeCompare(b.day) || a.pool.localeCompare(b.pool) || a.model.localeCompare(b.model) || a.mode.localeCompare(b.mode));
  const groups = byActor.rows().sort((a, b) => a.pool.localeCompare(b.pool) || nullsLast(a.id, b.id));
  return { from: input.from, to: input.to, pool: input.pool ?? null, rows, group_by: input.groupBy ?? null, groups, total_credits: creditsNumber(total) };
}

/** The group a task's charge falls in: its key, or its member (a key's maker for a key's task); null when none. */
function groupOf(groupBy: ActorKind, actor: Actor | null, keyMakers: ReadonlyMap<string, string>): string | null {
  if (actor === null) return null;
  if (actor.kind === groupBy) return actor.id;
  return groupBy === 'member' ? (keyMakers.get(actor.id) ?? null) : null;
}

/** Millicredits and distinct tasks summed per group (`fields`), shown in credits. */
class Sums<Fields extends Record<string, string | null>> {
  private readonly sums = new Map<string, { fields: Fields; millicredits: number; tasks: Set<string> }>();

  add(fields: Fields, charge: { readonly taskId: string; readonly millicredits: number }): void {
    const key = JSON.stringify(Object.values(fields));
    const sum = this.sums.get(key) ?? { fields, millicredits: 0, tasks: new Set<string>() };
    sum.millicredits += charge.millicredits;
    sum.tasks.add(charge.taskId);
    this.sums.set(key, sum);
  }

  rows(): (Fields & { credits: number; tasks: number })[] {
    return [...this.sums.values()].map((sum) => ({ ...sum.fields, credits: creditsNumber(sum.millicredits), tasks: sum.tasks.size }));
  }
}

const nullsLast = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b));
