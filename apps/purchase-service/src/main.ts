import { mainOf } from '@billing/platform-runtime';

// One process of the distributed deployment: the purchase service alone, over Kafka (TRANSPORT=kafka).
mainOf('purchase-service', ['purchase']);
