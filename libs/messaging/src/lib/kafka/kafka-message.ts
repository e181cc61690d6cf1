import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { IncomingMessage, MessageHeaders } from '../port';

const headerText = (value: IHeaders[string]): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

export const fromKafkaHeaders = (headers: IHeaders | undefined): MessageHeaders => {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) result[name] = text;
  }
  return result;
};

export const fromKafkaMessage = (topic: string, partition: number, message: KafkaMessage): IncomingMessage => ({
  topic,
  partition,
  offset: message.offset,
  key: message.key ? message.key.toString('utf8') : null,
  value: message.value ?? Buffer.alloc(0),
  headers: fromKafkaHeaders(message.headers),
});
