/** A component's stop: a flag to check, and a promise that sleeps can race against. */
export class StopFlag {
  private raised = false;
  private wake: () => void = () => undefined;
  readonly raisedSignal: Promise<void> = new Promise((resolve) => (this.wake = resolve));

  get isRaised(): boolean {
    return this.raised;
  }

  raise(): void {
    this.raised = true;
    this.wake();
  }

  /** Waits `millis`, or less when the flag is raised meanwhile. */
  async pause(millis: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, millis))), this.raisedSignal]);
    clearTimeout(timer);
  }
}
