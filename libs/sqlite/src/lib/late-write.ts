import type Database from 'better-sqlite3';

/**
 * A write that waits: `schedule` runs `write` once, `delayMillis` after the first call
 * since the last run, unless `cancel` came first (the owner wrote already). The timer
 * keeps no process alive, and a database closed meanwhile is left alone. A write that
 * throws is scheduled again when `retry` says so, else left for the next `schedule`.
 */
export class LateWrite {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly delayMillis: number,
    private readonly write: () => void,
    private readonly retry = false,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.db.open) return;
      try {
        this.write();
      } catch {
        // Still waiting in memory: written later, or recomputed after a restart.
        if (this.retry) this.schedule();
      }
    }, this.delayMillis);
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
