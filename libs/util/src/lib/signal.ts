/**
 * A wake-up that renews itself: `next()` resolves at the following `notify()`. How a
 * writer wakes the readers that wait for what it just committed.
 */
export class Signal {
  private wake: () => void = () => undefined;
  private pending: Promise<void> = this.renew();

  next(): Promise<void> {
    return this.pending;
  }

  notify(): void {
    const wake = this.wake;
    this.pending = this.renew();
    wake();
  }

  private renew(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}
