import { DeadLetterHeader } from '../headers';
import type { IncomingMessage, OutgoingMessage } from '../port';
import { deadLetterTopicFor } from '../topics';

/** The message as it arrived, to `<topic>.dlq`, with why and where it came from in headers. */
export const deadLetterOf = (message: IncomingMessage, reason: string, consumer: string): OutgoingMessage => ({
  topic: deadLetterTopicFor(message.topic),
  key: message.key ?? '',
  value: message.value,
  headers: {
    ...message.headers,
    [DeadLetterHeader.reason]: reason,
    [DeadLetterHeader.originalTopic]: message.topic,
    [DeadLetterHeader.originalPartition]: String(message.partition),
    [DeadLetterHeader.originalOffset]: message.offset,
    [DeadLetterHeader.consumer]: consumer,
  },
});
