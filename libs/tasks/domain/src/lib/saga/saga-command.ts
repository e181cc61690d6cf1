import {
  slotsStreamName,
  taskStreamName,
  walletStreamName,
  type SlotCommand,
  type TaskCommand,
  type WalletCommand,
} from '@billing/contracts';
import { assertNever } from '@billing/util';

/** A command the task saga decided, with the stream it is meant for. */
export type TaskSagaCommand =
  | { readonly target: 'task'; readonly taskId: string; readonly command: TaskCommand }
  | { readonly target: 'slots'; readonly accountId: string; readonly command: SlotCommand }
  | { readonly target: 'wallet'; readonly accountId: string; readonly pool: string; readonly command: WalletCommand };

export function targetStream(sagaCommand: TaskSagaCommand): string {
  switch (sagaCommand.target) {
    case 'task':
      return taskStreamName(sagaCommand.taskId);
    case 'slots':
      return slotsStreamName(sagaCommand.accountId);
    case 'wallet':
      return walletStreamName(sagaCommand.accountId, sagaCommand.pool);
    default:
      return assertNever(sagaCommand, 'saga command target');
  }
}
