import { mainOf } from '@billing/platform-runtime';

// One process of the distributed deployment: the tasks service alone, over Kafka (TRANSPORT=kafka).
mainOf('tasks-service', ['tasks']);
