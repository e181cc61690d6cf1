import { EventHeader } from '../lib/headers';
import type { MessageBus, MessageSubscription } from '../lib/port';

/** Every delivery of a topic by event id, through its own group: "arrived at least once" made countable. */
export class DeliveryTally {
  readonly ids = new Set<string>();
  deliveries = 0;

  async follow(bus: MessageBus, topic: string, groupId: string): Promise<MessageSubscription> {
    return bus.subscribe({
      groupId,
      topics: [topic],
      handler: async (batch) => {
        for (const m of batch) {
          this.deliveries++;
          this.ids.add(m.headers[EventHeader.eventId] ?? '');
        }
      },
    });
  }

  get duplicates(): number {
    return this.deliveries - this.ids.size;
  }

  missing(expected: readonly string[]): string[] {
    return expected.filter((id) => !this.ids.has(id));
  }
}
