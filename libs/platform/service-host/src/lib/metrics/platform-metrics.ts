import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** A lag read when Prometheus scrapes: events behind the head of what is followed. */
export interface LagSource {
  readonly labels: { readonly group: string; readonly topic: string };
  behind(): Promise<number>;
}

/** What a gauge reads at scrape time, one sample per label set. */
export type Samples<L extends string> = () => Iterable<readonly [Partial<Record<L, string>>, number]> | Promise<Iterable<readonly [Partial<Record<L, string>>, number]>>;

const TASK_SECONDS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
const APPEND_SECONDS_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * The business and runtime metrics of one process, in one Prometheus registry: the
 * embedded platform's gateway serves it at `/metrics`, a distributed process on its
 * METRICS_PORT. Counters and histograms are fed from the events the services append
 * (`EventMetrics`); lags and dead letters are read from their sources when scraped.
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  /** Credits moved, by pool and movement (purchased, granted, reserved, charged, released, refunded, expired, ...). */
  readonly credits = this.counter('billing_credits_millicredits_total', 'Millicredits moved in wallets, by pool and movement', ['pool', 'movement']);
  readonly taskTransitions = this.counter('billing_task_transitions_total', 'Tasks entering each state', ['state']);
  readonly tasksEnded = this.counter('billing_tasks_ended_total', 'Tasks ended, by outcome (charged, released, rejected) and reason', ['outcome', 'reason']);
  readonly createToTerminal = new Histogram({
    name: 'billing_task_create_to_terminal_seconds',
    help: 'Time from a task request to its end (charged, released or rejected), by outcome',
    labelNames: ['outcome'],
    buckets: TASK_SECONDS_BUCKETS,
    registers: [this.registry],
  });
  readonly orders = this.counter('billing_orders_total', 'Orders by outcome (placed, paid, payment_failed, refunded, disputed)', ['outcome']);
  readonly paymentsCents = this.counter('billing_payments_cents_total', 'Money in cents, by outcome (paid, refunded) and currency', ['outcome', 'currency']);
  readonly appendSeconds = new Histogram({
    name: 'billing_event_store_append_seconds',
    help: 'Event store append latency, by service',
    labelNames: ['service'],
    buckets: APPEND_SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly lags: LagSource[] = [];
  private readonly consumerGroups: Samples<'group' | 'topic'>[] = [];
  private readonly relayLags = new Map<string, () => Promise<number>>();
  private readonly deadLetterSources: Samples<'topic' | 'consumer'>[] = [];
  private readonly handledSources: Samples<'consumer'>[] = [];
  private readonly taskGauges: Samples<'state'>[] = [];

  constructor() {
    collectProcessMetrics(this.registry);
    const lags = this.lags;
    const consumerGroups = this.consumerGroups;
    const relayLags = this.relayLags;
    const deadLetterSources = this.deadLetterSources;
    const handledSources = this.handledSources;
    const taskGauges = this.taskGauges;
    this.gauge('billing_consumer_lag_events', 'Events a consumer group is behind the head of a topic (or store) it follows', ['group', 'topic'], async () => [
      ...(await readAll(lags.map((lag) => [lag.labels, lag.behind] as const))),
      ...(await Promise.all(consumerGroups.map(async (read) => [...(await Promise.resolve(read()).catch(() => []))]))).flat(),
    ]);
    this.gauge('billing_outbox_relay_lag_events', 'Events of a service store not yet published by its relay', ['service'], () =>
      readAll([...relayLags].map(([service, behind]) => [{ service }, behind] as const)),
    );
    this.gauge('billing_tasks', 'Tasks not yet ended, by state', ['state'], async () => (await Promise.all(taskGauges.map((read) => read()))).flatMap((samples) => [...samples]));
    this.gauge('billing_concurrency_slots_in_use', 'Concurrency slots held by tasks under way, over every account', [], () => this.sumTasks(['requested', 'reserved', 'dispatched', 'running']));
    this.gauge('billing_task_queue_length', 'Tasks waiting for a concurrency slot, over every account', [], () => this.sumTasks(['queued']));
    new Counter({
      name: 'billing_dead_letters_total',
      help: 'Messages sent to a dead-letter topic, by source topic and consumer',
      labelNames: ['topic', 'consumer'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const read of deadLetterSources) for (const [labels, count] of await read()) this.inc(labels, count);
      },
    });
    new Counter({
      name: 'billing_messages_handled_total',
      help: 'Messages this process handled from the bus, by consumer group (commands decided, RPC requests answered, events reacted to)',
      labelNames: ['consumer'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const read of handledSources) for (const [labels, count] of await read()) this.inc(labels, count);
      },
    });
  }

  /** Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Each of these returns how to stop: what a stopped service leaves is not read again. */
  followLag(lag: LagSource): () => void {
    return added(this.lags, lag);
  }

  /** A bus's consumer groups (`MessageBus.consumerLag`). */
  followConsumers(read: Samples<'group' | 'topic'>): () => void {
    return added(this.consumerGroups, read);
  }

  followRelay(service: string, behind: () => Promise<number>): () => void {
    this.relayLags.set(service, behind);
    return () => this.relayLags.delete(service);
  }

  countDeadLetters(read: Samples<'topic' | 'consumer'>): () => void {
    return added(this.deadLetterSources, read);
  }

  countHandled(read: Samples<'consumer'>): () => void {
    return added(this.handledSources, read);
  }

  countTasks(read: Samples<'state'>): () => void {
    return added(this.taskGauges, read);
  }

  private async sumTasks(states: readonly string[]): Promise<Iterable<readonly [Record<string, string>, number]>> {
    let sum = 0;
    for (const read of this.taskGauges) for (const [labels, count] of await read()) if (labels.state && states.includes(labels.state)) sum += count;
    return [[{}, sum]];
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[], read: Samples<L>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [labels, value] of await read()) this.set(labels, value);
      },
    });
  }
}

/**
 * prom-client's default metrics (CPU, memory, event loop, GC), less the three gauges it
 * names `_total` (`nodejs_active_handles_total`, ...), which `promtool check metrics`
 * rejects; their breakdowns by type (`nodejs_active_handles`, ...) stay.
 */
export function collectProcessMetrics(registry: Registry, prefix = ''): void {
  collectDefaultMetrics({ register: registry, prefix });
  for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total']) registry.removeSingleMetric(`${prefix}nodejs_${name}`);
}

function added<T>(list: T[], item: T): () => void {
  list.push(item);
  return () => {
    const at = list.indexOf(item);
    if (at >= 0) list.splice(at, 1);
  };
}

/** Reads every lag; one that cannot be read now (its store closing) is left out of this scrape. */
async function readAll<L>(sources: readonly (readonly [L, () => Promise<number>])[]): Promise<(readonly [L, number])[]> {
  const read = await Promise.all(sources.map(async ([labels, behind]) => behind().then((value) => [labels, value] as const, () => null)));
  return read.filter((sample) => sample !== null);
}
