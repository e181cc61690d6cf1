import { mainOf } from '@billing/platform-runtime';

// One process of the distributed deployment: the pricing service alone, over Kafka (TRANSPORT=kafka).
mainOf('pricing-service', ['pricing']);
