import { parseWalletStreamName, SERVICES, type TaskReply, TasksRpc, WalletRpc, walletStreamName, type WalletEvent } from '@billing/contracts';
import type { EventStore } from '@billing/event-store';
import { type CommandSender, RpcError, type RpcClient, RpcTimeoutError, send } from '@billing/service-host';
import { checkWalletInvariants } from '@billing/wallet-domain';

/*
 * The task workload the end-to-end tests and the saga benchmark drive through real
 * services: fund accounts, create tasks through the tasks service's RPC, wait until every
 * task has ended, then check every wallet stream against DESIGN section 5.
 */

export const TERMINAL_STATUSES: ReadonlySet<TaskReply['status']> = new Set(['charged', 'released', 'rejected']);

export interface TaskSpec {
  readonly accountId: string;
  readonly taskId: string;
  readonly durationMillis: number;
  readonly model: string;
}

/** A seeded random source, so a failing run can be replayed. */
export const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export function planTasks(options: { accounts: readonly string[]; tasks: number; seed: number; prefix: string }): TaskSpec[] {
  const random = seeded(options.seed);
  return Array.from({ length: options.tasks }, (_, i) => ({
    accountId: options.accounts[i % options.accounts.length] ?? 'acct',
    taskId: `${options.prefix}-${i}`,
    durationMillis: (1 + Math.floor(random() * 10)) * 1000,
    model: random() < 0.5 ? 'seedance-2.0' : 'seedance-2.0-fast',
  }));
}

/** API credits for each account, through the wallet's command topic (as the purchase workflow would). */
export async function fundAccounts(commands: CommandSender, accounts: readonly string[], millicredits: (index: number) => number, now: number): Promise<void> {
  await commands.send(
    SERVICES.wallet,
    accounts.map((accountId, index) => ({
      accountId,
      streamName: walletStreamName(accountId, 'api'),
      command: {
        type: 'PurchaseCredits',
        data: { purchaseId: `funding-${accountId}`, millicredits: millicredits(index), amountCents: 100, currency: 'USD', priceBookId: 'credits', priceBookVersion: '2026-01-01' },
        metadata: { commandId: `funding-${accountId}`, now },
      },
    })),
  );
}

export interface CreateOutcome {
  readonly spec: TaskSpec;
  /** The refusal's problem type when the task was refused at creation. */
  readonly refused?: string;
  readonly startedAt: number;
}

/** A service away (killed, restarting): the call timed out or could not be answered. Creating a task again is safe (same task id). */
const isUnavailable = (error: unknown): boolean =>
  error instanceof RpcTimeoutError || (error instanceof RpcError && ['internal', 'unavailable'].includes(error.problem.type));

/**
 * Creates each task (queued when the account is busy), `concurrency` requests in flight.
 * With `retryWhileUnavailable`, a call that found a service away is made again until
 * answered (the kill -9 runs).
 */
