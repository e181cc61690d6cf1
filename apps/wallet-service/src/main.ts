import { mainOf } from '@billing/platform-runtime';

// One process of the distributed deployment: the wallet service alone, over Kafka (TRANSPORT=kafka).
mainOf('wallet-service', ['wallet']);
