export { eventually, eventuallyValue } from './eventually';
export { type Goal, opsPerSecond, report } from './bench-report';
export { startPlatformChild } from './platform-child';
export { type ReceivedWebhook, type ReceiverAnswer, startWebhookReceiver, verifies, type WebhookReceiver } from './webhook-receiver';
