/** Header names carried by every relayed event (AsyncAPI `EventHeaders`). */
export const EventHeader = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  traceparent: 'traceparent',
  streamName: 'stream-name',
  streamRevision: 'stream-revision',
  position: 'position',
} as const;

/** Added when a message is dead-lettered, beside the original headers. */
export const DeadLetterHeader = {
  reason: 'x-dead-letter-reason',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  consumer: 'x-dead-letter-consumer',
} as const;
