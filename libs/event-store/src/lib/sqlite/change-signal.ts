/** A promise that resolves at the next `notify()`: how the writer wakes live subscriptions. */
export class ChangeSignal {
  private wake: () => void = () => undefined;
  private next: Promise<void> = this.renew();

  nextChange(): Promise<void> {
    return this.next;
  }

  notify(): void {
    const wake = this.wake;
    this.next = this.renew();
    wake();
  }

  private renew(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}

/** Read-only stores cannot hear another process's writer: they poll. */
export const pollEvery = (millis: number) => (): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, millis).unref());
