import type { RecordedEvent } from '@billing/event-store';
import { EventHeader } from '../headers';
import type { OutgoingMessage, TopicSpec } from '../port';
import { categoryOf, deadLetterTopicFor } from '../topics';

/** Where one stream category goes: its topic, partitions, and the key that keeps an account's events in order. */
export interface RelayRoute {
  readonly category: string;
  readonly topic: string;
  readonly partitions: number;
  readonly keyOf: (streamName: string) => string;
}

/** Every route's topic and its dead-letter topic, as created at start-up. */
export const topicsOfRoutes = (routes: readonly RelayRoute[]): TopicSpec[] =>
  routes.flatMap((r) => [
    { topic: r.topic, partitions: r.partitions },
    { topic: deadLetterTopicFor(r.topic), partitions: r.partitions },
  ]);

export const routeFor = (routes: readonly RelayRoute[], streamName: string): RelayRoute | undefined => {
  const category = categoryOf(streamName);
  return routes.find((r) => r.category === category);
};

/** The event as a Kafka message: JSON data as the value, the envelope in headers. */
export const toOutgoingMessage = (event: RecordedEvent, route: RelayRoute): OutgoingMessage => {
  // An event without a correlation starts its own; one without a cause was caused by nothing else.
  const correlationId = event.metadata.correlationId ?? event.eventId;
  const causationId = event.metadata.causationId ?? event.eventId;
  return {
    topic: route.topic,
    key: route.keyOf(event.streamName),
    value: Buffer.from(event.dataJson ?? JSON.stringify(event.data)),
    headers: {
      [EventHeader.eventId]: event.eventId,
      [EventHeader.eventType]: event.type,
      [EventHeader.schemaVersion]: String(event.schemaVersion),
      [EventHeader.correlationId]: correlationId,
      [EventHeader.causationId]: causationId,
      // The trace the event was written in (W3C trace context), so its reactors continue it; none when tracing is off.
      ...(event.metadata.traceparent ? { [EventHeader.traceparent]: event.metadata.traceparent } : {}),
      [EventHeader.streamName]: event.streamName,
      [EventHeader.streamRevision]: String(event.revision),
      [EventHeader.position]: String(event.position),
    },
  };
};
