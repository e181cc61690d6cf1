import { deadLetterTopicFor, type MessageBus } from '@billing/messaging';
import type { CommandSender, OutgoingCommand } from '../service';
import { commandTopicFor } from '../topics';
import { toCommandMessage } from '../wire/command-message';
import type { RpcDirectory } from './rpc-dispatch';

/**
 * Commands onto a service's command topic, all of one call in one publish. The target
 * topic is created on first use, so a sender may start before the service it talks to.
 * A service in this process (the directory knows it) takes them directly, and `send`
 * resolves once they were handled.
 */
export class BusCommandSender implements CommandSender {
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(
    private readonly bus: MessageBus,
    private readonly partitions: number,
    /** Services of this process: their commands are handled directly, not through the bus. */
    private readonly directory?: RpcDirectory,
  ) {}

  async send(service: string, commands: readonly OutgoingCommand[]): Promise<void> {
    if (commands.length === 0) return;
    const local = this.directory?.commandEndpointOf(service);
    if (local) return local.dispatch(commands);
    await this.ensure(service);
    await this.bus.publish(commands.map((c) => toCommandMessage(service, c)));
  }

  private ensure(service: string): Promise<void> {
    let ensured = this.ensured.get(service);
    if (!ensured) {
      const topic = commandTopicFor(service);
      ensured = this.bus
        .ensureTopics([
          { topic, partitions: this.partitions },
          { topic: deadLetterTopicFor(topic), partitions: this.partitions },
        ])
        .catch((error: unknown) => {
          this.ensured.delete(service);
          throw error;
        });
      this.ensured.set(service, ensured);
    }
    return ensured;
  }
}
