import { createRequire } from 'node:module';

interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs' own pause between checks of a queue held back by broker throttling. */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

let mended = false;

/**
 * kafkajs 2.2.4 (tulios/kafkajs#1751) schedules its throttle check with `throttledUntil -
 * Date.now()` even when nothing is pending and no throttle is on: `throttledUntil` starts
 * at -1, so the delay is minus the epoch. Node 24 warns (`TimeoutNegativeWarning`) on
 * every connection and, like older Nodes, runs the timer after 1 ms, again and again
 * while the connection lives. Mended here: a check is scheduled only when requests wait,
 * after the throttle ends or kafkajs' 10 ms interval. Remove with a kafkajs that fixes it.
 */
export function mendKafkaRequestQueueTimer(): void {
  if (mended) return;
  mended = true;
  const fromKafkajs = createRequire(require.resolve('kafkajs'));
  const RequestQueue = fromKafkajs('./src/network/requestQueue') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueueInternals): void {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const untilThrottleEnds = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilThrottleEnds > 0 ? untilThrottleEnds : CHECK_PENDING_REQUESTS_INTERVAL,
    );
  };
}
