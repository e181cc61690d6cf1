import { SERVICES, SUBSCRIPTION_CATEGORY, TASK_CATEGORY } from '@billing/contracts';
import { topicFor } from '@billing/messaging';
import type { ServiceFactory } from '@billing/service-host';
import type { Task } from '@billing/tasks-domain';
import { Dispatcher } from './dispatch/dispatcher';
import { reconcileTasksAtProvider } from './dispatch/reconcile';
import { TimeUnderWay } from './dispatch/time-under-way';
import { timeoutSweep } from './dispatch/timeouts';
import { AccountPlans } from './plans/account-plans';
import { SUBSCRIPTION_PAYLOAD_SCHEMAS } from './plans/subscription-payloads';
import { PricingClient } from './pricing/pricing-client';
import { TaskViews } from './read-model/task-views';
import { taskRpcMethods } from './rpc/task-rpc';
import { SAGA_OWN_EVENT_TYPES, WALLET_ANSWER_TYPES, WALLET_TOPIC_SCHEMAS, WALLET_TOPIC } from './saga/saga-events';
import { SagaRunner } from './saga/saga-runner';
import { AccountSlots } from './slots/account-slots';
import { Admissions } from './slots/admissions';
import { TaskStreams } from './streams/task-streams';
import { taskRoutes } from './task-routes';
import { providerOf, resolveTasksOptions, type TasksServiceOptions } from './tasks-service-options';
import { WalletClient } from './wallet/wallet-client';

export const TASKS_SERVICE = SERVICES.tasks;
export const SUBSCRIPTION_TOPIC = topicFor(SUBSCRIPTION_CATEGORY, 1);

/**
 * The task service: the task lifecycle and its saga. A task is quoted, takes a slot,
 * has its credits held by the wallet, runs at the generation provider, and is charged
 * on success or has its hold released on failure, cancellation or timeout.
 */
export function createTasksService(options: TasksServiceOptions = {}): ServiceFactory {
  const settings = resolveTasksOptions(options);
  return async (context) => {
    const { store, db, clock, logger } = context;
    const { provider, owned } = providerOf(settings.provider, logger);
    const slots = AccountSlots.of(store);
    const underWay = new TimeUnderWay(settings.monotonic);
    // What this instance appends: the slots and the time under way follow it, and whoever records a reservation hands the task to the provider.
    const streams = new TaskStreams(store, context.newId, (events) => {
      slots.follow(events);
      underWay.follow(events);
      for (const event of events) if (event.type === 'TaskReserved') dispatcher.dispatch(event.data.taskId);
    });
    const dispatcher = new Dispatcher({ streams, provider, clock, logger });
    dispatcher.start();
    const pricing = new PricingClient({
      rpc: context.rpc,
      clock,
      service: settings.pricingService,
      catalogCacheMillis: settings.catalogCacheMillis,
      ...(settings.priceBookId === undefined ? {} : { priceBookId: settings.priceBookId }),
    });
    const plans = new AccountPlans(db, pricing);
    const views = new TaskViews(store, db, logger);
    const admissions = new Admissions({
      streams,
      slots,
      plans,
      wallet: new WalletClient(context.rpc, settings.walletService),
      commands: context.commands,
      clock,
      logger,
      reservationTtlMillis: settings.reservationTtlMillis,
      answerWithinMillis: settings.createWaitMillis,
      walletService: settings.walletService,
    });
    const saga = new SagaRunner({ streams, admissions, commands: context.commands, clock, logger, reservationTtlMillis: settings.reservationTtlMillis, walletService: settings.walletService });
    views.start();
    // The slots of the tasks under way, before anything is decided against them; then what the last run left half done.
    let tasksUnderWay: readonly Task[] = [];
    await slots.load(async () => {
      await views.caughtUp();
      tasksUnderWay = views.underWay();
      return tasksUnderWay;
    });
    underWay.seen(views.timed(), clock.now());
    admissions.resumeRequested(tasksUnderWay);
    for (const task of tasksUnderWay) if (task.status === 'reserved') dispatcher.dispatch(task.taskId);
    let stopping = false;
    const resumed = Promise.all([
      ...slots.waiting().map((accountId) => admissions.startQueued(accountId)),
      // Tasks left at the provider are settled by what it knows of their jobs.
      reconcileTasksAtProvider({ views, streams, provider, clock, logger, stopping: () => stopping }),
    ]).catch((error: unknown) =>
      logger.error('tasks left under way by the last run were not all resumed; they wait for their outcome or time-out', { error: String(error) }),
    );
    return {
      // The host's name for it: `tasks`, or another when two instances share one process in a test.
      name: context.serviceName,
      publishes: taskRoutes(settings.partitions),
      reactors: [
        {
          name: 'task-saga',
          source: { kind: 'store', filter: { streamPrefixes: [`${TASK_CATEGORY}-`], eventTypes: [...SAGA_OWN_EVENT_TYPES] } },
          handle: (events) => saga.react(events),
        },
        {
          name: 'wallet-answers',
          source: { kind: 'bus', topics: [WALLET_TOPIC], schemas: WALLET_TOPIC_SCHEMAS, handles: WALLET_ANSWER_TYPES },
          handle: (events) => saga.react(events),
        },
        { name: 'account-plans', source: { kind: 'bus', topics: [SUBSCRIPTION_TOPIC], schemas: SUBSCRIPTION_PAYLOAD_SCHEMAS }, handle: (events) => plans.follow(events) },
      ],
      rpc: taskRpcMethods({ streams, views, admissions, plans, pricing, provider, clock }),
      jobs: [
        {
          name: 'task-timeouts',
          everyMillis: settings.timeoutSweepEveryMillis,
          run: timeoutSweep({ views, streams, provider, logger, underWay, taskTimeoutMillis: settings.taskTimeoutMillis }),
        },
      ],
      close: async () => {
        stopping = true;
        await resumed;
        dispatcher.stop();
        await views.stop();
        if (owned) await provider.close();
      },
    };
  };
}
