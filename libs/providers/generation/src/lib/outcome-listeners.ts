import type { GenerationOutcome, OutcomeListener } from './generation-provider';

export type DeliveryErrorHandler = (error: unknown, outcome: GenerationOutcome) => void;

/** Reports a listener failure on stderr; adapters take a handler so callers can do better. */
export const reportDeliveryError: DeliveryErrorHandler = (error, outcome) => {
  console.error(`generation outcome for task ${outcome.taskId} was not handled yet; it is delivered again`, error);
};

/**
 * The listeners of one adapter. `deliver` waits for all of them, reports each failure, and
 * rejects with the first: an outcome a listener could not record is not acknowledged, so
 * its source delivers it again (listeners tolerate repeats).
 */
export class OutcomeListeners {
  private readonly listeners = new Set<OutcomeListener>();

  constructor(private readonly onError: DeliveryErrorHandler = reportDeliveryError) {}

  add(listener: OutcomeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async deliver(outcome: GenerationOutcome): Promise<void> {
    const failures: unknown[] = [];
    await Promise.all(
      [...this.listeners].map(async (listener) => {
        try {
          await listener(outcome);
        } catch (error) {
          failures.push(error);
          this.onError(error, outcome);
        }
      }),
    );
    if (failures.length > 0) throw failures[0];
  }
}
