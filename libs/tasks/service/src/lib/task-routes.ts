import { TASK_CATEGORY } from '@billing/contracts';
import { type RelayRoute, topicFor } from '@billing/messaging';

export const TASK_TOPIC = topicFor(TASK_CATEGORY, 1);

/** Task events keyed by task, so each task's events stay in order. */
export const taskRoutes = (partitions: number): readonly RelayRoute[] => [
  { category: TASK_CATEGORY, topic: TASK_TOPIC, partitions, keyOf: (streamName) => streamName.slice(TASK_CATEGORY.length + 1) },
];
