/**
 * What this process's consumers turned away, counted: messages dead-lettered, by topic
 * and consumer group, and RPC requests dropped because their caller's budget ran out.
 * Beside them, what they handled, by consumer group: with several instances of a
 * service, each process's share of the work.
 */
export class FaultCounts {
  private readonly letters = new Map<string, number>();
  private readonly handledCounts = new Map<string, number>();
  private drops = 0;

  /** Counts messages a consumer group of this process handled (commands decided, requests answered, events reacted to). */
  handled(consumer: string, count = 1): void {
    if (count > 0) this.handledCounts.set(consumer, (this.handledCounts.get(consumer) ?? 0) + count);
  }

  /** Messages handled by consumer group, as the metrics read them. */
  handledByConsumer(): [{ consumer: string }, number][] {
    return [...this.handledCounts].map(([consumer, count]) => [{ consumer }, count]);
  }

  /** Counts one dead letter; returns how many this topic and consumer have sent so far. */
  deadLettered(topic: string, consumer: string): number {
    const key = `${topic} ${consumer}`;
    const count = (this.letters.get(key) ?? 0) + 1;
    this.letters.set(key, count);
    return count;
  }

  /** Dead letters from `topic` (every topic when absent), over every consumer. */
  deadLetters(topic?: string): number {
    let sum = 0;
    for (const [key, count] of this.letters) if (topic === undefined || key.startsWith(`${topic} `)) sum += count;
    return sum;
  }

  /** Dead letters by source topic and consumer, as the metrics read them. */
  deadLettersByTopic(): [{ topic: string; consumer: string }, number][] {
    return [...this.letters].map(([key, count]) => {
      const [topic = '', consumer = ''] = key.split(' ');
      return [{ topic, consumer }, count];
    });
  }

  deadlineDropped(): number {
    return ++this.drops;
  }

  get deadlineDrops(): number {
    return this.drops;
  }
}
