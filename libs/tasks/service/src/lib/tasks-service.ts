import { SERVICES } from '@billing/contracts';
import type { ServiceFactory } from '@billing/service-host';
import { type DynamicModule, Module } from '@nestjs/common';
import { isTask, type Task } from '@billing/tasks-domain';
import { Dispatcher } from './dispatch/dispatcher';
import { reconcileTasksAtProvider } from './dispatch/reconcile';
import { TimeUnderWay } from './dispatch/time-under-way';
import { timeoutSweep } from './dispatch/timeouts';
import { AccountPlans } from './plans/account-plans';
import { PricingClient } from './pricing/pricing-client';
import { TaskViews } from './read-model/task-views';
import { TASK_RPC_PARTS, type TaskRpcOptions, TasksController } from './rpc/task-rpc';
import { SagaRunner } from './saga/saga-runner';
import { AccountSlots } from './slots/account-slots';
import { AdmissionLog } from './slots/admission-log';
import { Admissions } from './slots/admissions';
import { TaskStreams } from './streams/task-streams';
import { TaskReactionsController } from './task-reactions-controller';
import { taskRoutes } from './task-routes';
import { providerOf, resolveTasksOptions, type TasksServiceOptions } from './tasks-service-options';
import { WalletClient } from './wallet/wallet-client';

export const TASKS_SERVICE = SERVICES.tasks;
export { SUBSCRIPTION_TOPIC } from './task-reactions-controller';

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
    // What this instance appends: the slots and the time under way follow it, and whoever records a reservation hands the task, as it left it, to the provider.
    const streams = new TaskStreams(store, context.newId, (events, task) => {
      if (!context.sharedStore) slots.follow(events);
      underWay.follow(events);
      if (isTask(task) && events.some((event) => event.type === 'TaskReserved')) dispatcher.dispatch(task);
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
      // Instances in several processes on one store record each slot decision before acting on it.
      admissionLog: new AdmissionLog(store, context.newId, context.sharedStore === true),
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
    const underWayNow = async () => {
      await views.caughtUp();
      tasksUnderWay = views.underWay();
      return tasksUnderWay;
    };
    if (context.sharedStore) await Promise.all([slots.followStore(store), underWayNow()]);
    else await slots.load(underWayNow);
    underWay.seen(views.timed(), clock.now());
    admissions.resumeRequested(tasksUnderWay);
    for (const task of tasksUnderWay) if (task.status === 'reserved') dispatcher.dispatch(task);
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
      module: TasksModule.of({ streams, views, admissions, plans, pricing, provider, clock }, saga),
      publishes: taskRoutes(settings.partitions),
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
        await slots.stop();
        await views.stop();
        if (owned) await provider.close();
      },
    };
  };
}

/** The task service as a NestJS module: its requests, and what it reacts to. */
@Module({})
export class TasksModule {
  static of(parts: TaskRpcOptions, saga: SagaRunner): DynamicModule {
    return {
      module: TasksModule,
      controllers: [TasksController, TaskReactionsController],
      providers: [
        { provide: TASK_RPC_PARTS, useValue: parts },
        { provide: SagaRunner, useValue: saga },
        { provide: AccountPlans, useValue: parts.plans },
      ],
    };
  }
}