export async function createTasks(
  rpc: RpcClient,
  specs: readonly TaskSpec[],
  concurrency: number,
  onCreated?: (outcome: CreateOutcome) => void,
  retryWhileUnavailable = false,
): Promise<CreateOutcome[]> {
  const outcomes: CreateOutcome[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < specs.length; i = next++) {
      const spec = specs[i];
      if (!spec) continue;
      const startedAt = performance.now();
      let outcome: CreateOutcome;
      for (;;) {
        try {
          await send(rpc, TasksRpc.createTask, { ...spec, channel: 'api', queueIfBusy: true }, { key: spec.accountId, timeoutMillis: retryWhileUnavailable ? 10_000 : 60_000 });
          outcome = { spec, startedAt };
          break;
        } catch (error) {
          if (retryWhileUnavailable && isUnavailable(error)) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            continue;
          }
          if (!(error instanceof RpcError)) throw error;
          outcome = { spec, refused: error.problem.type, startedAt };
          break;
        }
      }
      outcomes.push(outcome);
      onCreated?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

/** The sum of every pool's balance of the accounts, as the wallet reports it. */
export async function totalBalanceMillicredits(rpc: RpcClient, accounts: readonly string[]): Promise<number> {
  const balances = await Promise.all(accounts.map((accountId) => send(rpc, WalletRpc.balances, { accountId })));
  return balances.flat().reduce((sum, pool) => sum + pool.balanceMillicredits, 0);
}

/** Every task's view once it has ended; fails naming how many are still under way after `timeoutMillis`. */
export async function awaitTerminal(rpc: RpcClient, specs: readonly TaskSpec[], timeoutMillis: number): Promise<Map<string, TaskReply>> {
  const done = new Map<string, TaskReply>();
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const pending = specs.filter((s) => !done.has(s.taskId));
    for (let i = 0; i < pending.length; i += 100) {
      const views = await Promise.all(
        pending
          .slice(i, i + 100)
          .map((s) =>
            send(rpc, TasksRpc.getTask, { accountId: s.accountId, taskId: s.taskId }, { key: s.accountId, timeoutMillis: 30_000 }).catch((error: unknown) => {
              if (isUnavailable(error)) return null;
              throw error;
            }),
          ),
      );
      for (const view of views) if (view && TERMINAL_STATUSES.has(view.status)) done.set(view.taskId, view);
    }
    if (done.size === specs.length) return done;
    if (Date.now() > deadline) {
      const stuck = specs.filter((s) => !done.has(s.taskId)).slice(0, 5).map((s) => s.taskId);
      throw new Error(`${specs.length - done.size} tasks still under way after ${timeoutMillis} ms (e.g. ${stuck.join(', ')})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface WalletAudit {
  readonly problems: string[];
  readonly streams: number;
  readonly reservations: number;
  readonly chargedByTask: ReadonlyMap<string, number>;
}

/**
 * Reads every wallet's streams from the wallet's store and checks invariants 1 to 4 on each
 * wallet's history across its periods (with every hold ended), that no event id or reservation outcome appears twice
 * (invariant 5), and that each task's `creditsCost` is what its wallet was charged for it.
 */
export async function auditWallets(walletStore: Pick<EventStore, 'readAll'>, tasks: ReadonlyMap<string, TaskReply>, endedBy: number): Promise<WalletAudit> {
  const byStream = new Map<string, WalletEvent[]>();
  const eventIds = new Set<string>();
  const problems: string[] = [];
  for await (const event of walletStore.readAll({ filter: { streamPrefixes: ['wallet-'] } })) {
    if (eventIds.has(event.eventId)) problems.push(`event ${event.eventId} stored twice`);
    eventIds.add(event.eventId);
    // One history per wallet: its period streams in order, without the openings (they move nothing).
    const wallet = parseWalletStreamName(event.streamName);
    const key = wallet === undefined ? event.streamName : walletStreamName(wallet.accountId, wallet.pool);
    const list = byStream.get(key) ?? [];
    if (event.type !== 'BalanceCarriedForward') list.push({ type: event.type, data: event.data } as WalletEvent);
    byStream.set(key, list);
  }
  const chargedByTask = new Map<string, number>();
  const taskOfReservation = new Map<string, string>();
  const outcomes = new Map<string, number>();
  const reserved = new Set<string>();
  let reservations = 0;
  for (const [stream, events] of byStream) {
    for (const finding of checkWalletInvariants(events, { endedBy })) problems.push(`${stream}#${finding.index}: invariant ${finding.invariant} ${finding.rule}: ${finding.message}`);
    for (const event of events) {
      switch (event.type) {
        case 'CreditsReserved':
          reservations++;
          reserved.add(event.data.reservationId);
          if (event.data.taskId) taskOfReservation.set(event.data.reservationId, event.data.taskId);
          break;
        case 'CreditsCharged': {
          const taskId = event.data.taskId ?? taskOfReservation.get(event.data.reservationId);
          if (taskId) chargedByTask.set(taskId, (chargedByTask.get(taskId) ?? 0) + event.data.millicredits);
          outcomes.set(event.data.reservationId, (outcomes.get(event.data.reservationId) ?? 0) + 1);
          break;
        }
        case 'CreditsReleased':
          // The rest of a partly charged hold is released in the same step: one outcome, the charge.
          if (event.data.reason !== 'partial_charge') outcomes.set(event.data.reservationId, (outcomes.get(event.data.reservationId) ?? 0) + 1);
          break;
        case 'ReservationExpired':
          outcomes.set(event.data.reservationId, (outcomes.get(event.data.reservationId) ?? 0) + 1);
          break;
        default:
          break;
      }
    }
  }
  for (const [reservationId, n] of outcomes) if (n > 1) problems.push(`reservation ${reservationId} settled ${n} times`);
  for (const reservationId of reserved) if (!outcomes.has(reservationId)) problems.push(`reservation ${reservationId} never settled`);
  for (const [taskId, view] of tasks) {
    const charged = chargedByTask.get(taskId) ?? 0;
    if ((view.creditsCostMillicredits ?? 0) !== charged) problems.push(`task ${taskId}: credits_cost ${view.creditsCostMillicredits} but its wallet was charged ${charged}`);
    if (view.status === 'charged' && view.creditsCostMillicredits === null) problems.push(`task ${taskId} charged without a cost`);
  }
  return { problems, streams: byStream.size, reservations, chargedByTask };
}
