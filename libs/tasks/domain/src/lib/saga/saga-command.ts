import { taskStreamName, walletStreamName, type TaskCommand, type WalletCommand } from '@billing/contracts';

/** A command the task saga decided, with where it goes. */
export type TaskSagaCommand =
  | { readonly target: 'task'; readonly taskId: string; readonly command: TaskCommand }
  | { readonly target: 'wallet'; readonly accountId: string; readonly pool: string; readonly command: WalletCommand }
  /** The account's slots changed: the queued tasks that fit now leave the queue (`leavingQueue`). */
  | { readonly target: 'slots'; readonly accountId: string };

/** The stream a task or wallet command is decided on. */
export function targetStream(sagaCommand: Exclude<TaskSagaCommand, { target: 'slots' }>): string {
  return sagaCommand.target === 'task' ? taskStreamName(sagaCommand.taskId) : walletStreamName(sagaCommand.accountId, sagaCommand.pool);
}
