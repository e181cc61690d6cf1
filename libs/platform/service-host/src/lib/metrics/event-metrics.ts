import { type OrderEvent, parseWalletStreamName, type TaskEvent, type TaskStatus, type WalletEvent } from '@billing/contracts';
import type { PlatformMetrics } from './platform-metrics';

type Observed = WalletEvent | TaskEvent | OrderEvent;

/** The event types the metrics are made of: a store's other events are not looked at. */
export const METRIC_EVENT_TYPES: readonly Observed['type'][] = [
  'CreditsPurchased', 'CreditsGranted', 'CreditsReserved', 'CreditsCharged', 'CreditsReleased', 'ReservationExpired', 'CreditsExpired', 'CreditsRefunded', 'CreditsRevoked',
  'TaskRequested', 'TaskQueued', 'TaskDequeued', 'TaskReserved', 'TaskRejected', 'TaskDispatched', 'TaskStarted', 'TaskSucceeded', 'TaskFailed', 'TaskCancelled', 'TaskTimedOut', 'TaskCharged', 'TaskReleased',
  'OrderPlaced', 'PaymentConfirmed', 'PaymentFailed', 'OrderRefunded', 'OrderDisputed',
];
const OBSERVED = new Set<string>(METRIC_EVENT_TYPES);

const CREDIT_MOVEMENTS: Partial<Record<Observed['type'], string>> = {
  CreditsPurchased: 'purchased',
  CreditsGranted: 'granted',
  CreditsReserved: 'reserved',
  CreditsCharged: 'charged',
  CreditsReleased: 'released',
  ReservationExpired: 'reservation_expired',
  CreditsExpired: 'expired',
  CreditsRefunded: 'refunded',
  CreditsRevoked: 'revoked',
};

const TASK_STATES: Partial<Record<Observed['type'], TaskStatus>> = {
  TaskRequested: 'requested',
  TaskQueued: 'queued',
  TaskDequeued: 'requested',
  TaskReserved: 'reserved',
  TaskDispatched: 'dispatched',
  TaskStarted: 'running',
  TaskSucceeded: 'succeeded',
  TaskFailed: 'failed',
  TaskCancelled: 'cancelled',
  TaskTimedOut: 'timed_out',
  TaskCharged: 'charged',
  TaskReleased: 'released',
  TaskRejected: 'rejected',
};

const ORDER_OUTCOMES: Partial<Record<Observed['type'], string>> = {
  OrderPlaced: 'placed',
  PaymentConfirmed: 'paid',
  PaymentFailed: 'payment_failed',
  OrderRefunded: 'refunded',
  OrderDisputed: 'disputed',
};

interface OpenTask {
  status: TaskStatus;
  readonly requestedAt: number;
}

/**
 * A projection of the events a service appends onto the process's metrics: credits moved
 * by pool, tasks by state and how they ended, orders and payments. It keeps the tasks
 * under way (their state and request time) and forgets a task once it ended.
 */
export class EventMetrics {
  private readonly open = new Map<string, OpenTask>();
  private readonly byState = new Map<TaskStatus, number>();
  /** Each label set's child, made once: prom-client would hash the labels on every event. */
  private readonly credits = childrenOf((pool: string, movement: string) => this.metrics.credits.labels({ pool, movement }));
  private readonly transitions = childrenOf((state: string) => this.metrics.taskTransitions.labels({ state }));
  private readonly ends = childrenOf((outcome: string, reason: string) => this.metrics.tasksEnded.labels({ outcome, reason }));
  private readonly durations = childrenOf((outcome: string) => this.metrics.createToTerminal.labels({ outcome }));

  constructor(private readonly metrics: PlatformMetrics) {
    metrics.countTasks(() => [...this.byState].map(([state, count]) => [{ state }, count] as const));
  }

  static observes(type: string): boolean {
    return OBSERVED.has(type);
  }

  observe(streamName: string, type: string, data: unknown): void {
    if (!OBSERVED.has(type)) return;
    const event = { type, data } as Observed;
    const movement = CREDIT_MOVEMENTS[event.type];
    if (movement && 'millicredits' in event.data) {
      this.credits(parseWalletStreamName(streamName)?.pool ?? 'unknown', movement).inc(event.data.millicredits);
      return;
    }
    const outcome = ORDER_OUTCOMES[event.type];
    if (outcome) return this.observeOrder(event as OrderEvent, outcome);
    this.observeTask(event as TaskEvent);
  }

  private observeOrder(event: OrderEvent, outcome: string): void {
    this.metrics.orders.inc({ outcome });
    if (event.type === 'PaymentConfirmed' || event.type === 'OrderRefunded') this.metrics.paymentsCents.inc({ outcome, currency: event.data.currency }, event.data.amountCents);
  }

  private observeTask(event: TaskEvent): void {
    const state = TASK_STATES[event.type];
    if (!state) return;
    this.transitions(state).inc();
    const { taskId, at } = event.data;
    const task = this.open.get(taskId) ?? (event.type === 'TaskRequested' ? { status: state, requestedAt: at } : undefined);
    if (!task) return;
    if (this.open.has(taskId)) this.count(task.status, -1);
    const ended = endOf(event);
    if (ended) {
      this.open.delete(taskId);
      this.ends(ended.outcome, ended.reason).inc();
      this.durations(ended.outcome).observe(Math.max(0, at - task.requestedAt) / 1000);
      return;
    }
    task.status = state;
    this.open.set(taskId, task);
    this.count(state, 1);
  }

  private count(state: TaskStatus, by: number): void {
    this.byState.set(state, (this.byState.get(state) ?? 0) + by);
  }
}

function endOf(event: TaskEvent): { outcome: string; reason: string } | undefined {
  switch (event.type) {
    case 'TaskCharged':
      return { outcome: 'charged', reason: 'succeeded' };
    case 'TaskReleased':
      return { outcome: 'released', reason: event.data.endReason };
    case 'TaskRejected':
      return { outcome: 'rejected', reason: event.data.rejection.reason };
    default:
      return undefined;
  }
}

/** `make` once per distinct arguments, then the same child. */
function childrenOf<Args extends string[], Child>(make: (...args: Args) => Child): (...args: Args) => Child {
  const made = new Map<string, Child>();
  return (...args) => {
    const key = args.join('\u0000');
    let child = made.get(key);
    if (child === undefined) made.set(key, (child = make(...args)));
    return child;
  };
}
