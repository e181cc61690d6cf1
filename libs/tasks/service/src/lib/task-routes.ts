import { SLOTS_CATEGORY, TASK_CATEGORY } from '@billing/contracts';
import { type RelayRoute, topicFor } from '@billing/messaging';

export const TASK_TOPIC = topicFor(TASK_CATEGORY, 1);
export const SLOTS_TOPIC = topicFor(SLOTS_CATEGORY, 1);

/** The id after the category prefix: the task for `task-<taskId>`, the account for `slots-<accountId>`. */
const idAfter = (category: string) => (streamName: string) => streamName.slice(category.length + 1);

/** Task events keyed by task (each task's events stay in order); slot events keyed by account. */
export const taskRoutes = (partitions: number): readonly RelayRoute[] => [
  { category: TASK_CATEGORY, topic: TASK_TOPIC, partitions, keyOf: idAfter(TASK_CATEGORY) },
  { category: SLOTS_CATEGORY, topic: SLOTS_TOPIC, partitions, keyOf: idAfter(SLOTS_CATEGORY) },
];
