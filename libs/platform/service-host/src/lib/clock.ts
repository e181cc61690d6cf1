import type { EpochMillis } from '@billing/contracts';
import type { Clock } from './service';

/** The wall clock, for production. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand: time stands still until told otherwise. */
export class ManualClock implements Clock {
  constructor(private current: EpochMillis = Date.UTC(2026, 0, 1)) {}

  now(): EpochMillis {
    return this.current;
  }

  set(at: EpochMillis): void {
    this.current = at;
  }

  advance(millis: number): void {
    this.current += millis;
  }
}
