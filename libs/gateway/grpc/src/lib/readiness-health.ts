import type { Server } from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';

/** The services whose health `grpc.health.v1.Health` answers for: the whole server ("") and billing.v1.Billing. */
export const HEALTH_SERVICES = ['', 'billing.v1.Billing'] as const;

/**
 * The standard health service (Check, Watch, List) whose serving status follows the
 * gateway's readiness (every service answers): probed at start and every `probeMillis`,
 * NOT_SERVING until the first probe says otherwise and from `stop` on. Check answers from
 * the last probe at once, as load balancers and probes expect.
 */
export class ReadinessHealth {
  private readonly health = new HealthImplementation(Object.fromEntries(HEALTH_SERVICES.map((name) => [name, 'NOT_SERVING'])));
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly ready: () => Promise<boolean>,
    private readonly probeMillis: number,
  ) {}

  addToServer(server: Server): void {
    this.health.addToServer(server);
  }

  start(): void {
    void this.probe();
    this.timer = setInterval(() => void this.probe(), this.probeMillis);
    this.timer.unref();
  }

  /** Probes readiness now (one probe at a time) and sets the status from its answer. */
  probe(): Promise<void> {
    this.probing ??= this.ready()
      .catch(() => false)
      .then((ready) => this.set(ready ? 'SERVING' : 'NOT_SERVING'))
      .finally(() => (this.probing = null));
    return this.probing;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const name of HEALTH_SERVICES) this.health.setStatus(name, 'NOT_SERVING');
  }

  private set(status: ServingStatus): void {
    if (this.stopped) return;
    for (const name of HEALTH_SERVICES) this.health.setStatus(name, status);
  }
}
