import type { Utilisation } from '@billing/contracts';
import { roundBigQuotientToIncrement } from '@billing/util';
import type { Task } from './task-state';

/**
 * Points utilisation (seed 000), as the tasks contract states it. The ratio is exact; the
 * percentage is for people, rounded half up to two decimals.
 */
export function utilisation(tasks: Iterable<Pick<Task, 'creditsCostMillicredits' | 'adopted'>>): Utilisation {
  let adoptedMillicredits = 0;
  let chargedMillicredits = 0;
  for (const task of tasks) {
    if (task.creditsCostMillicredits === null) continue;
    chargedMillicredits += task.creditsCostMillicredits;
    if (task.adopted) adoptedMillicredits += task.creditsCostMillicredits;
  }
  return { adoptedMillicredits, chargedMillicredits, percentage: formatShare(adoptedMillicredits, chargedMillicredits) };
}

function formatShare(part: number, whole: number): string | null {
  if (whole === 0) return null;
  const hundredthsOfPercent = roundBigQuotientToIncrement(BigInt(part) * 10_000n, BigInt(whole), 1n, 'half_up');
  const fraction = String(hundredthsOfPercent % 100n).padStart(2, '0');
  return `${hundredthsOfPercent / 100n}.${fraction}%`;
}
