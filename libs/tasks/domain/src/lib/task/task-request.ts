import type { CommandMetadata, RequestTask, SlotAdmission } from '@billing/contracts';

/** A client's request for a task, before its admission against the concurrency limit is decided. */
export type TaskRequest = Omit<RequestTask['data'], 'admission'>;

export function requestTaskCommand(request: TaskRequest, admission: SlotAdmission, metadata: CommandMetadata): RequestTask {
  return { type: 'RequestTask', data: { ...request, admission }, metadata };
}
